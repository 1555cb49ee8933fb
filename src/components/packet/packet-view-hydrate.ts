// Brings a build-time packet view to life: reads its bytes back from the page, rebuilds the same
// view model with the codec, loads the page language's strings and binds the linked panes.
import { bytesFromHex } from '../../protocol/byte-text.ts';
import { bindPacketView } from './packet-view-interaction.ts';
import { packetViewModel } from './packet-view-model.ts';
import { loadUiStrings, pageLocale, textFn } from './ui-strings.ts';

/** Binds the view, then handles what the reader did while this code loaded (`pending`). */
export async function hydratePacketView(
  root: HTMLElement,
  pending: readonly Event[],
): Promise<void> {
  const cells = root.querySelectorAll('[role="gridcell"]');
  const hex = root.dataset['hex'] ?? [...cells].map((cell) => cell.textContent ?? '').join('');
  const from = Number(root.dataset['from'] ?? '0');
  const model = packetViewModel(bytesFromHex(hex), {
    as: root.dataset['kind'] === 'http-response' ? 'http-response' : 'uwsgi',
    window: { from, to: from + cells.length },
  });
  const strings = await loadUiStrings(pageLocale(root.ownerDocument));
  const binding = bindPacketView(root, model, textFn(strings));
  for (const event of pending) binding.replay(event);
}
