// The Flask app the vectors were captured with (capture-app.py: a verbatim copy of the one
// ../shared/tools/capture-vectors writes), put in place for a uWSGI started by a test.

import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CAPTURE_APP = fileURLToPath(new URL('capture-app.py', import.meta.url));

/** Copies the app into `dir` as app.py (`--chdir dir --module app --callable app`); returns dir. */
export function installCaptureApp(dir: string): string {
  mkdirSync(dir, { recursive: true });
  copyFileSync(CAPTURE_APP, join(dir, 'app.py'));
  return dir;
}

/** The app as the capture tool embeds it, when ../shared/tools/capture-vectors is at hand. */
export function captureToolApp(root: string): string | undefined {
  const tool = join(root, '../shared/tools/capture-vectors');
  if (!existsSync(tool)) return undefined;
  const text = readFileSync(tool, 'utf8');
  const match = /cat >"\$T\/app\/app\.py" <<'PYAPP'\n([\s\S]*?)\nPYAPP\n/.exec(text);
  return match === null ? undefined : `${match[1]}\n`;
}
