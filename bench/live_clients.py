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

from websockets.asyncio.client import connect

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


@dataclass
class Client:
    number: int
    ws: object = None
    frames: list = field(default_factory=list)  # (arrival, text) after the snapshot
    snapshot_seq: int | None = None
    connect_seconds: float = 0.0
    error: str = ""
    questions_seen: int = 0
    tallies_seen: int = 0
    acks: int = 0
    refusals: list = field(default_factory=list)


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


def run(plan: Plan, pipe) -> None:
    """Entry point of a client process (multiprocessing, spawn)."""
    asyncio.run(_run(plan, pipe))


async def _run(plan: Plan, pipe) -> None:
    loop = asyncio.get_running_loop()
    clients = [Client(number) for number in sorted(plan.cookies)]
    gate = asyncio.Semaphore(plan.connect_concurrency)
    readers = []
    started = time.monotonic()
    await asyncio.gather(*(_open(plan, client, gate, readers) for client in clients))
    connected = [client for client in clients if client.ws is not None]
    pipe.send(("connected", len(connected), time.monotonic() - started))
    heartbeat = asyncio.create_task(_heartbeat(connected))

    message = await loop.run_in_executor(None, pipe.recv)
    sends = await _play(plan, connected, message[1]) if message[0] == "go" else []
    heartbeat.cancel()
    for reader in readers:
        reader.cancel()
    outcome = _outcome(plan, clients, sends)
    await asyncio.gather(*(_close(client) for client in connected), return_exceptions=True)
    pipe.send(("done", outcome))


async def _open(plan: Plan, client: Client, gate: asyncio.Semaphore, readers: list) -> None:
    async with gate:
        started = time.monotonic()
        try:
            ws = await connect(
                plan.uri,
                origin=plan.origin,
                additional_headers={"Cookie": f"{plan.cookie_name}={plan.cookies[client.number]}"},
                compression=None,
                proxy=None,
                open_timeout=OPEN_TIMEOUT,
                ping_interval=None,
                close_timeout=2,
                max_queue=None,
            )
            first = json.loads(await asyncio.wait_for(ws.recv(), OPEN_TIMEOUT))
            if first.get("type") != "snapshot":
                client.error = f"first frame: {str(first)[:120]}"
                await ws.close()
                return
        except Exception as error:  # counted as a failed connection
            client.error = f"{type(error).__name__}: {error}"[:160]
            return
        client.snapshot_seq = first["seq"]
        client.connect_seconds = time.monotonic() - started
        client.ws = ws
        readers.append(asyncio.create_task(_read(client)))


async def _read(client: Client) -> None:
    frames = client.frames
    monotonic = time.monotonic
    try:
        async for text in client.ws:
            frames.append((monotonic(), text))
            # Cheap checks only, so that the reading loop stays fast: parsing comes later.
            if '"question.asked"' in text:
                client.questions_seen += 1
            elif '"kind":"tally"' in text:
                client.tallies_seen += 1
            elif text.startswith('{"type":"ack"'):
                client.acks += 1
            elif text.startswith('{"type":"error"') or text.startswith('{"type":"refused"'):
                client.refusals.append(text[:200])
    except Exception as error:  # the connection died: what arrived so far counts
        client.error = client.error or f"{type(error).__name__}: {error}"[:160]


async def _heartbeat(clients: list[Client]) -> None:
    """An application ping from every client every PING_EVERY seconds, spread evenly."""
    if not clients:
        return
    ping = json.dumps({"action": "ping"})
    pause = PING_EVERY / len(clients)
    order = list(clients)
    random.Random(len(order)).shuffle(order)
    while True:
        for client in order:
            await asyncio.sleep(pause)
            if client.ws is not None:
                with contextlib.suppress(Exception):  # a dead connection shows in the losses
                    await client.ws.send(ping)


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
            sent = time.monotonic()
            frame = {
                "action": "ask",
                "ref": item,
                "text": QUESTION_TEXT.format(number=item, sent=sent),
            }
        else:
            if question_id is None:
                question_id = _first_question_id(clients)
            if question_id is None:
                continue
            sent = time.monotonic()
            frame = {"action": "vote", "ref": item, "question": question_id}
            sends.append(sent)
        try:
            await client.ws.send(json.dumps(frame))
        except Exception as error:  # counted as a loss by everyone else
            client.error = client.error or f"send: {type(error).__name__}: {error}"[:160]
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
        for _at, text in client.frames:
            if '"question.asked"' in text and "Bench question 0 " in text:
                return json.loads(text)["data"]["id"]
    return None


def _saw_all_votes(client: Client, plan: Plan) -> bool:
    if plan.votes == 0:
        return True
    for _at, text in reversed(client.frames):
        if '"kind":"tally"' in text:
            counts = json.loads(text)["data"]["questions"]
            return max(counts.values(), default=0) >= plan.votes
    return False


def _outcome(plan: Plan, clients: list[Client], sends: list[float]) -> Outcome:
    outcome = Outcome(vote_sends=sends)
    question_id = _first_question_id([c for c in clients if c.ws is not None])
    outcome.question_id = question_id
    for client in clients:
        if client.ws is None:
            outcome.failed.append(client.error)
            continue
        outcome.connected += 1
        outcome.connect_seconds.append(client.connect_seconds)
        outcome.acks += client.acks
        outcome.refusals.extend(client.refusals[:3])
        seen_questions = set()
        last = client.snapshot_seq
        first_seen = [None] * plan.votes
        reached = 0
        for at, text in client.frames:
            outcome.frames += 1
            frame = json.loads(text)
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


async def _close(client: Client) -> None:
    with contextlib.suppress(Exception):  # closing at the end, whatever the state
        await asyncio.wait_for(client.ws.close(), 5)
