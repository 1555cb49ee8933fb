// Runs with the inspector page and stays tiny: the inspector's code (the codec, the packet view,
// the strings) loads on the reader's first focus, click, keystroke or drag. Until it is here, a
// submit or a drop must not navigate away; what the reader did is handed over.
const TRIGGERS = [
  'focusin',
  'pointerdown',
  'click',
  'input',
  'change',
  'submit',
  'dragover',
  'drop',
] as const;

export function armInspector(doc: Document): void {
  const root = doc.querySelector<HTMLElement>('[data-inspector]');
  if (root === null) return;
  const pending: Event[] = [];
  const record = (event: Event): void => {
    if (event.type === 'submit' || event.type === 'dragover' || event.type === 'drop')
      event.preventDefault();
    // A drop's files can be read only while it is handled: keep them in the file input.
    const files = event instanceof DragEvent ? event.dataTransfer?.files : undefined;
    const input = root.querySelector<HTMLInputElement>('input[type="file"]');
    if (files !== undefined && files.length > 0 && input !== null) input.files = files;
    pending.push(event);
    if (pending.length > 1) return;
    void import('./inspector.ts').then(async (module) => {
      // Recording goes on until the inspector listens itself; then it handles what was recorded.
      await module.startInspector(root, pending);
      for (const type of TRIGGERS) root.removeEventListener(type, record);
    });
  };
  for (const type of TRIGGERS) root.addEventListener(type, record);
}
