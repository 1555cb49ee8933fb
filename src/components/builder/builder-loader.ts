// Runs with the builder page and stays tiny: the builder's code (the generators, the nginx and
// uWSGI models, the strings) loads on the reader's first focus, click, keystroke or change in
// it. What the reader did before it arrived is handed over: a click on a copy button still copies.
const TRIGGERS = ['focusin', 'pointerdown', 'click', 'input', 'change', 'submit'] as const;

export function armBuilder(doc: Document): void {
  const root = doc.querySelector<HTMLElement>('[data-builder]');
  if (root === null) return;
  const pending: Event[] = [];
  const record = (event: Event): void => {
    if (event.type === 'submit') event.preventDefault();
    pending.push(event);
    if (pending.length > 1) return;
    void import('./builder.ts').then(async (module) => {
      // recording goes on until the builder listens itself; then it handles what was recorded
      await module.startBuilder(root, pending);
      for (const type of TRIGGERS) root.removeEventListener(type, record);
    });
  };
  for (const type of TRIGGERS) root.addEventListener(type, record);
}
