"""ASGI entry point: HTTP through Django, websockets through Channels."""

import asyncio
import gc
import os
import sys
import weakref

from django.core.asgi import get_asgi_application

from config.env import ConfigurationError, default_settings_module

try:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings_module())
    django_application = get_asgi_application()
except ConfigurationError as error:
    sys.exit(f"Configuration error: {error}")

# Imported after Django is set up: routing pulls in models.
from channels.routing import ProtocolTypeRouter, URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from django.conf import settings
from django.urls import reverse

from accounts.websocket import SessionUserMiddleware
from config.routing import websocket_urlpatterns
from live.draining import lifespan


def with_server_port(app):
    """uvicorn listening on a Unix socket (the deployment's layout, behind nginx) gives the
    scope's server no port; Django would read it as SERVER_PORT "None", on which Wagtail's
    site lookup fails and every page answers 500. The scheme's own port stands in."""

    async def application(scope, receive, send):
        server = scope.get("server")
        if server is not None and server[1] is None:
            port = 443 if scope.get("scheme") in ("https", "wss") else 80
            scope = {**scope, "server": (server[0], port)}
        await app(scope, receive, send)

    return application


# Not counted: the live room's HTTP fallback, whose long polls give their connection back
# while waiting; the health check, which must answer while pages queue; and the media admin,
# where videos are uploaded, whose requests nginx passes on as they arrive (docs/deploy.md).
LIVE_FALLBACK = reverse("live_api:events", kwargs={"session_id": 0}).removesuffix("0/events")
UNCOUNTED = (LIVE_FALLBACK, reverse("healthz"), reverse("wagtailmedia:index"))


def taking_turns(app, *, limit: int, uncounted: tuple[str, ...]):
    """At most `limit` requests at a time; the others wait in the event loop, holding
    nothing. Django serves each request in a thread of its own, which keeps a pooled database
    connection from its first query to its end: without a limit, the two thousand page loads
    of a seminar's arrival take every connection of the pool and leave the live room's
    arrivals and actions queuing behind them, and hundreds of threads compete for the
    interpreter with the event loop that serves every websocket. Paths under `uncounted`
    are not counted."""
    turns = weakref.WeakKeyDictionary()  # event loop -> its semaphore (tests run several)

    async def application(scope, receive, send):
        if scope["path"].startswith(uncounted):
            return await app(scope, receive, send)
        loop = asyncio.get_running_loop()
        if loop not in turns:
            turns[loop] = asyncio.Semaphore(limit)
        async with turns[loop]:
            await app(scope, receive, send)

    return application


application = ProtocolTypeRouter(
    {
        "http": taking_turns(
            with_server_port(django_application),
            limit=settings.HTTP_CONCURRENCY,
            uncounted=UNCOUNTED,
        ),
        "websocket": AllowedHostsOriginValidator(
            SessionUserMiddleware(URLRouter(websocket_urlpatterns))
        ),
        # uvicorn --lifespan on: a stopping worker answers the live room's actions first.
        "lifespan": lifespan,
    }
)

# What start-up loaded (Django, Wagtail, every app: several hundred thousand objects) stays
# for the life of the process: leave it out of the garbage collector's full passes, which
# otherwise walk it again and again while a crowd of connections arrives.
gc.freeze()
# And collect less often than Python's default thresholds (700, 10, 10): a young pass every
# 700 new objects, a full one every hundred young ones once the long-lived objects grew by a
# quarter. Each arriving connection keeps a few hundred objects for as long as it stays, and
# while 2,000 people joined, the collector's passes took a fifth of the server's time, most
# of it in full passes over every connection's objects (bench/live.py). Reference counting
# frees nearly all garbage anyway; the collector is there for cycles. Middle passes come
# every 20 young ones (a million new objects), full ones every 10 middle ones. Set on
# import, as gc.freeze(): a test process that imports this module collects the same way.
gc.set_threshold(50_000, 20, 10)
