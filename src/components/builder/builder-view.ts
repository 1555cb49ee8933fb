// What the page shows for the builder's outputs, the same at build time and in the browser: for
// each block its title bar, its copy button's name, its text and the line on which model checked
// it; the commands that apply the files come from the terminal's scenario seam.

import type { UiKey } from '../../i18n/index.ts';
import { literal, text, type UiText } from '../packet/ui-text.ts';
import { builderScenario } from './builder-scenario.ts';
import type { BuilderOutputs } from './config-builder.ts';
import type { GeneratedFile } from './generated-file.ts';

export type BlockKind = 'ini' | 'nginx' | 'unit' | 'apply';

export interface BlockView {
  readonly kind: BlockKind;
  readonly title: UiText;
  readonly copyLabel: UiText;
  /** Exactly what the copy button copies. */
  readonly text: string;
  readonly check: UiKey | undefined;
}

export const BLOCK_KINDS: readonly BlockKind[] = ['ini', 'nginx', 'unit', 'apply'];

function fileBlock(kind: BlockKind, file: GeneratedFile, check: UiKey): BlockView {
  return {
    kind,
    title: literal(file.path),
    copyLabel: text('builder.copy', { file: file.path.slice(file.path.lastIndexOf('/') + 1) }),
    text: file.text,
    check,
  };
}

/** A title cut after each slash: where a narrow title bar may wrap a path (`<wbr>` between). */
export function titleParts(title: string): string[] {
  return title.split(/(?<=\/)(?=.)/);
}

/** The blocks in page order; the unit's is missing without systemd. */
export function blockViews(outputs: BuilderOutputs): BlockView[] {
  const blocks = [
    fileBlock('ini', outputs.ini, 'builder.check.uwsgi'),
    fileBlock(
      'nginx',
      outputs.nginx,
      outputs.unit === undefined ? 'builder.check.nginx' : 'builder.check.nginx-own',
    ),
  ];
  if (outputs.unit !== undefined)
    blocks.push(fileBlock('unit', outputs.unit, 'builder.check.unit'));
  blocks.push({
    kind: 'apply',
    title: text('code.terminal'),
    copyLabel: text('builder.copy.commands'),
    text: builderScenario(outputs).commands.join('\n'),
    check: undefined,
  });
  return blocks;
}
