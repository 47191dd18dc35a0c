"""Who is on the other end of a websocket: the signed-in user of the session cookie, read
for a crowd of handshakes at once.

Channels' AuthMiddlewareStack reads the session row, then the user row, for each handshake,
each on Channels' one database thread with a connection of its own, before the consumer even
starts. When two thousand participants arrive within a minute, handshakes queue behind each
other for seconds. Here the middleware only takes the session key; `users_of_sessions`
reads the users of many keys in one pass (the sessions, their users and the users' roles:
three queries however many there are), and the live room does it in the same pass as the
rest of what an arriving crowd needs (live.selectors.welcomes). The checks are Django's own
(django.contrib.auth's get_user): a session that expired, a user who cannot log in, or a
session hash that no longer matches (a password changed elsewhere) leaves the visitor
anonymous. Nothing is cached between handshakes: a logout takes effect at the next
connection."""

import contextlib
from importlib import import_module

from channels.auth import UserLazyObject
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
from django.http.cookie import parse_cookie
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.functional import empty

from accounts.permissions import load_roles


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


class SessionUserMiddleware:
    """Puts the session key of a websocket's cookie in scope["session_key"], and its user
    in scope["user"]: a lazy object until `scope_user(scope)` (or a consumer that reads the
    user together with other things, as the live room does through
    `users_of_sessions`) resolves it. In place of Channels' AuthMiddlewareStack; websockets
    only read the session: nothing here writes it back or sets a cookie."""

    def __init__(self, inner):
        self.inner = inner

    async def __call__(self, scope, receive, send):
        cookies = {}
        for name, value in scope.get("headers", ()):
            if name == b"cookie":
                cookies = parse_cookie(value.decode("latin-1"))
                break
        key = cookies.get(settings.SESSION_COOKIE_NAME) or None
        scope = dict(scope, session_key=key, user=UserLazyObject())
        return await self.inner(scope, receive, send)


async def scope_user(scope):
    """The websocket's user, read now if it was not yet."""
    if scope["user"]._wrapped is empty:
        key = scope["session_key"]
        found = await database_sync_to_async(users_of_sessions)([key]) if key else {}
        set_scope_user(scope, found.get(key))
    return scope["user"]._wrapped


def set_scope_user(scope, user) -> None:
    scope["user"]._wrapped = user or AnonymousUser()
