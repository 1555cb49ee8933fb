// `uwsgi-lab decode`: a uwsgi packet (hex dump or raw bytes) to JSON, or to an annotated listing.

import { annotate } from '../../protocol/annotate.ts';
import { decode } from '../../protocol/decode.ts';
import { PacketError } from '../../protocol/packet-error.ts';
import { annotationListing } from '../annotation-listing.ts';
import { CliError } from '../cli-error.ts';
import type { Command } from '../cli-io.ts';
import { looksLikeText, packetBytes, readInput, type InputMode } from '../packet-input.ts';
import { packetJson } from '../packet-json.ts';
import { parseOptions } from '../parse-options.ts';

const HELP = `usage: uwsgi-lab decode [FILE|-] [--hex|--raw] [--annotate] [--buffer-size N] [--allow-empty-keys]

Reads one uwsgi packet and prints it as JSON:

  {"modifier1": 0, "modifier2": 0, "datasize": 363, "vars": [["QUERY_STRING", ""], …], "body": ""}

A key, value or body is a string when its bytes are valid UTF-8, else {"hex": "…"}. The body is
CONTENT_LENGTH bytes (read as uWSGI reads it: its leading digits); bytes after it are "trailing".
A packet whose modifier1 carries no vars block (101 echo, 100 ping, …) has "payload" instead of
"vars" and "body".

FILE (default: stdin) is taken as a hex dump when all of it reads as one — plain hex (any spacing,
0x or \\x prefixes), xxd, xxd -i, hexdump -C, od -t x1 (any -A), tcpdump -x/-xx/-X/-XX or tshark -x
(link, IP and TCP headers are removed and the first flow carrying data is joined) — else as raw
bytes.

options:
  --hex               the input must be a hex dump
  --raw               the input is raw bytes, even if it looks like hex
  --annotate          print every field with its offset, length and bytes instead of JSON
  --buffer-size N     refuse a datasize over N, as uWSGI does (its default is 4096)
  --allow-empty-keys  accept a zero key length (uWSGI refuses it)
  -h, --help          this text

Bad input gets one line on stderr and exit status 2, e.g.
  uwsgi-lab: decode: datasize says 380 bytes but 12 follow (byte 4)
`;

export const decodeCommand: Command = {
  name: 'decode',
  summary: 'read a uwsgi packet (hex dump or raw) and print it as JSON or annotated',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      hex: { type: 'boolean' },
      raw: { type: 'boolean' },
      annotate: { type: 'boolean' },
      'buffer-size': { type: 'string' },
      'allow-empty-keys': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help === true) {
      io.stdout(HELP);
      return 0;
    }
    if (values.hex === true && values.raw === true)
      throw new CliError('--hex and --raw exclude each other');
    if (positionals.length > 1) throw new CliError(`one FILE at most, got ${positionals.length}`);
    const bufferSize =
      values['buffer-size'] === undefined ? undefined : bufferSizeOption(values['buffer-size']);
    const options = {
      ...(bufferSize === undefined ? {} : { bufferSize }),
      allowEmptyKeys: values['allow-empty-keys'] === true,
    };
    const mode: InputMode = values.hex === true ? 'hex' : values.raw === true ? 'raw' : 'auto';
    const input = await readInput(positionals[0], io);
    const { bytes, notADump } = packetBytes(input, mode);

    if (values.annotate === true) {
      const ranges = annotate(bytes, options);
      io.stdout(annotationListing(ranges));
      const broken = ranges.find((range) => range.field === 'broken');
      if (broken?.field === 'broken') throw broken.value;
      return 0;
    }
    try {
      io.stdout(packetJson(decode(bytes, options)));
    } catch (error) {
      // Text that is neither: say both reasons, or the reader only learns half the story.
      if (error instanceof PacketError && notADump !== undefined && looksLikeText(input)) {
        throw new CliError(
          `the input is neither a hex dump nor a uwsgi packet: as a dump, ${notADump}; as a packet, ${error.message} (byte ${error.offset})`,
        );
      }
      throw error;
    }
    return 0;
  },
};

function bufferSizeOption(text: string): number {
  const size = Number(text);
  if (!/^\d+$/.test(text) || size > 65535)
    throw new CliError(
      `--buffer-size must be a number from 0 to 65535, not ${JSON.stringify(text)}`,
    );
  return size;
}
