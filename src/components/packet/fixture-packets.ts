// The golden packets in tests/fixtures/vectors/, read at build time by Vite (this module is only
// imported from component frontmatter, never shipped): NAME.hex is what real nginx sent,
// uwsgi-resp-NAME.hex what real uWSGI answered.
import { bytesFromHex } from '../../protocol/byte-text.ts';

const FILES = import.meta.glob<string>('/tests/fixtures/vectors/*.hex', {
  query: '?raw',
  import: 'default',
  eager: true,
});

const byName = new Map(
  Object.entries(FILES).map(([path, hex]) => [
    path.slice(path.lastIndexOf('/') + 1, -'.hex'.length),
    hex,
  ]),
);

/** The file a fixture name and side stand for: `get-root` → get-root.hex, or its uwsgi-resp-. */
export function fixtureFile(name: string, response = false): string {
  if (!response) return `${name}.hex`;
  // the hand-made ping and echo are manual-NAME; their answers are uwsgi-resp-NAME
  return `uwsgi-resp-${name.replace(/^manual-/, '')}.hex`;
}

/** The bytes of a fixture; an unknown name fails the build with the names there are. */
export function fixtureBytes(name: string, response = false): Uint8Array {
  const file = fixtureFile(name, response);
  const hex = byName.get(file.slice(0, -'.hex'.length));
  if (hex === undefined) {
    const known = [...byName.keys()].filter((key) => !key.startsWith('uwsgi-resp-'));
    throw new Error(`no fixture ${file} in tests/fixtures/vectors (names: ${known.join(', ')})`);
  }
  return bytesFromHex(hex.replace(/\s+/g, ''));
}
