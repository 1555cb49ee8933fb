// The numbers a lesson quotes about a packet — total length, datasize and its bytes, how many vars
// uWSGI counts, one var's lengths and offset, the body — read from the bytes by the codec, so that
// no lesson types a byte count by hand. An unknown fact or var fails the build.
import { hexOf, utf8Text } from '../../protocol/byte-text.ts';
import { packetViewModel, selectField, type ViewField } from './packet-view-model.ts';

export const PACKET_FACTS = [
  'total',
  'header-hex',
  'modifier1',
  'modifier2',
  'datasize',
  'datasize-hex',
  'datasize-value-hex',
  'pairs',
  'vars',
  'body',
  'var-offset',
  'var-length',
  'key-length',
  'key-length-hex',
  'value-length',
  'value-length-hex',
  'value',
  'status',
  'head-length',
  'header-count',
] as const;
export type PacketFactName = (typeof PACKET_FACTS)[number];

export interface PacketFact {
  readonly text: string;
  /** Bytes or wire text, shown in a monospace face. */
  readonly code: boolean;
}

const fact = (value: string | number, code = false): PacketFact => ({ text: String(value), code });

function isFact(name: string): name is PacketFactName {
  return (PACKET_FACTS as readonly string[]).includes(name);
}

/** A fact about the bytes; `pair` picks a var by key (`REMOTE_PORT`) or 1-based number. */
export function packetFact(bytes: Uint8Array, name: string, pair?: string): PacketFact {
  if (!isFact(name))
    throw new RangeError(`unknown fact "${name}" (facts: ${PACKET_FACTS.join(', ')})`);
  const model = packetViewModel(bytes);
  type Of<K extends ViewField['kind']> = ViewField & { readonly kind: K };
  const is = <K extends ViewField['kind']>(field: ViewField | undefined, kind: K): field is Of<K> =>
    field?.kind === kind;
  const find = <K extends ViewField['kind']>(kind: K): Of<K> => {
    const field = model.fields.find((candidate): candidate is Of<K> => is(candidate, kind));
    if (field === undefined) throw new RangeError(`fact "${name}": this packet has no ${kind}`);
    return field;
  };
  const child = <K extends ViewField['kind']>(parent: ViewField, index: number, kind: K): Of<K> => {
    const field = model.fields[parent.children[index] ?? -1];
    if (!is(field, kind)) throw new RangeError(`fact "${name}": var ${pair ?? ''} is broken`);
    return field;
  };
  const chosen = (): ViewField => {
    if (pair === undefined) throw new RangeError(`fact "${name}" needs var="KEY" (or a number)`);
    const id = selectField(model.fields, `var:${pair}`);
    if (id === undefined) throw new RangeError(`fact "${name}": no var ${pair} in this packet`);
    return model.fields[id]!;
  };
  const hexAt = (field: ViewField): string => hexOf(bytes.subarray(field.start, field.end), ' ');

  switch (name) {
    case 'total':
      return fact(bytes.length);
    case 'header-hex':
      return fact(hexAt(find('header')), true);
    case 'modifier1':
      return fact(find('modifier1').value);
    case 'modifier2':
      return fact(find('modifier2').value);
    case 'datasize':
      return fact(find('datasize').value);
    case 'datasize-hex':
      return fact(hexAt(find('datasize')), true);
    case 'datasize-value-hex':
      return fact(`0x${find('datasize').value.toString(16).padStart(4, '0')}`, true);
    case 'pairs':
      return fact(find('vars').children.length);
    case 'vars':
      // uWSGI's request log counts keys and values apart: {32 vars in 363 bytes} is 16 pairs
      return fact(find('vars').children.length * 2);
    case 'body': {
      const body = model.fields.find(
        (field) => field.kind === 'body' || field.kind === 'http-body',
      );
      return fact(
        body === undefined
          ? 0
          : body.kind === 'http-body'
            ? body.value.body.length
            : body.end - body.start,
      );
    }
    case 'var-offset':
      return fact(chosen().start);
    case 'var-length': {
      const field = chosen();
      return fact(field.end - field.start);
    }
    case 'key-length':
      return fact(child(chosen(), 0, 'key-length').value);
    case 'key-length-hex':
      return fact(hexAt(child(chosen(), 0, 'key-length')), true);
    case 'value-length':
      return fact(child(chosen(), 2, 'value-length').value);
    case 'value-length-hex':
      return fact(hexAt(child(chosen(), 2, 'value-length')), true);
    case 'value': {
      const value = child(chosen(), 3, 'value').value;
      return fact(utf8Text(value) ?? hexOf(value, ' '), true);
    }
    case 'status':
      return fact(find('status-line').value.status);
    case 'head-length':
      return fact(find('head-end').end);
    case 'header-count':
      return fact(find('http-headers').children.length);
  }
}
