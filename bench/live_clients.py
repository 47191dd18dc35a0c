"""The websocket clients of bench/live.py: one process holds a slice of the N clients.

A process connects its clients (at most `connect_concurrency` handshakes at a time), tells
the parent once every one of them holds its snapshot, then on "go" plays its part of the
schedule (the questions and votes its clients send, at the planned instants) while every
client records the arrival time of each frame. At the end it turns what arrived into
latencies and losses and hands them back.

Times are time.monotonic(): on Linux the same clock in every process, so a question's send
time written by one process is comparable with its arrival time in another. No Django here:
the same clients talk to the platform and to the bare websockets server.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from websockets.client import ClientProtocol
from websockets.frames import Frame, Opcode
from websockets.protocol import State
from websockets.typing import Origin
from websockets.uri import parse_uri

QUESTION_TEXT = "Bench question {number} sent at {sent:.6f}"
QUESTION_PATTERN = re.compile(r"Bench question (\d+) sent at ([0-9.]+)")
PING_EVERY = 20.0  # seconds: the server closes connections silent for LIVE_IDLE_SECONDS (75)
OPEN_TIMEOUT = 120.0  # seconds for one handshake and its snapshot, under a connection storm
POLL_EVERY = 0.25  # seconds between checks that every client got everything


@dataclass(frozen=True)
class Plan:
    """What one client process does; built by the parent, sent pickled."""

    uri: str
    origin: str
    cookie_name: str
    cookies: dict[int, str]  # client number -> session key, for this process's clients
    connect_concurrency: int
    questions: int
    question_rate: float
    votes: int
    vote_rate: float
    askers: dict[int, int]  # client number -> the question it asks
    voters: dict[int, int]  # client number -> the position of its vote
    vote_pause: float
    drain: float


class Client(asyncio.Protocol):
    """One websocket client: the `websockets` sans-I/O protocol on an asyncio transport, so
    that a frame costs the client little (no task or queue per connection) and the arrival
    times measure the server rather than the clients. Every text frame after the snapshot is
    kept with the time its bytes arrived; it is parsed after the run."""

    def __init__(self, number: int, uri: str, origin: str, cookie: str, since: int | None = None):
        self.number = number
        if since is not None:
            uri = f"{uri}?since={since}"
        self.protocol = ClientProtocol(parse_uri(uri), origin=Origin(origin), max_size=2**22)
        # Coming back with ?since=: the server sends only what was missed (maybe nothing),
        # so the client pings at once and counts itself back in the room at the pong.
        self.since = since
        self.pinged = False
        self.cookie = cookie
        self.transport = None
        self.snapshot: asyncio.Future = asyncio.get_running_loop().create_future()
        self.lost: asyncio.Future = asyncio.get_running_loop().create_future()
        self.fragments: list[bytes] = []
        self.frames: list[tuple[float, bytes]] = []
        self.snapshot_seq: int | None = None
        self.connect_seconds = 0.0
        self.error = ""
        self.questions_seen = 0
        self.last_tally: bytes | None = None
        self.acks = 0
        self.refusals: list[str] = []

    @property
    def open(self) -> bool:
        return self.snapshot_seq is not None and not self.lost.done()

    # asyncio.Protocol

    def connection_made(self, transport) -> None:
        self.transport = transport
        request = self.protocol.connect()
        request.headers["Cookie"] = self.cookie
        self.protocol.send_request(request)
        self._flush()

    def data_received(self, data: bytes) -> None:
        at = time.monotonic()
        self.protocol.receive_data(data)
        events = self.protocol.events_received()
        if self.since is not None and not self.pinged and self.protocol.state is State.OPEN:
            self.pinged = True
            self.protocol.send_text(b'{"action":"ping","ref":"back"}')
        for event in events:
            if isinstance(event, Frame):
                if event.opcode is Opcode.TEXT or event.opcode is Opcode.CONT:
                    self.fragments.append(event.data)
                    if event.fin:
                        self._message(at, b"".join(self.fragments))
                        self.fragments = []
            elif event.status_code != 101:
                self._fail(f"HTTP {event.status_code}")
        self._flush()

    def connection_lost(self, exc) -> None:
        if not self.snapshot.done():
            self._fail(f"closed before the snapshot ({self.protocol.close_code})")
        if not self.lost.done():
            self.lost.set_result(None)

    # the client

    def send(self, payload: dict) -> None:
        if self.open:
            self.protocol.send_text(json.dumps(payload).encode())
            self._flush()

    def close(self) -> None:
        if self.transport is not None and not self.transport.is_closing():
            with contextlib.suppress(Exception):
                self.protocol.send_close()
                self._flush()

    def _message(self, at: float, data: bytes) -> None:
        if self.since is not None and self.snapshot_seq is None:
            if data.startswith(b'{"type":"pong"'):
                self.snapshot_seq = self.since
                self.snapshot.set_result(None)
            elif data.startswith(b'{"type":"refused"'):
                self._fail(f"first frame: {data[:120].decode(errors='replace')}")
            return
        if self.snapshot_seq is None:
            first = json.loads(data)
            if first.get("type") == "snapshot":
                self.snapshot_seq = first["seq"]
                self.snapshot.set_result(None)
            else:
                self._fail(f"first frame: {data[:120].decode(errors='replace')}")
            return
        self.frames.append((at, data))
        # Cheap checks only, so that a frame costs little: parsing comes after the run.
        if b'"question.asked"' in data:
            self.questions_seen += 1
        elif b'"kind":"tally"' in data:
            self.last_tally = data
        elif data.startswith(b'{"type":"ack"'):
            self.acks += 1
        elif data.startswith((b'{"type":"error"', b'{"type":"refused"')):
            self.refusals.append(data[:200].decode(errors="replace"))

    def _fail(self, error: str) -> None:
        self.error = self.error or error[:160]
        if not self.snapshot.done():
            self.snapshot.set_result(None)
        if self.transport is not None:
            self.transport.abort()

    def _flush(self) -> None:
        for data in self.protocol.data_to_send():
            if data:
                self.transport.write(data)
            elif self.transport.can_write_eof():
                self.transport.write_eof()


@dataclass
class Outcome:
    """What one process hands back at the end."""

    connected: int = 0
    failed: list = field(default_factory=list)
    connect_seconds: list = field(default_factory=list)
    question_latencies: list = field(default_factory=list)
    vote_first_seen: list = field(default_factory=list)  # per client: first time count >= k
    vote_sends: list = field(default_factory=list)
    missing_questions: int = 0
    gaps: int = 0
    frames: int = 0
    acks: int = 0
    refusals: list = field(default_factory=list)
    question_id: int | None = None
    dropped: int = 0  # connections that closed or failed during the run
    cpu: float = 0.0  # seconds of this process's CPU while the workload ran


def run(plan: Plan, pipe) -> None:
    """Entry point of a client process (multiprocessing, spawn)."""
    asyncio.run(_run(plan, pipe))


async def _run(plan: Plan, pipe) -> None:
    loop = asyncio.get_running_loop()
    gate = asyncio.Semaphore(plan.connect_concurrency)
    started = time.monotonic()
    clients = await asyncio.gather(*(_open(plan, number, gate) for number in sorted(plan.cookies)))
    connected = [client for client in clients if client.open]
    first_join = [client.connect_seconds for client in connected]
    pipe.send(("connected", len(connected), time.monotonic() - started))
    heartbeat = asyncio.create_task(_heartbeat(connected))

    message = await loop.run_in_executor(None, pipe.recv)
    if message[0] == "rejoin":
        # The server was restarted: every client comes back at once (at most
        # connect_concurrency handshakes at a time) with the last seq it holds.
        for client in clients:
            if client.transport is not None:
                client.transport.abort()
        started = time.monotonic()
        clients = await asyncio.gather(
            *(_open(plan, c.number, gate, since=c.snapshot_seq) for c in connected)
        )
        connected = [client for client in clients if client.open]
        pipe.send(
            (
                "rejoined",
                len(connected),
                time.monotonic() - started,
                [c.connect_seconds for c in connected],
                [c.error for c in clients if not c.open],
            )
        )
        heartbeat.cancel()
        heartbeat = asyncio.create_task(_heartbeat(connected))
        message = await loop.run_in_executor(None, pipe.recv)
    cpu = time.process_time()
    sends = await _play(plan, connected, message[1]) if message[0] == "go" else []
    cpu = time.process_time() - cpu
    heartbeat.cancel()
    outcome = _outcome(plan, clients, sends)
    outcome.connect_seconds = first_join
    outcome.cpu = cpu
    for client in connected:
        client.close()
    await asyncio.wait(
        [asyncio.ensure_future(c.lost) for c in connected] or [loop.create_future()], timeout=5
    )
    for client in clients:
        if client.transport is not None:
            client.transport.abort()
    pipe.send(("done", outcome))


async def _open(
    plan: Plan, number: int, gate: asyncio.Semaphore, since: int | None = None
) -> Client:
    loop = asyncio.get_running_loop()
    parts = urlsplit(plan.uri)
    cookie = f"{plan.cookie_name}={plan.cookies[number]}"
    client = Client(number, plan.uri, plan.origin, cookie, since)
    async with gate:
        started = time.monotonic()
        try:
            await asyncio.wait_for(
                loop.create_connection(lambda: client, parts.hostname, parts.port), OPEN_TIMEOUT
            )
            await asyncio.wait_for(asyncio.shield(client.snapshot), OPEN_TIMEOUT)
        except Exception as error:  # counted as a failed connection
            client._fail(f"{type(error).__name__}: {error}")
        client.connect_seconds = time.monotonic() - started
    return client


async def _heartbeat(clients: list[Client]) -> None:
    """An application ping from every client every PING_EVERY seconds, spread evenly."""
    if not clients:
        return
    pause = PING_EVERY / len(clients)
    order = list(clients)
    random.Random(len(order)).shuffle(order)
    while True:
        for client in order:
            await asyncio.sleep(pause)
            client.send({"action": "ping"})


async def _play(plan: Plan, clients: list[Client], start: float) -> list[float]:
    """Send this process's questions and votes at their instants, wait until every client
    got everything (or the drain time passed); return the send times of the votes."""
    by_number = {client.number: client for client in clients}
    steps = []
    for number, question in plan.askers.items():
        if number in by_number:
            steps.append((start + question / plan.question_rate, "ask", number, question))
    votes_start = start + plan.questions / plan.question_rate + plan.vote_pause
    for number, position in plan.voters.items():
        if number in by_number:
            steps.append((votes_start + position / plan.vote_rate, "vote", number, position))
    steps.sort()
    question_id = None
    sends = []
    for at, action, number, item in steps:
        await asyncio.sleep(max(0.0, at - time.monotonic()))
        client = by_number[number]
        if action == "ask":
            text = QUESTION_TEXT.format(number=item, sent=time.monotonic())
            client.send({"action": "ask", "ref": item, "text": text})
        else:
            if question_id is None:
                question_id = _first_question_id(clients)
            if question_id is not None:
                sends.append(time.monotonic())
                client.send({"action": "vote", "ref": item, "question": question_id})
    plan_end = votes_start + plan.votes / plan.vote_rate
    deadline = plan_end + plan.drain
    while time.monotonic() < deadline:
        if time.monotonic() > plan_end and all(
            client.questions_seen >= plan.questions and _saw_all_votes(client, plan)
            for client in clients
        ):
            break
        await asyncio.sleep(POLL_EVERY)
    return sends


def _first_question_id(clients: list[Client]) -> int | None:
    """The id of question 0, from the frames any client of this process received."""
    for client in clients:
        for _at, data in client.frames:
            if b'"question.asked"' in data and b"Bench question 0 " in data:
                return json.loads(data)["data"]["id"]
    return None


def _saw_all_votes(client: Client, plan: Plan) -> bool:
    if plan.votes == 0:
        return True
    if client.last_tally is None:
        return False
    counts = json.loads(client.last_tally)["data"]["questions"]
    return max(counts.values(), default=0) >= plan.votes


def _outcome(plan: Plan, clients: list[Client], sends: list[float]) -> Outcome:
    outcome = Outcome(vote_sends=sends)
    question_id = _first_question_id([c for c in clients if c.snapshot_seq is not None])
    outcome.question_id = question_id
    for client in clients:
        if client.snapshot_seq is None:
            outcome.failed.append(client.error)
            continue
        outcome.connected += 1
        outcome.connect_seconds.append(client.connect_seconds)
        outcome.acks += client.acks
        outcome.refusals.extend(client.refusals[:3])
        if client.error:
            outcome.dropped += 1
        seen_questions = set()
        last = client.snapshot_seq
        first_seen = [None] * plan.votes
        reached = 0
        for at, data in client.frames:
            outcome.frames += 1
            frame = json.loads(data)
            if frame.get("type") != "event":
                continue
            seq = frame["seq"]
            if seq <= last:
                continue
            outcome.gaps += seq - last - 1
            last = seq
            kind = frame["kind"]
            if kind == "question.asked":
                match = QUESTION_PATTERN.fullmatch(frame["data"]["text"])
                if match and int(match[1]) not in seen_questions:
                    seen_questions.add(int(match[1]))
                    outcome.question_latencies.append(at - float(match[2]))
            elif kind == "tally" and question_id is not None:
                count = frame["data"]["questions"].get(str(question_id))
                if count is not None:
                    count = min(count, plan.votes)
                    for position in range(reached, count):
                        first_seen[position] = at
                    reached = max(reached, count)
        outcome.missing_questions += plan.questions - len(seen_questions)
        outcome.vote_first_seen.append(first_seen)
    return outcome
