"""Start the provider on a free port of 127.0.0.1: `python -m tests.sso.oidc_provider.serve
CONFIG.json` migrates its own SQLite database, creates the people and clients the config
names, prints `READY <port>` and serves until it is stopped."""

import json
import os
import sys
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def load(config):
    from django.contrib.auth.models import User
    from oauth2_provider.models import Application

    for username, person in config["people"].items():
        User.objects.create_user(username=username, password=person["password"])
    for client in config["clients"]:
        Application.objects.create(
            name=client["name"],
            client_id=client["client_id"],
            client_secret=client["client_secret"],
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
            redirect_uris=" ".join(client["redirect_uris"]),
            algorithm=Application.RS256_ALGORITHM,
            skip_authorization=True,
        )


def main():
    config_path = sys.argv[1]
    config = json.loads(Path(config_path).read_text())
    application = {}

    def app(environ, start_response):
        return application["wsgi"](environ, start_response)

    server = make_server("127.0.0.1", 0, app, server_class=Server, handler_class=QuietHandler)
    os.environ["OIDC_PROVIDER_CONFIG"] = config_path
    os.environ["OIDC_PROVIDER_ISSUER"] = f"http://127.0.0.1:{server.server_port}/o"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.sso.oidc_provider.settings"

    import django
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application

    django.setup()
    call_command("migrate", verbosity=0)
    load(config)
    application["wsgi"] = get_wsgi_application()
    print(f"READY {server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
