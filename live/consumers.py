"""The live room's websocket: /ws/live/<session id>/?since=<seq>&lang=<code>.

Thin: access, resume and actions are in live.selectors, live.services and live.actions;
broadcasts reach this connection through the process's hub (live.hub), not through a
channel of its own."""

import asyncio
import contextlib
import json
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.exceptions import StopConsumer
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.sessions import InstanceSessionWrapper
from django.conf import settings
from django.db import OperationalError, connection
from django.utils import translation
from django.utils.functional import empty
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.websocket import set_scope_user
from cms.database import is_busy
from live import actions, broadcast, draining, selectors, services
from live.hub import get_hub
from live.services import LiveError

logger = logging.getLogger(__name__)

CLOSE_REFUSED = 4403
CLOSE_IDLE = 4408
CLOSE_TOO_MANY_JOINS = 4429
TOO_MANY_JOINS = gettext_lazy(
    "Too many people are joining from your network at once: try again in a minute."
)
CLOSE_SERVER_ERROR = 1011
# Actions a connection may have sent and not yet been answered; beyond, it is refused.
MAX_UNANSWERED_ACTIONS = 20


# Actions (ask, vote, moderate...) on PostgreSQL run in threads of their own too, so they do
# not queue behind the pages the same process renders on Channels' one database thread
# (bench/load.py: at 100 people on 2 cores they waited seconds). A connection's actions stay
# in order: a consumer handles its frames one at a time. SQLite takes one writer at a time,
# so there they stay on the one thread.
WRITERS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="live-actions")


def _writes(function):
    if connection.vendor == "postgresql":
        return database_sync_to_async(function, thread_sensitive=False, executor=WRITERS)
    return database_sync_to_async(function)


class LiveRoomConsumer(AsyncJsonWebsocketConsumer):
    # No channel per connection: the hub receives each room's events once per process.
    channel_layer = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A connection's actions run one after the other, each in a task of its own, so
        # that what arrives meanwhile is read at once (a ping, or an action to refuse when
        # the server is stopping); the last one taken, and how many await their answer.
        self.acting: asyncio.Task | None = None
        self.unanswered = 0

    async def __call__(self, scope, receive, send):
        # Channels' session middleware wraps `send` to save the session and set its cookie
        # on HTTP responses; on a websocket it does nothing but costs microseconds per
        # frame, and the hub writes every event to every connection through this `send`.
        wrapper = getattr(send, "__self__", None)
        if isinstance(wrapper, InstanceSessionWrapper):
            send = wrapper.real_send
        draining.register(self)
        try:
            await self._serve(scope, receive, send)
        finally:
            draining.forget(self)
        # A connection gone with an action still in the database: the server process waits
        # for it to end before it stops (the client sends it again under its key).
        if self.acting is not None and not self.acting.done():
            await asyncio.wait([self.acting], timeout=draining.DRAIN_SECONDS)

    async def _serve(self, scope, receive, send):
        """Channels' AsyncConsumer.__call__ for a consumer without a channel: the client's
        frames are the only source, read one after the other, without the task and
        asyncio.wait that Channels spends on every frame to read several sources at once
        (a twentieth of the server's CPU while a crowd joins)."""
        self.scope = scope
        self.base_send = send
        with contextlib.suppress(StopConsumer):
            while True:
                await self.dispatch(await receive())

    async def drain(self):
        """The server is stopping: answer the actions taken, then close, telling the client
        to reconnect and send again what is still unanswered."""
        if self.acting is not None:
            await asyncio.wait([self.acting])
        await self.close(code=draining.CLOSE_RESTARTING)

    async def connect(self):
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        self.language = _language(query.get("lang", [""])[0])
        self.room_id = None
        self.ready = False
        self.pending = []
        self.last_seen = self.connected_at = time.monotonic()
        # Accept before reading the database: when many clients connect at once (a server
        # restart), the handshake completes at once instead of waiting its turn for the
        # database, which could outlast the server's handshake timeout. What the client
        # receives is the same: a snapshot, or the refusal and the close.
        await self.accept()
        hub = get_hub()
        if not hub.join_allowed((self.scope.get("client") or ("",))[0]):
            await self._refuse("too_many_joins", TOO_MANY_JOINS, CLOSE_TOO_MANY_JOINS)
            return
        # The access check and the snapshot (or the missed events) are read by the hub for
        # everyone arriving at about the same time at once (live.selectors.welcomes).
        session_id = self.scope["url_route"]["kwargs"]["session_id"]
        since = _since(query.get("since", [""])[0])
        # The user too, from the session key, unless something read it already.
        user = self.scope["user"]
        knock = selectors.Knock(
            session_id,
            None if user._wrapped is empty else user,
            since,
            session_key=self.scope["session_key"],
        )
        welcome = await hub.knock(self, knock)
        set_scope_user(self.scope, welcome.user)
        self.user = welcome.user
        self.access = welcome.access
        if not self.access.allowed:
            await hub.leave(session_id, self)
            await self._refuse(self.access.reason, self.access.message, CLOSE_REFUSED)
            return
        self.room_id = session_id
        self.user_id = self.user.pk
        self.moderator = self.access.moderator
        self.learner = self.access.learner
        await self._welcome(welcome)

    async def dispatch(self, message):
        """As Channels does, without closing stale database connections first: that costs a
        trip to the database thread for every frame (pings included), and every database
        call here goes through database_sync_to_async, which closes them itself."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def websocket_disconnect(self, message):
        """As Channels does, without its trip to the database thread to close stale
        connections (see `dispatch`): a crowd leaving, or a restart's thousands of
        disconnections, would queue one trip each on the thread the live room shares."""
        await self.disconnect(message["code"])
        raise StopConsumer()

    async def disconnect(self, code):
        if self.room_id is not None:
            await get_hub().leave(self.room_id, self)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        self.last_seen = time.monotonic()
        if self.room_id is None:
            return
        if text_data is None:
            # A binary frame is not read, whatever it holds: the room speaks JSON text.
            with translation.override(self.language):
                message = _("This message is binary: send actions as JSON text.")
            await self._error(None, "binary", str(message))
            return
        if len(text_data.encode()) > settings.LIVE_MAX_FRAME_BYTES:
            await self._error(None, "too_large", _("A message is at most 4 KB of text."))
            return
        try:
            frame = json.loads(text_data)
        except ValueError:
            frame = None
        if not isinstance(frame, dict) or not isinstance(frame.get("action"), str):
            await self._error(None, "malformed", _("This message is not understood."))
            return
        await self.receive_json(frame)

    async def receive_json(self, content, **kwargs):
        ref = content.get("ref")
        if not isinstance(ref, str | int) or isinstance(ref, bool):
            ref = None
        action = content["action"]
        if action == "ping":
            await self.send_json({"type": "pong", "ref": ref})
        elif action == "resume":
            await self._resume(_since(content.get("since")))
        elif draining.stopping():
            with translation.override(self.language):
                message = _("The server is restarting: your action will be sent again.")
            await self._error(ref, "restarting", str(message), key=_key(content))
        elif self.unanswered >= MAX_UNANSWERED_ACTIONS:
            with translation.override(self.language):
                message = _("Too many actions at once: wait a minute and try again.")
            await self._error(ref, "rate_limited", str(message), key=_key(content))
        else:
            self.unanswered += 1
            self.acting = asyncio.ensure_future(self._act(self.acting, ref, content))

    async def _act(self, previous: asyncio.Task | None, ref, content: dict):
        """Run one action after the connection's previous one, and answer it."""
        if previous is not None:
            await asyncio.wait([previous])
        key = _key(content)
        try:
            answer = await self._answer(ref, key, content)
        except Exception:
            logger.exception("live room %s: action failed", self.room_id)
            with contextlib.suppress(Exception):
                await self.close(code=CLOSE_SERVER_ERROR)
            return
        finally:
            self.unanswered -= 1
        with contextlib.suppress(Exception):  # a connection that closed meanwhile
            await self.send_json(answer)

    async def _answer(self, ref, key, content: dict) -> dict:
        """The ack or error frame of an action."""
        action = content["action"]
        echo = {"ref": ref} if key is None else {"ref": ref, "key": key}
        with translation.override(self.language):
            try:
                result = await _writes(actions.perform)(
                    self.room_id, self.user, self.access, content
                )
            except LiveError as error:
                return {"type": "error", **echo, "code": error.code, "message": str(error.message)}
            except OperationalError as failure:
                if not is_busy(failure):
                    raise
                message = str(_("The room is very busy: try again in a moment."))
                return {"type": "error", **echo, "code": "busy", "message": message}
        return {"type": "ack", **echo, "action": action, **result}

    async def close_idle(self):
        await self.close(code=CLOSE_IDLE)

    async def send_json(self, content, close=False):
        await super().send(text_data=broadcast.encode(content), close=close)

    async def _resume(self, since: int | None):
        """Send what the client missed since `since`, or a snapshot; then what the hub held
        back meanwhile. The client drops anything it already has by sequence number."""
        self.ready = False
        knock = selectors.Knock(self.room_id, self.user, since, self.access)
        await self._welcome(await get_hub().knock(self, knock))

    async def _welcome(self, welcome: selectors.Welcome):
        for text in get_hub().admit(self.room_id, self, welcome):
            await self.send(text_data=text)
        while self.pending:
            held, self.pending = self.pending, []
            for seq, everyone, moderators in held:
                if seq > welcome.seq:
                    await self.base_send(moderators if self.moderator else everyone)
        self.ready = True

    async def _refuse(self, reason: str, message, code: int):
        with translation.override(self.language):
            message = str(message)
        await self.send_json({"type": "refused", "reason": reason, "message": message})
        await self.close(code=code)

    async def _error(self, ref, code, message, *, key=None):
        frame = {"type": "error", "ref": ref, "code": code, "message": message}
        if key is not None:
            frame["key"] = key
        await self.send_json(frame)


def _key(content: dict) -> str | None:
    """The frame's idempotency key, when it is a valid one (echoed in the answer)."""
    key = content.get("key")
    return key if isinstance(key, str) and services.ACTION_KEY.fullmatch(key) else None


def _since(value) -> int | None:
    if value is None or value == "":
        return None  # a first connection: not an error to raise and catch for each one
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


def _language(code: str) -> str:
    codes = {language for language, _name in settings.LANGUAGES}
    return code if code in codes else settings.LANGUAGE_CODE
