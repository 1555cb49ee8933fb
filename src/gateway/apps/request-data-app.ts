// A Flask app with routes that read the request, as a lesson writes it:
//
//   @app.route("/")                              -> "Hello World!"
//   @app.route("/greet")                          -> f"Hello, {request.args.get('name', 'World')}!"
//   @app.route("/user/<name>")                    -> f"User: {name}"
//   @app.route("/form", methods=["POST"])         -> form fields as "key=value" lines
//   @app.route("/json", methods=["POST"])         -> jsonify(received=request.get_json(silent=True))
//   @app.route("/items/<int:item_id>", methods=["GET", "DELETE"])
//                                                  -> {"id": item_id, "method": request.method}

import { PyInt } from './python-json.ts';
import { FlaskApp, json, text, type FlaskAppOptions } from './flask-app.ts';

export function requestDataApp(options: Partial<FlaskAppOptions> = {}): FlaskApp {
  return new FlaskApp({
    description: 'Flask app with routes reading request.args, request.form and request.get_json()',
    file: options.file ?? '/home/ubuntu/helloWorld/app.py',
    ...(options.now === undefined ? {} : { now: options.now }),
    routes: [
      { rule: '/', endpoint: 'index', view: () => text('Hello World!') },
      {
        rule: '/greet',
        endpoint: 'greet',
        view: (request) => text(`Hello, ${request.args.get('name') ?? 'World'}!`),
      },
      {
        rule: '/user/<name>',
        endpoint: 'user',
        view: (_request, args) => text(`User: ${String(args['name'])}`),
      },
      {
        rule: '/form',
        methods: ['POST'],
        endpoint: 'form',
        view: (request) =>
          text(
            request.form
              .items()
              .map(([key, value]) => `${key}=${value}\n`)
              .join(''),
          ),
      },
      {
        rule: '/json',
        methods: ['POST'],
        endpoint: 'json_echo',
        view: (request) => json(new Map([['received', request.getJsonSilent()]])),
      },
      {
        rule: '/items/<int:item_id>',
        methods: ['GET', 'DELETE'],
        endpoint: 'item',
        view: (request, args) =>
          json(
            new Map<string, PyInt | string>([
              ['id', new PyInt(BigInt(Number(args['item_id'])))],
              ['method', request.method],
            ]),
          ),
      },
    ],
  });
}
