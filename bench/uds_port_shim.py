"""The platform's ASGI application with a port in the scope's "server" when uvicorn listens
on a Unix socket (it gives (path, None) there, which Django turns into SERVER_PORT "None" and
Wagtail's site lookup into a query that fails: every page answers 500). Only for
bench/load.py --uds-port-shim, to measure the pages while the layout itself is fixed."""

from config.asgi import application as platform


async def application(scope, receive, send):
    server = scope.get("server")
    if server is not None and server[1] is None:
        scope = {**scope, "server": (server[0], 443)}
    await platform(scope, receive, send)
