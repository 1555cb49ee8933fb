// PEP 3333 as uWSGI's python plugin runs it: the environ, the call, the HTTP response uWSGI
// writes. The public API of src/gateway/wsgi.

export {
  compareCodePoints,
  environFromVars,
  environLines,
  environStr,
  PyObjectRef,
  pyTuple,
  showEnvironValue,
  WsgiErrors,
  WsgiInput,
} from './environ.ts';
export type { Environ, EnvironOptions, EnvironValue, PyIntTuple } from './environ.ts';
export { PythonException } from './python-exception.ts';
export type { SyntaxLocation, TracebackFrame } from './python-exception.ts';
export { pyAscii, pyReprBool, pyReprBytes, pyReprStr } from './python-repr.ts';
export { callWsgiApp, noAppResponse, uwsgiHttpResponse } from './wsgi-response.ts';
export type { UwsgiHttpResponse, WsgiCall } from './wsgi-response.ts';
