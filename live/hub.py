"""One hub per server process: it subscribes the process once to each room that has local
participants, and writes each event's pre-encoded frame to every local connection.

With a consumer per connection in the room's group, the channel layer would carry every
event once per connection (and the in-memory layer scans every channel on each send); here
it carries it once per process. The hub also gathers votes into periodic tallies, keeps the
presence counts, credits online attendance, and closes connections that went silent."""

import asyncio
import contextlib
import contextvars
import logging
import threading
import time
import uuid
from collections import Counter, deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from asgiref.sync import SyncToAsync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import close_old_connections
from django.db import connection as database

from accounts import ratelimit
from live import broadcast, selectors, services

logger = logging.getLogger(__name__)

# A connection is anything with these attributes and coroutines (see live.consumers).
#   user_id, moderator, learner, ready, pending, last_seen, connected_at
#   async base_send(message), async close_idle()
# While it is not ready, the events for it gather in `pending` as (seq, frame for everyone,
# frame for moderators): it may not know yet which of the two it gets.

# Who arrives (or asks to catch up) is answered in passes: the knocks that come while one pass
# reads the database make the next one, so a crowd costs a few passes of a fixed number of
# queries (on PostgreSQL on a thread of their own), instead of a round of queries per person
# (see selectors.welcomes).
ARRIVALS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="live-arrivals")
ARRIVALS_BATCH = 500
# A pass that follows another within CROWD_SECONDS waits GATHER_SECONDS first, so that
# clients trickling in one by one still share passes; a lone arrival never waits.
CROWD_SECONDS = 0.1
GATHER_SECONDS = 0.01

IDLE_CHECK_EVERY = 15.0
CHECKED_IN_EVERY = 10.0
PRESENCE_KEEPALIVE = 10.0
# Clients of the HTTP fallback count as online this long after their last request.
POLLER_ONLINE_SECONDS = 35.0
# What a released room sends its own listener so that it stops.
STOP = "live.stop"
# A message the channel layer refused is offered this many times in all.
PUBLISH_ATTEMPTS = 3
# A tally not written back to the local connections after this long (a channel layer that
# lost it) no longer holds the next one back.
TALLY_LONGEST_WAIT = 1.0


@dataclass(eq=False)
class LocalRoom:
    room_id: int
    connections: set = field(default_factory=set)
    # Connections waiting for their access and snapshot: they collect events meanwhile.
    arriving: set = field(default_factory=set)
    # moderator (bool) -> the shared part of the snapshot at the room's last event, encoded
    # once for everyone who arrives until the next event (selectors.SharedSnapshot).
    snapshots: dict = field(default_factory=dict)
    waiters: set = field(default_factory=set)
    pollers: dict = field(default_factory=dict)  # user id -> monotonic time of last request
    channel: str | None = None
    listener: asyncio.Task | None = None
    subscribed: asyncio.Event = field(default_factory=asyncio.Event)
    others: dict = field(default_factory=dict)  # process id -> (online, monotonic time)
    online_published: tuple | None = None
    presence_sent: tuple | None = None
    checked_in: int | None = None  # until the first arrivals or presence pass counts them
    checked_in_at: float = 0.0
    credited_at: float = field(default_factory=time.monotonic)
    delivered_seq: int = 0  # the last event written to the local connections
    # The last tally published from here (monotonic time), and its seq until delivered.
    tallied_at: float = 0.0
    tally_in_flight: int | None = None

    # user id -> their connections here: who is online, counted as they come and go (a
    # crowd of two thousand arriving would otherwise count everyone at every arrival).
    present: Counter = field(default_factory=Counter)

    @property
    def empty(self) -> bool:
        return not self.connections and not self.arriving and not self.waiters

    def add(self, connection) -> None:
        if connection not in self.connections:
            self.connections.add(connection)
            self.present[connection.user_id] += 1

    def discard(self, connection) -> None:
        if connection in self.connections:
            self.connections.discard(connection)
            self.present[connection.user_id] -= 1
            if not self.present[connection.user_id]:
                del self.present[connection.user_id]


class Hub:
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.layer = get_channel_layer()
        self.process_id = uuid.uuid4().hex
        self.rooms: dict[int, LocalRoom] = {}
        self._dirty: set[int] = set()
        self._dirty_lock = threading.Lock()
        self._ticker: asyncio.Task | None = None
        self._idle_checked = time.monotonic()
        self._outbox: deque = deque()
        self._publisher: asyncio.Task | None = None
        self._knocks: list = []  # (connection, selectors.Knock, future)
        self._knocked = asyncio.Event()
        self._doorkeeper: asyncio.Task | None = None
        self._last_pass = 0.0
        self._joins: dict[str, int] = {}  # address -> joins in the current minute
        self._joins_minute: int | None = None

    # --- Membership -------------------------------------------------------------------

    async def join(self, room_id: int, connection) -> None:
        room = await self._room(room_id)
        room.add(connection)

    async def leave(self, room_id: int, connection) -> None:
        room = self.rooms.get(room_id)
        if room is None:
            return
        room.discard(connection)
        room.arriving.discard(connection)
        await self._release(room)

    # --- Arriving -----------------------------------------------------------------------

    def join_allowed(self, address: str) -> bool:
        """Count one more websocket join from this address in this process this minute
        (accounts.ratelimit's clock); False past LIVE_JOINS_PER_ADDRESS. Counted here, in
        memory, rather than in the shared cache: a refusal must cost less than a join."""
        minute = int(ratelimit.clock() // 60)
        if minute != self._joins_minute:
            self._joins_minute = minute
            self._joins.clear()
        count = self._joins[address] = self._joins.get(address, 0) + 1
        return count <= settings.LIVE_JOINS_PER_ADDRESS

    async def knock(self, connection, knock: selectors.Knock) -> selectors.Welcome:
        """The access and snapshot (or missed events) of a connection arriving at a room, or
        of one asking to catch up. From now until `admit`, events for it gather in its
        `pending`; a refused one must `leave`."""
        room = await self._room(knock.session_id)
        if connection not in room.connections:
            room.arriving.add(connection)
        future = self.loop.create_future()
        self._knocks.append((connection, knock, future))
        self._knocked.set()
        if self._doorkeeper is None or self._doorkeeper.done():
            self._doorkeeper = self._background(self._answer_knocks())
        try:
            return await future
        except BaseException:
            room.arriving.discard(connection)
            await self._release(room)
            raise

    def admit(self, room_id: int, connection, welcome: selectors.Welcome) -> list[str]:
        """Let an allowed connection in; returns the frames to send it first: the events it
        missed, or its snapshot (with the presence counts, itself included)."""
        room = self.rooms[room_id]
        room.arriving.discard(connection)
        room.add(connection)
        if welcome.events is not None:
            return welcome.events
        # Counted: the arrivals' pass that answered this connection counts a new room's.
        presence = {"online": self.online(room_id), "checked_in": room.checked_in}
        return [welcome.snapshot.frame(welcome.me, welcome.own_pending, presence)]

    async def _answer_knocks(self) -> None:
        sqlite = database.vendor == "sqlite"
        if sqlite:
            # One writer at a time: read beside the writes on Channels' database thread (the
            # tests' shared-memory database would lock whole tables). Without Channels'
            # closing of the connection after each pass: opening a SQLite connection costs
            # more than a pass's reads (a tenth of the server's time in a joining storm).
            # The connection is closed once nobody has knocked for CROWD_SECONDS: a crowd
            # comes in waves, each answered by a pass, with moments between them when no
            # one is waiting.
            answer = SyncToAsync(_welcomes, thread_sensitive=True)
        else:
            answer = database_sync_to_async(_welcomes, thread_sensitive=False, executor=ARRIVALS)
        while True:
            while self._knocks or (sqlite and await self._knock_within(CROWD_SECONDS)):
                await self._answer_pass(answer, sqlite=sqlite)
            if not sqlite:
                return
            # Everyone is in: close the connection. Whoever knocks meanwhile finds this
            # loop still running, and is answered by it, on a new connection.
            await self._close_database()
            if not self._knocks:
                return

    async def _answer_pass(self, answer, *, sqlite: bool) -> None:
        """One pass: the knocks waiting (up to ARRIVALS_BATCH) answered together."""
        if time.monotonic() - self._last_pass < CROWD_SECONDS:
            # A crowd is arriving: let a few more join this pass.
            await asyncio.sleep(GATHER_SECONDS)
        self._last_pass = time.monotonic()
        batch = self._knocks[:ARRIVALS_BATCH]
        del self._knocks[:ARRIVALS_BATCH]
        known, uncounted = {}, set()
        for room_id in {knock.session_id for _c, knock, _f in batch}:
            room = self.rooms.get(room_id)
            for moderator, shared in room.snapshots.items() if room else ():
                known[room_id, moderator] = shared
            if room is not None and room.checked_in is None:
                uncounted.add(room_id)
        try:
            welcomes, built, counted = await answer(
                [knock for _c, knock, _f in batch], known, uncounted
            )
        except Exception as error:
            for _connection, _knock, future in batch:
                if not future.done():
                    future.set_exception(error)
            if sqlite:
                await self._close_database()  # a fresh connection next pass
            return
        for room_id, checked_in in counted.items():
            room = self.rooms.get(room_id)
            if room is not None and room.checked_in is None:
                room.checked_in, room.checked_in_at = checked_in, time.monotonic()
        for shared in built:
            room = self.rooms.get(shared.room_id)
            # Kept unless an event after it was delivered meanwhile.
            if room is not None and shared.seq >= room.delivered_seq:
                room.snapshots[shared.moderator] = shared
        for (_connection, _knock, future), welcome in zip(batch, welcomes, strict=True):
            if not future.done():
                future.set_result(welcome)

    async def _knock_within(self, seconds: float) -> bool:
        """Whether someone knocks within `seconds` (at once if someone is waiting)."""
        self._knocked.clear()
        if not self._knocks:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._knocked.wait(), seconds)
        return bool(self._knocks)

    async def _close_database(self) -> None:
        """Close the database thread's connection; a failure must not stop the loop that
        answers the knocks."""
        try:
            await SyncToAsync(close_old_connections, thread_sensitive=True)()
        except Exception:
            logger.exception("live room: closing the arrivals' database connection failed")

    async def wait_for_event(self, room_id: int, after_seq: int, timeout: float, *, check) -> bool:
        """For the HTTP fallback: subscribe, run `check()` (reads the log; True when it holds
        events after `after_seq`), and if nothing is there yet wait until an event arrives or
        `timeout` passes. Subscribing first means no event can slip between read and wait."""
        room = await self._room(room_id)
        future = self.loop.create_future()
        entry = (after_seq, future)
        room.waiters.add(entry)
        try:
            if await check():
                return True
            try:
                await asyncio.wait_for(future, timeout)
                return True
            except TimeoutError:
                return False
        finally:
            room.waiters.discard(entry)
            await self._release(room)

    def note_poller(self, room_id: int, user_id: int) -> None:
        room = self.rooms.get(room_id)
        if room is not None:
            room.pollers[user_id] = time.monotonic()

    def online(self, room_id: int) -> int:
        room = self.rooms.get(room_id)
        if room is None:
            return 0
        return self._local_online(room) + sum(count for count, _at in room.others.values())

    def shared_snapshot(self, room_id: int, *, moderator: bool = False):
        """This process's copy of the room's shared snapshot for participants (or
        moderators), if it holds one: at the room's last event delivered here."""
        room = self.rooms.get(room_id)
        return room.snapshots.get(moderator) if room else None

    def checked_in(self, room_id: int) -> int | None:
        """Who checked in today, as this process last counted them; None where it has not
        (it counts the rooms it follows): services.checked_in_today reads them then."""
        room = self.rooms.get(room_id)
        return room.checked_in if room else None

    def _background(self, coroutine) -> asyncio.Task:
        """A task of the hub's own, in a fresh context: one started from a request must not
        inherit that request's context (its thread executor quits when the request ends)."""
        return self.loop.create_task(coroutine, context=contextvars.Context())

    async def _room(self, room_id: int) -> LocalRoom:
        room = self.rooms.get(room_id)
        if room is None:
            room = self.rooms[room_id] = LocalRoom(room_id)
            room.listener = self._background(self._listen(room))
            self._ensure_ticker()
        await room.subscribed.wait()
        return room

    async def _release(self, room: LocalRoom) -> None:
        if not room.empty or self.rooms.get(room.room_id) is not room:
            return
        del self.rooms[room.room_id]
        if self.layer is None or room.channel is None:
            if room.listener is not None:
                room.listener.cancel()
            return
        with contextlib.suppress(Exception):
            await self.layer.group_discard(broadcast.group_name(room.room_id), room.channel)
        try:
            # The listener reads this and stops on its own. Cancelled in the middle of a Redis
            # read, it could leave a connection of the layer's pool half read, and the events
            # of the rooms that stay would no longer arrive.
            await self.layer.send(room.channel, {"type": STOP})
        except Exception:
            if room.listener is not None:
                room.listener.cancel()

    # --- Delivery -----------------------------------------------------------------------

    async def _listen(self, room: LocalRoom) -> None:
        if self.layer is None:
            room.subscribed.set()
            return
        room.channel = await self.layer.new_channel()
        await self.layer.group_add(broadcast.group_name(room.room_id), room.channel)
        room.subscribed.set()
        while self.rooms.get(room.room_id) is room:
            try:
                message = await self.layer.receive(room.channel)
            except asyncio.CancelledError:
                raise
            except Exception:
                if asyncio.current_task().cancelling():
                    return  # released while the read failed: stop, do not retry
                # A dropped Redis connection must not leave the room deaf: log, retry.
                logger.exception("live room %s: channel layer receive failed", room.room_id)
                await asyncio.sleep(0.5)
                with contextlib.suppress(Exception):
                    await self.layer.group_add(broadcast.group_name(room.room_id), room.channel)
                continue
            kind = message.get("type")
            if kind == STOP:
                return
            if kind == "live.event":
                await self._deliver(room, message)
            elif kind == "live.presence" and message.get("process") != self.process_id:
                room.others[message["process"]] = (message["online"], time.monotonic())

    async def _deliver(self, room: LocalRoom, message: dict) -> None:
        seq = message["seq"]
        everyone = {"type": "websocket.send", "text": message["frame"]}
        moderators = everyone
        if message.get("moderator_frame"):
            moderators = {"type": "websocket.send", "text": message["moderator_frame"]}
        if room.snapshots:
            room.snapshots = {m: s for m, s in room.snapshots.items() if s.seq >= seq}
        for connection in tuple(room.arriving):
            connection.pending.append((seq, everyone, moderators))
        for connection in tuple(room.connections):
            if not connection.ready:
                connection.pending.append((seq, everyone, moderators))
                continue
            frame = moderators if connection.moderator else everyone
            try:
                await connection.base_send(frame)
            except Exception:  # a connection that just died; its consumer cleans up
                logger.debug("live room %s: send failed", room.room_id, exc_info=True)
        for after_seq, future in tuple(room.waiters):
            if seq > after_seq and not future.done():
                future.set_result(seq)
        room.delivered_seq = max(room.delivered_seq, seq)
        if room.tally_in_flight is not None and seq >= room.tally_in_flight:
            room.tally_in_flight = None

    # --- Publishing ---------------------------------------------------------------------

    def publish(self, group: str, message: dict) -> None:
        """Thread-safe: called after an event commits, from a worker thread. The message goes
        to the channel layer from this loop, in the order of the calls, while the worker
        thread moves on: it does not wait for the loop, which may be busy writing a frame to
        every connection."""
        self.loop.call_soon_threadsafe(self._enqueue, group, message)

    def _enqueue(self, group: str, message: dict) -> None:
        self._outbox.append((group, message))
        if self._publisher is None or self._publisher.done():
            self._publisher = self._background(self._send_outbox())

    async def _send_outbox(self) -> None:
        while self._outbox:
            group, message = self._outbox.popleft()
            for attempt in range(1, PUBLISH_ATTEMPTS + 1):
                try:
                    await self.layer.group_send(group, message)
                    break
                except Exception:
                    # A Redis hiccup: try again (a client drops a repeated event by its
                    # number); in the end the event stays in the log for clients to resume.
                    if attempt == PUBLISH_ATTEMPTS:
                        logger.exception("live: publishing to %s failed", group)
                    else:
                        await asyncio.sleep(0.2 * attempt)

    # --- Tallies, presence, attendance, idle connections --------------------------------

    def request_tally(self, room_id: int) -> None:
        """Thread-safe: called after a vote commits, from a worker thread."""
        with self._dirty_lock:
            self._dirty.add(room_id)
        self.loop.call_soon_threadsafe(self._ensure_ticker)

    def _ensure_ticker(self) -> None:
        if self._ticker is None or self._ticker.done():
            self._ticker = self._background(self._tick())

    async def _tick(self) -> None:
        interval = settings.LIVE_TALLY_SECONDS
        presence_every = settings.LIVE_PRESENCE_SECONDS
        presence_at = 0.0
        while self.rooms or self._dirty:
            await asyncio.sleep(interval)
            with self._dirty_lock:
                dirty, self._dirty = self._dirty, set()
            later = {room_id for room_id in dirty if not self._tally_due(room_id)}
            for room_id in dirty - later:
                try:
                    event = await database_sync_to_async(services.tally_flush)(room_id)
                except Exception:
                    logger.exception("live room %s: tally failed", room_id)
                    continue
                room = self.rooms.get(room_id)
                if event is not None and room is not None:
                    room.tallied_at = time.monotonic()
                    if event.seq > room.delivered_seq:
                        room.tally_in_flight = event.seq
            if later:
                with self._dirty_lock:
                    self._dirty |= later
            now = time.monotonic()
            if now - presence_at >= presence_every:
                presence_at = now
                for room in tuple(self.rooms.values()):
                    await self._presence(room, now)
            if now - self._idle_checked >= IDLE_CHECK_EVERY:
                self._idle_checked = now
                await self._close_idle(now)

    def _tally_due(self, room_id: int) -> bool:
        """Whether this room's votes may go out as a tally now: not before the previous tally
        was written to the local connections. When that takes long (a big room, a busy
        process), votes gather into fewer tallies instead of queueing up behind each other
        and delaying every event after them; a small room writes a tally in a few
        milliseconds and is not held back."""
        room = self.rooms.get(room_id)
        if room is None or room.tally_in_flight is None:
            return True
        return time.monotonic() - room.tallied_at >= TALLY_LONGEST_WAIT

    def _local_online(self, room: LocalRoom, now: float | None = None) -> int:
        now = now or time.monotonic()
        polling = sum(
            1
            for user, at in room.pollers.items()
            if now - at < POLLER_ONLINE_SECONDS and user not in room.present
        )
        return len(room.present) + polling

    async def _presence(self, room: LocalRoom, now: float) -> None:
        try:
            stale = [p for p, (_c, at) in room.others.items() if now - at > 3 * PRESENCE_KEEPALIVE]
            for process in stale:
                del room.others[process]
            local = self._local_online(room, now)
            published = room.online_published
            if self.layer is not None and (
                published is None
                or published[0] != local
                or now - published[1] > PRESENCE_KEEPALIVE
            ):
                room.online_published = (local, now)
                await self.layer.group_send(
                    broadcast.group_name(room.room_id),
                    {"type": "live.presence", "process": self.process_id, "online": local},
                )
            if now - room.checked_in_at >= CHECKED_IN_EVERY:
                room.checked_in_at = now
                room.checked_in = await database_sync_to_async(services.checked_in_count)(
                    room.room_id
                )
            counts = (self.online(room.room_id), room.checked_in)
            if counts != room.presence_sent:
                room.presence_sent = counts
                frame = {
                    "type": "websocket.send",
                    "text": broadcast.encode(
                        {"type": "presence", "online": counts[0], "checked_in": counts[1]}
                    ),
                }
                for connection in tuple(room.connections):
                    if connection.ready:
                        with contextlib.suppress(Exception):
                            await connection.base_send(frame)
            if now - room.credited_at >= settings.LIVE_CREDIT_SECONDS:
                await self._credit(room, now)
        except Exception:
            logger.exception("live room %s: presence failed", room.room_id)

    async def _credit(self, room: LocalRoom, now: float) -> None:
        """Credit the interval to learners connected for all of it."""
        seconds = round(now - room.credited_at)
        users = {
            c.user_id for c in room.connections if c.learner and c.connected_at <= room.credited_at
        }
        room.credited_at = now
        if users:
            await database_sync_to_async(services.presence_credit)(
                room_id=room.room_id, user_ids=sorted(users), seconds=seconds
            )

    async def _close_idle(self, now: float) -> None:
        limit = settings.LIVE_IDLE_SECONDS
        for room in tuple(self.rooms.values()):
            for connection in tuple(room.connections):
                if now - connection.last_seen > limit:
                    with contextlib.suppress(Exception):
                        await connection.close_idle()


_hubs: dict[asyncio.AbstractEventLoop, Hub] = {}


def _welcomes(knocks, known, uncounted) -> tuple:
    """selectors.welcomes, and the check-ins of the rooms in `uncounted` that someone enters,
    which this process has not counted yet: their arrivals' snapshots carry the count."""
    welcomes, built = selectors.welcomes(knocks, known)
    entered = {k.session_id for k, w in zip(knocks, welcomes, strict=True) if w.access.allowed}
    counted = {room_id: services.checked_in_count(room_id) for room_id in uncounted & entered}
    return welcomes, built, counted


def get_hub() -> Hub:
    """The hub of the running event loop (one per server process; tests make one per loop)."""
    loop = asyncio.get_running_loop()
    hub = _hubs.get(loop)
    if hub is None:
        for old in [old for old in _hubs if old.is_closed()]:
            del _hubs[old]
        hub = _hubs[loop] = Hub(loop)
    return hub


def publish(group: str, message: dict) -> bool:
    """From a worker thread: hand a channel-layer message to a running hub, which sends it
    without making the thread wait. False when there is none."""
    hub = _running_hub()
    if hub is None or hub.layer is None:
        return False
    hub.publish(group, message)
    return True


def request_tally(room_id: int) -> bool:
    """From a worker thread: hand the room to a running hub. False when there is none."""
    hub = _running_hub()
    if hub is None:
        return False
    hub.request_tally(room_id)
    return True


def _running_hub() -> Hub | None:
    """The hub of the event loop that handed work to this thread, or any running one."""
    caller = getattr(SyncToAsync.threadlocal, "main_event_loop", None)
    hub = _hubs.get(caller)
    if hub is not None and caller.is_running() and not caller.is_closed():
        return hub
    for loop, hub in tuple(_hubs.items()):
        if loop.is_running() and not loop.is_closed():
            return hub
    return None
