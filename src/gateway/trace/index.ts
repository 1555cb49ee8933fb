// The journey of a request, hop by hop: the public API of src/gateway/trace.

export { journeyFailure, JourneyRecorder, traceBytes } from './journey.ts';
export type {
  Actor,
  Hop,
  HopKind,
  HopRecorder,
  Journey,
  TraceBytes,
  TraceCheck,
  TraceReason,
} from './journey.ts';
