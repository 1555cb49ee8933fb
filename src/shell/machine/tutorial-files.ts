// The original tutorial's files, byte for byte as the reference captures used them
// (../shared/reference/real-output-shell.md, "Files used"): the Flask hello world, its uWSGI ini
// and its nginx server block.

/** /home/ubuntu/helloWorld: where the tutorial keeps its app (owned by root, as captured). */
export const TUTORIAL_DIRECTORY = '/home/ubuntu/helloWorld';

export const TUTORIAL_APP_PY = `from flask import Flask
app = Flask(__name__)

@app.route("/")
def hello():
    return "Hello World!"

if __name__ == "__main__":
    app.run()
`;

export const TUTORIAL_UWSGI_INI = `[uwsgi]
chdir=/home/ubuntu/helloWorld
chmod-socket=666
callable=app
module=app
socket=/tmp/uwsgi.sock
virtualenv=/home/ubuntu/helloWorld/.venv
`;

/** The server block the tutorial puts in /etc/nginx/sites-available/default. */
export const TUTORIAL_NGINX_SITE = `server {
        listen   8080;

        server_name helloworld.haruair.com;

        location / {
                try_files $uri @helloworld;
        }

        location @helloworld {
                include uwsgi_params;
                uwsgi_pass unix:/tmp/uwsgi.sock;
        }
}
`;
