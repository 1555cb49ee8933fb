// `uwsgi-lab encode`: the JSON `decode` prints, back to the packet's bytes (as hex, or raw).

import { utf8Text } from '../../protocol/byte-text.ts';
import { encode } from '../../protocol/encode.ts';
import { CliError } from '../cli-error.ts';
import type { Command } from '../cli-io.ts';
import { readInput } from '../packet-input.ts';
import { packetFromJson } from '../packet-json.ts';
import { parseOptions } from '../parse-options.ts';
import { hexLines } from '../hex-lines.ts';

const HELP = `usage: uwsgi-lab encode [FILE|-] [--raw] [--allow-empty-keys]

Reads a packet as JSON — the form \`uwsgi-lab decode\` prints — and writes its bytes as lower-case
hex, 32 bytes a line (the layout of the captured vectors), or raw with --raw:

  {"modifier1": 0, "modifier2": 0, "vars": [["REQUEST_METHOD", "GET"], ["PATH_INFO", "/"]], "body": ""}
  {"modifier1": 101, "payload": "hello uwsgi"}

Strings are written as UTF-8; {"hex": "…"} gives bytes as they are. "modifier1" and "modifier2"
default to 0 for a vars packet. datasize is computed from the vars (a "datasize" in the input is
ignored); over 65535 is refused as nginx refuses it ("uwsgi request is too big: N"). "trailing"
bytes are written after the packet, so \`decode | encode\` gives back the input.

options:
  --raw               write the bytes themselves instead of hex
  --allow-empty-keys  write a zero key length (uWSGI refuses it)
  -h, --help          this text
`;

export const encodeCommand: Command = {
  name: 'encode',
  summary: 'turn the JSON decode prints back into packet bytes (hex or raw)',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      raw: { type: 'boolean' },
      'allow-empty-keys': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help === true) {
      io.stdout(HELP);
      return 0;
    }
    if (positionals.length > 1) throw new CliError(`one FILE at most, got ${positionals.length}`);
    const input = await readInput(positionals[0], io);
    const text = utf8Text(input);
    if (text === undefined) throw new CliError('the input is not UTF-8 text, so not JSON');
    const { packet, trailing } = packetFromJson(text);
    const bytes = encode(packet, { allowEmptyKeys: values['allow-empty-keys'] === true });
    const out = new Uint8Array(bytes.length + trailing.length);
    out.set(bytes);
    out.set(trailing, bytes.length);
    io.stdout(values.raw === true ? out : hexLines(out));
    return 0;
  },
};
