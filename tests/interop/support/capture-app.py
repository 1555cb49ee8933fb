# The Flask app capture-vectors serves through uWSGI. Each route echoes what
# the app received, so the captured responses show how the bytes arrived.
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/")
def hello_world():
    return "Hello World!"


@app.route("/hello")
def hello():
    args = ", ".join(f"{k}={v}" for k, v in request.args.items(multi=True))
    return f"hello; args: {args}\n"


@app.route("/submit", methods=["POST"])
def submit():
    fields = ", ".join(f"{k}={v}" for k, v in request.form.items(multi=True))
    return f"form: {fields}\n"


@app.route("/api", methods=["POST"])
def api():
    return jsonify(received=request.get_json(silent=True))


def shown(value):
    # ascii() shows each code point of the WSGI str (header bytes arrive as latin-1)
    if len(value) > 64:
        return f"{ascii(value[:24])}... ({len(value)} chars)"
    return ascii(value)


@app.route("/<path:anything>", methods=["GET", "POST"])
def catch_all(anything):
    env = request.environ
    lines = [f"PATH_INFO: {shown(env['PATH_INFO'])}", f"request.path: {shown(request.path)}"]
    for key in sorted(env):
        if key == "HTTP_COOKIE" or key.startswith("HTTP_X"):
            lines.append(f"{key}: {shown(env[key])}")
    return "\n".join(lines) + "\n"
