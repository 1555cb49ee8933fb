// The builder's form as BuilderInputs: read every box, radio and checkbox; write back the values
// that follow others (the virtualenv under the app's folder…); show only the fields the choices
// ask for. Values are read and written as the form's values, never as markup.

import type { BuilderInputs, FieldName } from './builder-inputs.ts';

const TEXT_FIELDS = [
  'appDir',
  'module',
  'wsgiFile',
  'callable',
  'venv',
  'socketPath',
  'tcpAddress',
  'processes',
  'threads',
  'serverName',
  'port',
  'staticUrl',
  'staticDir',
] as const satisfies readonly FieldName[];

type Checkbox = 'useVenv' | 'tryFiles' | 'serveStatic' | 'systemd';

function textBox(form: HTMLFormElement, name: string): HTMLInputElement | undefined {
  const element = form.elements.namedItem(name);
  return element instanceof HTMLInputElement ? element : undefined;
}

function radioValue(form: HTMLFormElement, name: string): string {
  const element = form.elements.namedItem(name);
  return element instanceof RadioNodeList ? element.value : '';
}

export function readForm(form: HTMLFormElement): BuilderInputs {
  const value = (name: (typeof TEXT_FIELDS)[number]): string => textBox(form, name)?.value ?? '';
  const checked = (name: Checkbox): boolean => textBox(form, name)?.checked ?? false;
  return {
    appDir: value('appDir'),
    entry: radioValue(form, 'entry') === 'wsgi-file' ? 'wsgi-file' : 'module',
    module: value('module'),
    wsgiFile: value('wsgiFile'),
    callable: value('callable'),
    useVenv: checked('useVenv'),
    venv: value('venv'),
    socket: radioValue(form, 'socket') === 'tcp' ? 'tcp' : 'unix',
    socketPath: value('socketPath'),
    tcpAddress: value('tcpAddress'),
    processes: value('processes'),
    threads: value('threads'),
    serverName: value('serverName'),
    port: value('port'),
    tryFiles: checked('tryFiles'),
    serveStatic: checked('serveStatic'),
    staticUrl: value('staticUrl'),
    staticDir: value('staticDir'),
    systemd: checked('systemd'),
  };
}

/** Puts the text values of `inputs` into the boxes whose value differs (the caret stays put). */
export function writeForm(form: HTMLFormElement, inputs: BuilderInputs): void {
  for (const name of TEXT_FIELDS) {
    const box = textBox(form, name);
    if (box !== undefined && box.value !== inputs[name]) box.value = inputs[name];
  }
}

/** Whether each conditional field is asked for. */
function shown(inputs: BuilderInputs): Partial<Record<FieldName, boolean>> {
  return {
    module: inputs.entry === 'module',
    wsgiFile: inputs.entry === 'wsgi-file',
    venv: inputs.useVenv,
    socketPath: inputs.socket === 'unix',
    tcpAddress: inputs.socket === 'tcp',
    staticUrl: inputs.serveStatic,
    staticDir: inputs.serveStatic,
  };
}

export function showFields(root: HTMLElement, inputs: BuilderInputs): void {
  for (const [name, visible] of Object.entries(shown(inputs))) {
    const wrapper = root.querySelector<HTMLElement>(`[data-field="${name}"]`);
    if (wrapper !== null) wrapper.hidden = !visible;
  }
}
