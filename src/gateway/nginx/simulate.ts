// One request through a loaded configuration on a machine, end to end on nginx's side: the
// decisions, and either nginx's own answer as bytes or the packet it sends upstream. The shell,
// the lab and the CLI all go through this.

import type { MachineFs } from '../fs.ts';
import type { MachineUsers } from '../users.ts';
import type { NginxConfig } from './config-model.ts';
import { processRequest, type NginxHandling } from './request-processing.ts';
import { ownResponseBytes } from './response.ts';
import type { ClientConnection } from './variables.ts';

export interface SimulatedRequest {
  readonly handling: NginxHandling;
  /** What nginx sends the client when it answers itself; undefined when it goes upstream. */
  readonly response: Uint8Array | undefined;
}

export function simulateRequest(
  request: Uint8Array,
  machine: { readonly fs: MachineFs; readonly users: MachineUsers; readonly config: NginxConfig },
  connection: ClientConnection,
  now: Date = new Date(),
): SimulatedRequest {
  const handling = processRequest(request, {
    config: machine.config,
    fs: machine.fs,
    users: machine.users,
    connection,
  });
  const response =
    handling.outcome.kind === 'respond'
      ? ownResponseBytes(handling.outcome.response, now)
      : undefined;
  return { handling, response };
}
