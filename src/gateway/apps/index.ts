// The modelled Python applications behind one WSGI interface, and the reader of app.py: the
// public API of src/gateway/apps.

export type { ResponseHeaders, StartResponse, WriteBody, WsgiApp } from './wsgi-app.ts';
export { FlaskApp, HTTP_STATUS_CODES, json, statusLine, text } from './flask-app.ts';
export type {
  FlaskAppOptions,
  FlaskRoute,
  FlaskView,
  ViewArgs,
  ViewBody,
  ViewResult,
} from './flask-app.ts';
export { helloWorldApp } from './hello-world.ts';
export { requestDataApp } from './request-data-app.ts';
export { rawWsgiApp } from './raw-wsgi-app.ts';
export type { RawWsgiOptions } from './raw-wsgi-app.ts';
export { environDumperApp } from './environ-dumper-app.ts';
export { captureApp } from './capture-app.ts';
export { echoApp } from './echo-app.ts';
export { CAPTURE_APP_SOURCE, ENVIRON_DUMPER_SOURCE, KNOWN_APPS, knownApp } from './known-apps.ts';
export type { KnownApp } from './known-apps.ts';
export { findCallable, HttpAbort, isStdlib, loadModule } from './app-module.ts';
export type { CallableLookup, ModuleEnvironment, ModuleLoad, ModuleSource } from './app-module.ts';
export { WerkzeugRequest } from './werkzeug-request.ts';
export { pyJsonDumps, pyJsonLoads, PyFloat, PyInt } from './python-json.ts';
export type { PyJson } from './python-json.ts';

import { captureApp } from './capture-app.ts';
import { echoApp } from './echo-app.ts';
import { environDumperApp } from './environ-dumper-app.ts';
import { helloWorldApp } from './hello-world.ts';
import { rawWsgiApp } from './raw-wsgi-app.ts';
import { requestDataApp } from './request-data-app.ts';
import type { WsgiApp } from './wsgi-app.ts';

/** The modelled apps by name (`serve --app NAME`). */
export const APPS: Readonly<Record<string, () => WsgiApp>> = {
  hello: () => helloWorldApp(),
  'request-data': () => requestDataApp(),
  wsgi: () => rawWsgiApp(),
  environ: () => environDumperApp(),
  capture: () => captureApp(),
  echo: () => echoApp(),
};
