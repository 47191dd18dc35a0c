"""Who is on the other end of a websocket: the signed-in user of the session cookie, found
for a crowd of handshakes at once.

Channels' AuthMiddlewareStack reads the session row, then the user row, for each handshake,
each on Channels' one database thread with a connection of its own. When two thousand
participants arrive within a minute, handshakes queue behind each other for seconds. Here
the session keys of the handshakes that arrive together are read in one pass (the sessions,
their users and the users' roles: three queries however many there are), while the next
handshakes gather for the pass after it. The checks are Django's own (django.contrib.auth's
get_user): a session that expired, a user who cannot log in, or a session hash that no longer
matches (a password changed elsewhere) leaves the visitor anonymous. Nothing is cached
between handshakes: a logout takes effect at the next connection."""

import asyncio
import contextlib
import time
from concurrent.futures import ThreadPoolExecutor
from importlib import import_module

from channels.db import database_sync_to_async
from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
    load_backend,
)
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connection as database
from django.http.cookie import parse_cookie
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from accounts.permissions import load_roles

# One pass at a time: the handshakes that arrive meanwhile make the next one. On PostgreSQL, a
# thread of its own, so that a crowd's handshakes do not wait behind other work on Channels'
# database thread.
LOOKUPS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="session-users")
# Session keys read in one pass, at most (SQL parameters stay well under every limit).
LOOKUP_BATCH = 500
# A pass that follows another within CROWD_SECONDS waits GATHER_SECONDS first, so that
# handshakes trickling in one by one still share passes; a lone handshake never waits.
CROWD_SECONDS = 0.1
GATHER_SECONDS = 0.01


def users_of_sessions(keys) -> dict[str, object]:
    """The signed-in user of each session key that has one (a fixed number of queries)."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    sessions = {}
    if issubclass(store_class, DatabaseSessionStore):
        rows = store_class.get_model_class().objects.filter(
            session_key__in=keys, expire_date__gt=timezone.now()
        )
        decoder = store_class()
        for key, data in rows.values_list("session_key", "session_data"):
            sessions[key] = decoder.decode(data)
    else:  # the cache or signed cookies: as Django reads them, one by one
        for key in keys:
            sessions[key] = store_class(key).load()
    model = get_user_model()
    wanted = {}
    for key, data in sessions.items():
        if data.get(BACKEND_SESSION_KEY) in settings.AUTHENTICATION_BACKENDS:
            with contextlib.suppress(Exception):
                wanted[key] = model._meta.pk.to_python(data[SESSION_KEY])
    users = model._default_manager.in_bulk(set(wanted.values()))
    found = {}
    for key, user_id in wanted.items():
        user = users.get(user_id)
        data = sessions[key]
        backend = load_backend(data[BACKEND_SESSION_KEY])
        if user is None or not getattr(backend, "user_can_authenticate", bool)(user):
            continue
        if _hash_verified(user, data.get(HASH_SESSION_KEY)):
            found[key] = user
    load_roles(list(found.values()))
    return found


def _hash_verified(user, session_hash) -> bool:
    if not session_hash:
        return False
    if constant_time_compare(session_hash, user.get_session_auth_hash()):
        return True
    # Signed with a key of SECRET_KEY_FALLBACKS: still valid, as Django's get_user says.
    return any(
        constant_time_compare(session_hash, fallback)
        for fallback in user.get_session_auth_fallback_hash()
    )


class SessionUsers:
    """Gathers the session keys of concurrent handshakes into passes (one per event loop)."""

    def __init__(self):
        self.waiting: dict[str, list[asyncio.Future]] = {}
        self.worker: asyncio.Task | None = None
        self.last_pass = 0.0

    async def user(self, key: str | None):
        if not key:
            return AnonymousUser()
        future = asyncio.get_running_loop().create_future()
        self.waiting.setdefault(key, []).append(future)
        if self.worker is None or self.worker.done():
            self.worker = asyncio.get_running_loop().create_task(self._work())
        return await future

    async def _work(self) -> None:
        if database.vendor == "sqlite":
            # SQLite takes one writer at a time: read beside the writes, on Channels' database
            # thread (the tests' shared-memory database would lock whole tables).
            lookup = database_sync_to_async(users_of_sessions)
        else:
            lookup = database_sync_to_async(
                users_of_sessions, thread_sensitive=False, executor=LOOKUPS
            )
        while self.waiting:
            if time.monotonic() - self.last_pass < CROWD_SECONDS:
                # A crowd is arriving: let a few more handshakes join this pass.
                await asyncio.sleep(GATHER_SECONDS)
            self.last_pass = time.monotonic()
            keys = list(self.waiting)[:LOOKUP_BATCH]
            futures = {key: self.waiting.pop(key) for key in keys}
            try:
                found = await lookup(keys)
            except Exception as error:
                for waiting in futures.values():
                    for future in waiting:
                        if not future.done():
                            future.set_exception(error)
                continue
            for key, waiting in futures.items():
                for future in waiting:
                    if not future.done():
                        future.set_result(found.get(key) or AnonymousUser())


_lookups: dict[asyncio.AbstractEventLoop, SessionUsers] = {}


def _session_users() -> SessionUsers:
    loop = asyncio.get_running_loop()
    lookups = _lookups.get(loop)
    if lookups is None:
        for old in [old for old in _lookups if old.is_closed()]:
            del _lookups[old]
        lookups = _lookups[loop] = SessionUsers()
    return lookups


class SessionUserMiddleware:
    """Puts the signed-in user (or AnonymousUser) in a websocket's scope["user"], in place
    of Channels' AuthMiddlewareStack. Websockets only read the session: nothing here
    writes it back or sets a cookie."""

    def __init__(self, inner):
        self.inner = inner

    async def __call__(self, scope, receive, send):
        cookies = {}
        for name, value in scope.get("headers", ()):
            if name == b"cookie":
                cookies = parse_cookie(value.decode("latin-1"))
                break
        user = await _session_users().user(cookies.get(settings.SESSION_COOKIE_NAME))
        return await self.inner(dict(scope, user=user), receive, send)
