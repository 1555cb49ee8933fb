// The tutorial's app.py: Flask's hello world, one route returning "Hello World!".
//
//   from flask import Flask
//   app = Flask(__name__)
//
//   @app.route("/")
//   def hello():
//       return "Hello World!"

import { FlaskApp, text, type FlaskAppOptions } from './flask-app.ts';

export function helloWorldApp(options: Partial<FlaskAppOptions> = {}): FlaskApp {
  return new FlaskApp({
    description: 'Flask hello world: / returns "Hello World!"',
    file: options.file ?? '/home/ubuntu/helloWorld/app.py',
    ...(options.now === undefined ? {} : { now: options.now }),
    routes: [{ rule: '/', endpoint: 'hello', line: 4, view: () => text('Hello World!') }],
  });
}
