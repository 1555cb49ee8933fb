// The machine's socket table and what a connect() meets: the public API of src/gateway/net.

export { NET_ERRNO, netError } from './net-error.ts';
export type { NetError, NetErrorCode } from './net-error.ts';
export {
  addressMatches,
  ANY_ADDRESS,
  ANY_ADDRESS_V6,
  formatAddress,
  parseSocketArgument,
} from './socket-address.ts';
export type { SocketAddress } from './socket-address.ts';
export {
  EPHEMERAL_PORT_HIGH,
  EPHEMERAL_PORT_LOW,
  seededPorts,
  SocketTable,
} from './socket-table.ts';
export type {
  BindOptions,
  BindResult,
  Connection,
  ConnectResult,
  Listener,
  PeerInfo,
  PortSource,
  SocketOwner,
  StreamEnd,
  StreamReply,
  StreamServer,
} from './socket-table.ts';
export { exchangeWithUpstream } from './upstream-exchange.ts';
export type { UpstreamOutcome } from './upstream-exchange.ts';
export { sendClientRequest } from './client-request.ts';
export type { ClientOutcome } from './client-request.ts';
