"""The client processes of bench/load.py's seminar scenario: one process holds a slice of the
participants, the readers and (in the first process) the panel.

A participant arrives at its planned instant of the join window, loads the live room's page
(logged in, its own connection and TLS handshake, as a browser), then opens the room's
websocket and keeps it open, pinging every 20 s as live.js does; a few ask questions and
vote while the others listen. Readers browse the catalog, course pages and home pages in
several languages (bench/load.py's `reader`). The panel is in the room before anyone
arrives: each question is taken by one of its members, who hides the off-topic ones and
marks about half of the others answered; now and then one of them pins a question.

Every frame after a client's snapshot is kept with the time its bytes arrived
(bench/live_clients.py's Client); once the parent says which events the room numbered in
all, each client's frames are checked for gaps in the sequence and for questions it never
received, and turned into latencies. Times are time.monotonic(), one clock for every
process on Linux: a question's text carries its send time.
"""

from __future__ import annotations

import asyncio
import collections
import json
import random
import re
import ssl
import time
from dataclasses import dataclass, field
from types import SimpleNamespace
from urllib.parse import urlsplit

import live_clients

QUESTION_TEXT = "Seminar question {number}{topic} sent at {sent:.6f}"
QUESTION_PATTERN = re.compile(r"Seminar question (\d+)(?: \(off topic\))? sent at ([0-9.]+)")
OFF_TOPIC_EVERY = 10  # one question in ten is off topic: the panel hides it
ANSWER_SHARE = 0.5  # of the other questions, the panel marks this share answered
PIN_EVERY = 10.0  # seconds between two pins by the panel
PANEL_DELAY = (1.0, 5.0)  # seconds a panel member takes to act on a question
PING_EVERY = 20.0  # as live.js
ASK_PAUSE = 15.0  # a participant asks at most once in this many seconds (limit: 5 a minute)
JOIN_TIMEOUT = 60.0  # seconds for a handshake and its snapshot
ANSWER_WAIT = 30.0  # seconds, at the end, for the actions still unanswered
EVENT_PREFIX = b'{"type":"event","seq":'


@dataclass(frozen=True)
class Plan:
    """What one client process does; built by the parent, sent pickled."""

    index: int
    seed: int
    base: str  # https://127.0.0.1:port (nginx) or a worker's http:// address
    ws_base: str
    origin: str
    cafile: str | None
    session: int
    cookie_name: str
    languages: list[str]
    arrivals: dict[int, tuple[float, str]]  # participant number -> (seconds after go, key)
    panel: dict[int, str]  # panel member number -> session key
    readers: list[int]
    homes: list[str]
    catalogs: list[str]
    courses: list[str]
    think: float
    window: float
    hold: float
    question_rate: float  # this process's questions per second
    vote_rate: float  # this process's votes per second


@dataclass
class Outcome:
    """What one process hands back at the end."""

    http: dict = field(default_factory=dict)  # kind -> bench/load.py's Kind
    joins: list = field(default_factory=list)  # handshake to snapshot, seconds
    arrivals: list = field(default_factory=list)  # page request to snapshot, seconds
    join_errors: collections.Counter = field(default_factory=collections.Counter)
    acks: dict = field(default_factory=lambda: collections.defaultdict(list))
    refusals: collections.Counter = field(default_factory=collections.Counter)
    unanswered: collections.Counter = field(default_factory=collections.Counter)
    fan_out: list = field(default_factory=list)
    joined: int = 0
    panel_joined: int = 0
    missing_questions: int = 0
    gaps: int = 0
    dropped: collections.Counter = field(default_factory=collections.Counter)
    short: int = 0  # clients that had not reached the room's last event when the wait ended
    frames: int = 0
    asked: int = 0
    voted: int = 0
    moderated: int = 0
    cpu: float = 0.0  # this process's CPU seconds from "go" to the end of the checks


class RoomClient(live_clients.Client):
    """A websocket client that also follows, as they arrive, the highest sequence number it
    received and, for the panel and its own askers, what it needs to act on."""

    def __init__(self, number, uri, origin, cookie, process, *, panel=False):
        super().__init__(number, uri, origin, cookie)
        self.process = process
        self.panel = panel
        self.max_seq = -1
        self.sends: dict[int, tuple[str, float]] = {}  # ref -> action, send time
        self.last_ping = 0.0
        self.asked_at = -ASK_PAUSE
        self.voted_for: set[int] = set()
        self.off_topic: set[int] = set()  # refs of the off-topic questions it asked

    def _message(self, at: float, data: bytes) -> None:
        super()._message(at, data)
        if self.snapshot_seq is not None and self.max_seq < 0:
            self.max_seq = self.snapshot_seq
        if data.startswith(EVENT_PREFIX):
            end = data.index(b",", len(EVENT_PREFIX))
            self.max_seq = max(self.max_seq, int(data[len(EVENT_PREFIX) : end]))
            if self.panel and b'"question.asked"' in data:
                self.process.panel_saw(json.loads(data)["data"])
        elif data.startswith(b'{"type":"ack"') and b'"action":"ask"' in data:
            frame = json.loads(data)
            if frame.get("ref") not in self.off_topic:
                self.process.asked(self.number, frame)

    def act(self, action: str, frame: dict) -> int | None:
        """Sends an action with a reference of its own; None when the client is gone."""
        if not self.open:
            return None
        ref = self.process.next_ref()
        self.sends[ref] = (action, time.monotonic())
        self.send({**frame, "ref": ref})
        return ref


def run(plan: Plan, pipe) -> None:
    """Entry point of a client process (multiprocessing, spawn)."""
    asyncio.run(Process(plan, pipe).main())


class Process:
    def __init__(self, plan: Plan, pipe):
        self.plan = plan
        self.pipe = pipe
        self.rng = random.Random(plan.seed)
        self.refs = iter(range(1, 10**9))
        self.clients: list[RoomClient] = []
        self.panel: list[RoomClient] = []
        self.votable: collections.deque = collections.deque(maxlen=12)  # (question id, author)
        self.panel_queue: collections.deque = collections.deque()
        self.panel_seen: set[int] = set()
        self.asking = True
        self.outcome = Outcome()
        self.ssl = ssl.create_default_context(cafile=plan.cafile) if plan.cafile else None
        parts = urlsplit(plan.ws_base)
        self.host, self.port = parts.hostname, parts.port

    def next_ref(self) -> int:
        return next(self.refs)

    # --- callbacks from the clients

    def asked(self, number: int, ack: dict) -> None:
        question = ack.get("question")
        if question is not None:
            self.votable.append((question, number))

    def panel_saw(self, data: dict) -> None:
        if data["id"] not in self.panel_seen:
            self.panel_seen.add(data["id"])
            self.panel_queue.append(data)

    # --- the run

    async def main(self) -> None:
        import load

        loop = asyncio.get_running_loop()
        plan = self.plan
        self.measures = load.Measures()
        for number, key in plan.panel.items():
            client = await self.connect(number, key, "en", panel=True)
            if client.open:
                self.panel.append(client)
        self.outcome.panel_joined = len(self.panel)
        self.pipe.send(("ready", len(self.panel)))
        message = await loop.run_in_executor(None, self.pipe.recv)
        go = message[1]
        cpu = time.process_time()
        end = go + plan.window + plan.hold
        tasks = [asyncio.create_task(self.arrive(number, go)) for number in plan.arrivals]
        site = SimpleNamespace(homes=plan.homes, catalogs=plan.catalogs, courses=plan.courses)
        verify = self.ssl if self.ssl is not None else False
        for number in plan.readers:
            tasks.append(
                asyncio.create_task(
                    self.delayed(
                        go,
                        load.reader(
                            number, site, self.measures, plan.base, plan.origin, verify, plan.think
                        ),
                    )
                )
            )
        side = [
            asyncio.create_task(self.heartbeat()),
            asyncio.create_task(self.questions(go, end)),
            asyncio.create_task(self.votes(go, end)),
            asyncio.create_task(self.moderation(go, end)),
        ]
        await asyncio.sleep(max(0.0, end - time.monotonic()))
        self.asking = False
        self.measures.running = False
        for task in side[1:]:
            task.cancel()
        done = await asyncio.gather(*tasks, return_exceptions=True)
        for result in done:
            if isinstance(result, BaseException):
                self.outcome.join_errors[f"client: {type(result).__name__}: {result}"[:120]] += 1
        await self.wait_for_answers()
        self.pipe.send(("quiet", time.process_time() - cpu))
        message = await loop.run_in_executor(None, self.pipe.recv)
        _final, last_seq, question_seqs, drain = message
        await self.wait_for_events(last_seq, drain)
        side[0].cancel()
        self.check(last_seq, set(question_seqs))
        self.outcome.cpu = time.process_time() - cpu
        self.outcome.http = dict(self.measures.kinds)
        everyone = self.clients + self.panel
        for client in everyone:
            client.close()
        lost = [asyncio.ensure_future(c.lost) for c in everyone if c.transport is not None]
        if lost:
            await asyncio.wait(lost, timeout=5)
        for client in everyone:
            if client.transport is not None:
                client.transport.abort()
        self.pipe.send(("done", self.outcome))

    async def delayed(self, go: float, coroutine) -> None:
        await asyncio.sleep(max(0.0, go - time.monotonic()))
        await coroutine

    async def connect(self, number: int, key: str, language: str, *, panel=False) -> RoomClient:
        loop = asyncio.get_running_loop()
        uri = f"{self.plan.ws_base}/ws/live/{self.plan.session}/?lang={language}"
        cookie = f"{self.plan.cookie_name}={key}"
        client = RoomClient(number, uri, self.plan.origin, cookie, self, panel=panel)
        started = time.monotonic()
        try:
            await asyncio.wait_for(
                loop.create_connection(
                    lambda: client,
                    self.host,
                    self.port,
                    ssl=self.ssl,
                    server_hostname=self.host if self.ssl else None,
                ),
                JOIN_TIMEOUT,
            )
            await asyncio.wait_for(asyncio.shield(client.snapshot), JOIN_TIMEOUT)
        except Exception as error:
            client._fail(f"{type(error).__name__}: {error}")
        client.connect_seconds = time.monotonic() - started
        client.last_ping = time.monotonic()
        return client

    async def arrive(self, number: int, go: float) -> None:
        """The live room's page, then its websocket."""
        import load

        plan = self.plan
        offset, key = plan.arrivals[number]
        await asyncio.sleep(max(0.0, go + offset - time.monotonic()))
        language = plan.languages[number % len(plan.languages)]
        started = time.monotonic()
        verify = self.ssl if self.ssl is not None else False
        browser = load.Browser(plan.base, plan.origin, verify, {plan.cookie_name: key})
        browser.headers["Accept-Language"] = language
        try:
            await browser.request(
                self.measures, "live room page", "GET", f"/{language}/live/{plan.session}/"
            )
        finally:
            await browser.close()
        client = await self.connect(number, key, language)
        self.clients.append(client)
        if client.open:
            self.outcome.joins.append(client.connect_seconds)
            self.outcome.arrivals.append(time.monotonic() - started)
        else:
            self.outcome.join_errors[client.error or "no snapshot"] += 1

    async def heartbeat(self) -> None:
        while True:
            await asyncio.sleep(1.0)
            now = time.monotonic()
            for client in (*self.panel, *self.clients):
                if client.open and now - client.last_ping >= PING_EVERY:
                    client.last_ping = now
                    client.send({"action": "ping"})

    async def questions(self, go: float, end: float) -> None:
        """Questions at random instants (a Poisson process), each from a participant in the
        room who has not asked in the last ASK_PAUSE seconds."""
        if self.plan.question_rate <= 0:
            return
        await asyncio.sleep(max(0.0, go - time.monotonic()))
        number = self.plan.index * 1_000_000
        while self.asking:
            await asyncio.sleep(self.rng.expovariate(self.plan.question_rate))
            now = time.monotonic()
            ready = [c for c in self.clients if c.open and now - c.asked_at >= ASK_PAUSE]
            if not ready or now >= end:
                continue
            client = self.rng.choice(ready)
            client.asked_at = now
            topic = " (off topic)" if number % OFF_TOPIC_EVERY == OFF_TOPIC_EVERY - 1 else ""
            text = QUESTION_TEXT.format(number=number, topic=topic, sent=time.monotonic())
            ref = client.act("ask", {"action": "ask", "text": text})
            if ref is not None:
                self.outcome.asked += 1
                if topic:
                    client.off_topic.add(ref)
            number += 1

    async def votes(self, go: float, end: float) -> None:
        """Votes at random instants on one of the last questions this process's participants
        asked (never the off-topic ones the panel hides), by someone else."""
        if self.plan.vote_rate <= 0:
            return
        await asyncio.sleep(max(0.0, go - time.monotonic()))
        while self.asking:
            await asyncio.sleep(self.rng.expovariate(self.plan.vote_rate))
            if not self.votable or time.monotonic() >= end:
                continue
            question, author = self.rng.choice(self.votable)
            ready = [
                c
                for c in self.clients
                if c.open and c.number != author and question not in c.voted_for
            ]
            if ready:
                client = self.rng.choice(ready)
                client.voted_for.add(question)
                if client.act("vote", {"action": "vote", "question": question}) is not None:
                    self.outcome.voted += 1

    async def moderation(self, go: float, end: float) -> None:
        """The panel: each question goes to one member, who acts on it a few seconds later;
        every PIN_EVERY seconds one of them pins the latest question still shown."""
        if not self.panel:
            return
        await asyncio.sleep(max(0.0, go - time.monotonic()))
        turn = 0
        shown: collections.deque = collections.deque(maxlen=20)
        next_pin = time.monotonic() + PIN_EVERY
        scheduled = []
        while self.asking:
            await asyncio.sleep(0.2)
            now = time.monotonic()
            while self.panel_queue:
                data = self.panel_queue.popleft()
                match = QUESTION_PATTERN.fullmatch(data.get("text", ""))
                if match is None:
                    continue
                off_topic = "(off topic)" in data["text"]
                member = self.panel[turn % len(self.panel)]
                turn += 1
                if off_topic:
                    action = "hide"
                elif self.rng.random() < ANSWER_SHARE:
                    action = "answer"
                    shown.append(data["id"])
                else:
                    shown.append(data["id"])
                    continue
                scheduled.append((now + self.rng.uniform(*PANEL_DELAY), member, action, data["id"]))
            for item in [s for s in scheduled if s[0] <= now]:
                scheduled.remove(item)
                _at, member, action, question = item
                frame = {"action": "moderate", "do": action, "question": question}
                if now < end and member.act("moderate", frame) is not None:
                    self.outcome.moderated += 1
            if now >= next_pin and shown:
                next_pin = now + PIN_EVERY
                member = self.panel[turn % len(self.panel)]
                turn += 1
                frame = {"action": "moderate", "do": "pin", "question": shown[-1]}
                if member.act("moderate", frame) is not None:
                    self.outcome.moderated += 1

    async def wait_for_answers(self) -> None:
        deadline = time.monotonic() + ANSWER_WAIT
        while time.monotonic() < deadline:
            if all(self.answered(client) for client in (*self.clients, *self.panel)):
                return
            await asyncio.sleep(0.2)

    @staticmethod
    def answered(client: RoomClient) -> bool:
        if not client.sends or not client.open:
            return True
        return client.acks + len(client.refusals) >= len(client.sends)

    async def wait_for_events(self, last_seq: int, drain: float) -> None:
        deadline = time.monotonic() + drain
        while time.monotonic() < deadline:
            if all(c.max_seq >= last_seq for c in (*self.clients, *self.panel) if c.open):
                return
            await asyncio.sleep(0.2)

    # --- the checks, after the run

    def check(self, last_seq: int, question_seqs: set[int]) -> None:
        outcome = self.outcome
        for client in (*self.clients, *self.panel):
            if client.snapshot_seq is None:
                continue
            if client.number in self.plan.arrivals:
                outcome.joined += 1
            if client.error or client.lost.done():
                outcome.dropped[client.error or "closed by the server"] += 1
            if client.max_seq < last_seq:
                outcome.short += 1
            seen = set()
            answered = set()
            for at, data in client.frames:
                outcome.frames += 1
                frame = json.loads(data)
                kind = frame.get("type")
                if kind == "event":
                    seq = frame["seq"]
                    if seq <= client.snapshot_seq or seq in seen:
                        continue
                    seen.add(seq)
                    if frame["kind"] == "question.asked":
                        match = QUESTION_PATTERN.fullmatch(frame["data"].get("text", ""))
                        if match:
                            outcome.fan_out.append(at - float(match[2]))
                elif kind in ("ack", "error") and frame.get("ref") in client.sends:
                    ref = frame["ref"]
                    answered.add(ref)
                    action, sent = client.sends[ref]
                    if kind == "ack":
                        outcome.acks[action].append(at - sent)
                    else:
                        outcome.refusals[f"{action}: {frame.get('code')}"] += 1
            expected = set(range(client.snapshot_seq + 1, last_seq + 1))
            outcome.gaps += len(expected - seen)
            outcome.missing_questions += len((question_seqs & expected) - seen)
            for ref, (action, _sent) in client.sends.items():
                if ref not in answered:
                    outcome.unanswered[action] += 1
