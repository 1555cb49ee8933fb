// uWSGI's ini reader (core/ini.c, uwsgi_ini_config): line by line; blank lines and lines starting
// with `;` or `#` skipped; `[name]` starts a section; `key = value` (or a bare `key`, whose value
// is empty) in the asked section — `[uwsgi]` unless the file is named as `file.ini:section` — with
// spaces, tabs and CRs trimmed around both. No quoting and no continuation lines: a value is the
// rest of the line. Keys are not checked here; uWSGI looks them up as options later.

export interface IniEntry {
  readonly key: string;
  readonly value: string;
  /** 1-based line number in the file. */
  readonly line: number;
}

export interface IniRead {
  readonly entries: readonly IniEntry[];
  /** Whether the asked section appeared at all (uWSGI warns when it did not). */
  readonly gotSection: boolean;
}

const TRIM = /^[ \t\r]+|[ \t\r]+$/g;

export function readIni(text: string, section = 'uwsgi'): IniRead {
  const entries: IniEntry[] = [];
  let current = '';
  let gotSection = false;
  const lines = text.split('\n');
  // a file ending with "\n" has no line after it
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (const [index, raw] of lines.entries()) {
    const line = raw.replace(TRIM, '');
    if (line === '') continue;
    if (line.startsWith('[')) {
      // uWSGI drops the last character, whatever it is
      current = line.slice(1, -1);
      continue;
    }
    if (line.startsWith(';') || line.startsWith('#')) continue;
    const equal = line.indexOf('=');
    const key = (equal < 0 ? line : line.slice(0, equal)).replace(TRIM, '');
    const value = equal < 0 ? '' : line.slice(equal + 1).replace(TRIM, '');
    if (current === section) {
      gotSection = true;
      entries.push({ key, value, line: index + 1 });
    }
  }
  return { entries, gotSection };
}

/** `file.ini:section` → the file and the section (uWSGI splits at the last colon). */
export function splitIniName(name: string): { readonly file: string; readonly section: string } {
  const colon = name.lastIndexOf(':');
  if (colon < 0) return { file: name, section: 'uwsgi' };
  const section = name.slice(colon + 1);
  return { file: name.slice(0, colon), section: section === '' ? 'uwsgi' : section };
}
