"""Benchmark of the live room: N websocket clients in one room of one server process.

For each number of clients (1,000 and 2,000 by default) and each server, it starts the
server on 127.0.0.1, connects the N clients from --processes client processes, and measures:

* connect time: until every client holds its snapshot (at most --connect-concurrency
  handshakes at a time), and each client's handshake-to-snapshot time;
* server memory per client: the server's RSS after the clients connected minus before,
  divided by N;
* question fan-out: --questions questions at --question-rate a second, each asked by a
  different learner through the websocket; latency from the asker's send to each client's
  arrival of the question.asked event;
* vote fan-out: --votes votes at --vote-rate a second on the first question, each by a
  different learner; the latency of vote k at a client is the first arrival of a tally
  with a count of at least k minus the send time of the k-th vote (votes are gathered into
  a tally every LIVE_TALLY_SECONDS, 0.1 s, or less often when the process is busy);
* losses: questions or vote counts a client never saw, gaps in the event sequence, clients
  that could not connect; the script exits non-zero when there is any;
* the server's CPU time per frame delivered during the workload, and the clients'.

With --join-only there is no workload: only the joining storm (and its memory) is measured,
and the ratio printed is our time for every client to hold its snapshot over the bare
server's (target: at most 3). With --rejoin the server is then restarted while the clients
are connected, and every client comes back at once with ?since=<its last seq> (as the room's
script does after a worker restart): the time until all of them are back in the room (the
answer to a ping sent after the handshake) is measured and compared the same way.

Servers: the platform under Daphne (the default server), under uvicorn with its
`websockets` protocol and with its `websockets-sansio` protocol, and a bare `websockets`
broadcast server (bench/live_bare.py), the reference of the ratios: the bare server's p99
divided by ours, and its CPU per frame divided by ours (1.0: as good as the bare server).

The platform runs as configured for a laptop (DJANGO_ENV=dev, DEBUG=false, the default live
settings: learners are rate limited, clients ping every 20 s) on a throw-away SQLite file;
with DATABASE_URL=postgres://... it creates and drops its own database on that server
(opentraining_bench_live), and with REDIS_URL the channel layer and cache are Redis.

Run from the project root:
  .venv/bin/python bench/live.py [--clients 1000 2000] [--servers daphne uvicorn-sansio bare]
      [--processes 2] [--connect-concurrency 50] [--questions 50] [--question-rate 10]
      [--votes 100] [--vote-rate 50] [--history 0] [--join-only [--rejoin]]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import live_clients
from throwaway_postgres import recreate_database, with_database

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = "127.0.0.1"
SETTINGS_MODULE = "config.settings.dev"
BENCH_DATABASE = "opentraining_bench_live"
HOST = "live-bench.localhost"
STARTUP_TIMEOUT = 60  # seconds for a server to accept a first client
SETTLE_SECONDS = 1.0  # before reading the server's memory
SEED = 20_240_611

SERVERS = {
    "daphne": "-m daphne -b {host} -p {port} config.asgi:application",
    "uvicorn": "-m uvicorn config.asgi:application --host {host} --port {port} --ws websockets "
    "--lifespan off --log-level warning --no-access-log",
    "uvicorn-sansio": "-m uvicorn config.asgi:application --host {host} --port {port} "
    "--ws websockets-sansio --lifespan off --log-level warning --no-access-log",
    "bare": "bench/live_bare.py --port {port}",  # from the project root
}
REFERENCE = "bare"


# --- arguments ----------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[1000, 2000])
    parser.add_argument("--servers", nargs="+", choices=list(SERVERS), default=list(SERVERS))
    parser.add_argument("--processes", type=int, default=2, help="client processes (2)")
    parser.add_argument(
        "--connect-concurrency", type=int, default=50, help="handshakes at a time, in all (50)"
    )
    parser.add_argument("--questions", type=int, default=50, help="questions asked (50)")
    parser.add_argument("--question-rate", type=float, default=10, help="questions a second")
    parser.add_argument("--votes", type=int, default=100, help="votes on one question (100)")
    parser.add_argument("--vote-rate", type=float, default=50, help="votes a second (50)")
    parser.add_argument("--drain", type=float, default=15, help="seconds to wait at the end")
    parser.add_argument(
        "--history",
        type=int,
        default=0,
        help="questions already in the room, as in a reconnection mid-session (0)",
    )
    parser.add_argument(
        "--join-only",
        action="store_true",
        help="measure the joining storm (time, memory) without the questions and votes",
    )
    parser.add_argument(
        "--rejoin",
        action="store_true",
        help="with --join-only: then restart the server and measure everyone coming back",
    )
    args = parser.parse_args()
    if args.rejoin and not args.join_only:
        parser.error("--rejoin goes with --join-only")
    bounds = {
        "processes": (1, 16),
        "connect_concurrency": (1, 10_000),
        "questions": (1, 1_000),
        "question_rate": (0.1, 1_000),
        "votes": (0, 10_000),
        "vote_rate": (0.1, 10_000),
        "drain": (1, 600),
        "history": (0, 500),
    }
    for name, (low, high) in bounds.items():
        if not low <= getattr(args, name) <= high:
            parser.error(f"--{name.replace('_', '-')} must be between {low} and {high}")
    if any(not 1 <= n <= 20_000 for n in args.clients):
        parser.error("--clients must be between 1 and 20,000")
    if max(args.questions, args.votes) > min(args.clients):
        parser.error("each question and each vote comes from a different client: too few")
    args.clients = sorted(set(args.clients))
    return args


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def raise_file_limit(needed: int) -> None:
    """Each connection is a file descriptor in the server and in a client process."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        if target < needed:
            sys.exit(f"Open files are limited to {hard}; {needed} are needed (ulimit -n).")


# --- the database -------------------------------------------------------------------------


def is_postgres(url: str) -> bool:
    return urlsplit(url).scheme in ("postgres", "postgresql")


def recreate_postgres(url: str, *, create: bool) -> None:
    recreate_database(url, BENCH_DATABASE, create=create)


def describe_database(url: str) -> str:
    if is_postgres(url):
        parts = urlsplit(url)  # never print the password
        return f"PostgreSQL {parts.hostname}:{parts.port or 5432}/{BENCH_DATABASE} (throw-away)"
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version} (temporary file, WAL)"


def bench_environment(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    url = env.get("DATABASE_URL", "")
    if is_postgres(url):
        env["DATABASE_URL"] = with_database(url, BENCH_DATABASE)
    else:
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    env.update(
        {
            "DJANGO_ENV": "dev",
            "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "PYTHONUNBUFFERED": "1",
            # Every client of the benchmark comes from 127.0.0.1: the per-address join limit
            # would refuse most of them, as it should refuse a real flood from one address.
            "LIVE_JOINS_PER_ADDRESS": "1000000",
        }
    )
    return env


# --- the platform -------------------------------------------------------------------------


@dataclass
class Fixture:
    rooms: dict  # (server, clients) -> room id
    cookies: list[str]  # session key of learner n
    visitor_cookie: str  # a learner enrolled everywhere, for the warm-up connection
    cookie_name: str


def build_platform(env: dict[str, str], args) -> Fixture:
    """Migrate, then one course; per measured run a live room whose session has the run's
    learners confirmed; a logged-in session for every learner."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    print(f"  migrate: {time.monotonic() - started:.1f} s", flush=True)
    started = time.monotonic()
    course, site = create_course()
    users = create_learners(max(args.clients) + 1)
    cookies = create_sessions(users)
    rooms = {}
    for clients in args.clients:
        for server in args.servers:
            if server != REFERENCE:
                learners = users[:clients] + users[-1:]
                rooms[server, clients] = create_room(course, site, learners, args.history)
    connections.close_all()
    print(
        f"  {len(users):,} learners, their sessions and {len(rooms)} rooms: "
        f"{time.monotonic() - started:.1f} s",
        flush=True,
    )
    return Fixture(rooms, cookies[:-1], cookies[-1], settings.SESSION_COOKIE_NAME)


def create_course():
    from wagtail.models import Locale, Page, Site

    from cms.models import HomePage
    from courses.models import CoursePage, ThemePage

    Locale.objects.get_or_create(language_code="en")
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Live bench", slug="live-bench")
    )
    site = Site.objects.create(hostname=HOST, port=80, root_page=home, site_name="Live bench")
    theme = home.add_child(instance=ThemePage(title="Water", slug="water"))
    course = theme.add_child(
        instance=CoursePage(title="Flood forecasting", slug="floods", summary="Rivers.")
    )
    return course, site


def create_learners(count: int) -> list:
    from django.contrib.auth.hashers import make_password

    from accounts.models import User

    password = make_password(None)  # unusable: the sessions are made directly
    User.objects.bulk_create(
        User(
            email=f"learner{n}@live-bench.example.org",
            first_name="Learner",
            last_name=str(n),
            password=password,
        )
        for n in range(count)
    )
    return list(User.objects.filter(email__endswith="@live-bench.example.org").order_by("pk"))


def create_sessions(users) -> list[str]:
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    store = SessionStore()
    expires = timezone.now() + timedelta(days=1)
    backend = settings.AUTHENTICATION_BACKENDS[0]
    sessions = [
        Session(
            session_key=get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789"),
            session_data=store.encode(
                {
                    SESSION_KEY: str(user.pk),
                    BACKEND_SESSION_KEY: backend,
                    HASH_SESSION_KEY: user.get_session_auth_hash(),
                }
            ),
            expire_date=expires,
        )
        for user in users
    ]
    Session.objects.bulk_create(sessions, batch_size=500)
    return [session.session_key for session in sessions]


def create_room(course, site, learners, history: int) -> int:
    from datetime import timedelta

    from django.utils import timezone

    from courses.models import TrainingSession
    from enrollment.models import Enrollment, EnrollmentStatus
    from live.models import Question, QuestionStatus, Room, RoomState

    now = timezone.now()
    session = TrainingSession.objects.create(
        course=course,
        site=site,
        starts_at=now - timedelta(minutes=30),
        ends_at=now + timedelta(hours=3),
        capacity=len(learners),
    )
    Enrollment.objects.bulk_create(
        (
            Enrollment(user=user, session=session, status=EnrollmentStatus.CONFIRMED)
            for user in learners
        ),
        batch_size=500,
    )
    room = Room.objects.create(session=session, state=RoomState.LIVE, opened_at=now)
    Question.objects.bulk_create(
        Question(
            room=room,
            author=learners[n % len(learners)],
            text=f"An earlier question, number {n}: how do the forecasts reach the villages?",
            status=QuestionStatus.VISIBLE,
            votes=n % 13,
        )
        for n in range(history)
    )
    return room.pk


# --- a server -----------------------------------------------------------------------------


def start_server(name: str, env: dict[str, str], port: int, log_path: Path, append=False):
    arguments = SERVERS[name].format(host=LOOPBACK, port=port).split()
    server_env = dict(env)
    # A fresh cache and channel-layer namespace per server when they are Redis.
    prefix = f"bench-live-{uuid.uuid4().hex[:8]}"
    server_env.update({"CACHE_KEY_PREFIX": prefix, "CHANNEL_LAYER_PREFIX": prefix})
    with log_path.open("ab" if append else "wb") as log:
        return subprocess.Popen(
            [sys.executable, *arguments],
            cwd=ROOT,
            env=server_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def wait_for_first_client(server, uri: str, origin: str, cookie: str, log_path: Path) -> float:
    """One client connects, gets its snapshot and leaves: the server is up and warm."""
    from websockets.sync.client import connect

    started = time.monotonic()
    problem = ""
    while time.monotonic() - started < STARTUP_TIMEOUT:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited ({server.returncode}):\n{tail(log_path)}")
        try:
            with connect(
                uri,
                origin=origin,
                additional_headers={"Cookie": cookie},
                compression=None,
                proxy=None,
                open_timeout=10,
            ) as ws:
                if '"snapshot"' in ws.recv(timeout=10):
                    return time.monotonic() - started
        except Exception as error:  # not up yet: try again until the deadline
            problem = f"{type(error).__name__}: {error}"
        time.sleep(0.2)
    raise RuntimeError(f"no snapshot in {STARTUP_TIMEOUT} s ({problem}):\n{tail(log_path)}")


def stop(server) -> None:
    if server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def log_problems(path: Path) -> list[str]:
    """The server's first error (with its traceback), and how many error lines it logged."""
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return []
    errors = [n for n, line in enumerate(lines) if "Error" in line or "Traceback" in line]
    if not errors:
        return []
    first = errors[0]
    end = first + 1
    if lines[first].startswith("Traceback"):
        while end < len(lines) and lines[end][:1] in (" ", "\t", ""):
            end += 1
        end += 1  # the exception's own line
    shown = lines[first:end]
    if len(shown) > 12:
        shown = [*shown[:2], "  ...", *shown[-9:]]
    return [*shown, f"({len(errors)} error lines in the server's log)"]


def cpu_seconds(process) -> float:
    times = process.cpu_times()
    return times.user + times.system


# --- one run ------------------------------------------------------------------------------


@dataclass
class Result:
    server: str
    clients: int
    connected: int = 0
    failed: list = field(default_factory=list)
    connect_seconds: float = 0.0
    connect_each: list = field(default_factory=list)
    connect_cpu: float = 0.0
    rss_before: int = 0
    rss_after: int = 0
    question_latencies: list = field(default_factory=list)
    vote_latencies: list = field(default_factory=list)
    missing_questions: int = 0
    missing_votes: int = 0
    dropped: int = 0
    gaps: int = 0
    frames: int = 0
    work_cpu: float = 0.0
    client_cpu: float = 0.0
    acks: int = 0
    refusals: list = field(default_factory=list)
    log: list = field(default_factory=list)
    load: float = 0.0  # 1-minute load average of the machine when the workload began
    rejoined: int = 0
    rejoin_seconds: float = 0.0
    rejoin_each: list = field(default_factory=list)

    @property
    def losses(self) -> int:
        return self.missing_questions + self.missing_votes + self.gaps + len(self.failed)

    @property
    def memory_per_client(self) -> float:
        return (self.rss_after - self.rss_before) / max(1, self.connected)

    @property
    def cpu_per_delivery(self) -> float:
        return self.work_cpu / self.frames if self.frames else 0.0


def plans(args, fixture: Fixture, clients: int, uri: str, origin: str):
    rng = random.Random(SEED + clients)
    askers = {
        number: question
        for question, number in enumerate(rng.sample(range(clients), args.questions))
    }
    voters = {
        number: position for position, number in enumerate(rng.sample(range(clients), args.votes))
    }
    processes = min(args.processes, clients)
    questions, votes = (0, 0) if args.join_only else (args.questions, args.votes)
    for index in range(processes):
        mine = range(index, clients, processes)
        yield live_clients.Plan(
            uri=uri,
            origin=origin,
            cookie_name=fixture.cookie_name,
            cookies={number: fixture.cookies[number] for number in mine},
            connect_concurrency=max(1, args.connect_concurrency // processes),
            questions=questions,
            question_rate=args.question_rate,
            votes=votes,
            vote_rate=args.vote_rate,
            askers={n: q for n, q in askers.items() if n % processes == index},
            voters={n: p for n, p in voters.items() if n % processes == index},
            vote_pause=1.0,
            drain=args.drain,
        )


def run_one(args, env, fixture: Fixture, server_name: str, clients: int, workdir: Path) -> Result:
    import psutil

    result = Result(server_name, clients)
    port = free_port()
    room = fixture.rooms.get((server_name, clients), 1)
    uri = f"ws://{LOOPBACK}:{port}/ws/live/{room}/"
    origin = f"http://{LOOPBACK}:{port}"
    log_path = workdir / f"{server_name}-{clients}.log"
    server = start_server(server_name, env, port, log_path)
    context = multiprocessing.get_context("spawn")
    workers = []
    try:
        visitor = f"{fixture.cookie_name}={fixture.visitor_cookie}"
        wait_for_first_client(server, uri, origin, visitor, log_path)
        time.sleep(SETTLE_SECONDS)
        process = psutil.Process(server.pid)
        result.rss_before = process.memory_info().rss
        cpu_start = cpu_seconds(process)
        for plan in plans(args, fixture, clients, uri, origin):
            ours, theirs = context.Pipe()
            worker = context.Process(target=live_clients.run, args=(plan, theirs), daemon=True)
            worker.start()
            workers.append((worker, ours))
        for _worker, pipe in workers:
            _kind, connected, seconds = pipe.recv()
            result.connected += connected
            result.connect_seconds = max(result.connect_seconds, seconds)
        result.connect_cpu = cpu_seconds(process) - cpu_start
        time.sleep(SETTLE_SECONDS)
        result.rss_after = process.memory_info().rss
        cpu_start = cpu_seconds(process)
        result.load = os.getloadavg()[0]
        if args.join_only:
            if args.rejoin:
                server = restart(server, server_name, env, port, log_path, uri, origin, visitor)
                rejoin(result, workers)
            for _worker, pipe in workers:
                pipe.send(("stop", None))
            outcomes = [pipe.recv()[1] for _worker, pipe in workers]
        else:
            start = time.monotonic() + 0.5
            for _worker, pipe in workers:
                pipe.send(("go", start))
            outcomes = [pipe.recv()[1] for _worker, pipe in workers]
            result.work_cpu = cpu_seconds(process) - cpu_start
    finally:
        for worker, _pipe in workers:
            worker.join(timeout=30)
            if worker.is_alive():
                worker.terminate()
        stop(server)
    gather(result, outcomes, args)
    result.log = log_problems(log_path)
    if result.log or result.losses:
        # The work directory goes at the end: keep the server's log where it can be read.
        kept = Path(tempfile.gettempdir()) / f"opentraining-bench-live-{server_name}-{clients}.log"
        shutil.copyfile(log_path, kept)
        result.log.append(f"whole log: {kept}")
    return result


def restart(server, name: str, env, port: int, log_path: Path, uri: str, origin: str, cookie):
    """A worker restart: the server stops (its clients lose their connections) and a new one
    starts on the same port; it is warm once one client got its snapshot."""
    stop(server)
    with log_path.open("ab") as log:
        log.write(b"--- restarted ---\n")
    server = start_server(name, env, port, log_path, append=True)
    wait_for_first_client(server, uri, origin, cookie, log_path)
    return server


def rejoin(result: Result, workers) -> None:
    for _worker, pipe in workers:
        pipe.send(("rejoin", None))
    for _worker, pipe in workers:
        _kind, connected, seconds, each, failed = pipe.recv()
        result.rejoined += connected
        result.rejoin_seconds = max(result.rejoin_seconds, seconds)
        result.rejoin_each += each
        result.failed += [f"rejoin: {error}" for error in failed]


def gather(result: Result, outcomes, args) -> None:
    sends = sorted(send for outcome in outcomes for send in outcome.vote_sends)
    for outcome in outcomes:
        result.failed += outcome.failed
        result.connect_each += outcome.connect_seconds
        result.question_latencies += outcome.question_latencies
        result.missing_questions += outcome.missing_questions
        result.gaps += outcome.gaps
        result.frames += outcome.frames
        result.acks += outcome.acks
        result.refusals += outcome.refusals
        result.client_cpu += outcome.cpu
        result.dropped += outcome.dropped
        for first_seen in outcome.vote_first_seen:
            for position in range(0 if args.join_only else args.votes):
                seen = first_seen[position]
                if seen is None or position >= len(sends):
                    result.missing_votes += 1
                else:
                    result.vote_latencies.append(seen - sends[position])


# --- the report ---------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def ms(value: float) -> str:
    return f"{value * 1000:,.0f}" if value == value else "-"


def print_table(header: tuple, rows: list[tuple]) -> None:
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    for row in (header, tuple("-" * w for w in widths), *rows):
        print(
            "  ".join(
                c.ljust(w) if i < 2 else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )


def p50_p99(values: list[float]) -> str:
    return f"{ms(percentile(values, 0.5))}/{ms(percentile(values, 0.99))}"


def print_tables(results: list[Result], join_only: bool = False) -> None:
    print("Connecting (server CPU and memory: the server process's, over the clients)")
    header = (
        "server", "clients", "connected", "seconds", "each p50/p99 ms", "CPU ms/client",
        "RSS before MB", "KB/client",
    )  # fmt: skip
    print_table(
        header,
        [
            (
                r.server,
                f"{r.clients:,}",
                f"{r.connected:,}",
                f"{r.connect_seconds:.1f}",
                p50_p99(r.connect_each),
                f"{r.connect_cpu / max(1, r.connected) * 1000:.1f}",
                f"{r.rss_before / 2**20:,.0f}",
                f"{r.memory_per_client / 1024:,.1f}",
            )
            for r in results
        ],
    )
    if join_only:
        loads = ", ".join(f"{r.load:.1f}" for r in results)
        print(f"Load average (1 minute) after each run's joins: {loads}")
        return
    print("\nFan-out (latency from the sender to each client; CPU per frame delivered)")
    header = (
        "server", "clients", "question p50/p99 ms", "vote p50/p99 ms", "losses", "frames",
        "server µs/frame", "clients µs/frame", "load",
    )  # fmt: skip
    print_table(
        header,
        [
            (
                r.server,
                f"{r.clients:,}",
                p50_p99(r.question_latencies),
                p50_p99(r.vote_latencies),
                f"{r.losses:,}",
                f"{r.frames:,}",
                f"{r.cpu_per_delivery * 1e6:,.1f}",
                f"{r.client_cpu / max(1, r.frames) * 1e6:,.1f}",
                f"{r.load:.1f}",
            )
            for r in results
        ],
    )


def print_ratios(results: list[Result]) -> None:
    """The ratio: the bare server's p99 over ours, for questions (and votes); 1.0 means
    as fast as the bare server, 0.5 twice as slow. Also the bare server's CPU per
    delivered frame over ours."""
    references = {r.clients: r for r in results if r.server == REFERENCE}
    lines = []
    for r in results:
        bare = references.get(r.clients)
        if r.server == REFERENCE or bare is None:
            continue
        question = percentile(bare.question_latencies, 0.99) / percentile(
            r.question_latencies, 0.99
        )
        vote = percentile(bare.vote_latencies, 0.99) / percentile(r.vote_latencies, 0.99)
        cpu = bare.cpu_per_delivery / r.cpu_per_delivery if r.cpu_per_delivery else float("nan")
        lines.append(
            f"  {r.server:<15} {r.clients:>6,}  question p99 {question:.2f}   vote p99 {vote:.2f}"
            f"   CPU per frame {cpu:.2f}"
        )
    if lines:
        print(f"\nRatio to the {REFERENCE} websockets server (its figure ÷ ours; target ≥ 0.5):")
        print("\n".join(lines))


def print_join_ratios(results: list[Result], rejoin: bool) -> None:
    """Our time for every client to hold its snapshot over the bare server's, in the same
    run (target: at most 3), and the same for coming back after a restart."""
    references = {r.clients: r for r in results if r.server == REFERENCE}
    lines = []
    for r in results:
        bare = references.get(r.clients)
        if r.server == REFERENCE or bare is None or not bare.connect_seconds:
            continue
        line = (
            f"  {r.server:<15} {r.clients:>6,}  join {r.connect_seconds / bare.connect_seconds:.1f}"
            f"  (each p50 {ms(percentile(r.connect_each, 0.5))} ms vs "
            f"{ms(percentile(bare.connect_each, 0.5))} ms)"
        )
        if rejoin and bare.rejoin_seconds:
            line += f"   rejoin {r.rejoin_seconds / bare.rejoin_seconds:.1f}"
        lines.append(line)
    if lines:
        print(f"\nRatio to the {REFERENCE} websockets server (our seconds ÷ its; target ≤ 3):")
        print("\n".join(lines))


def print_rejoin(results: list[Result]) -> None:
    print("\nComing back after a restart of the server (everyone at once, with ?since=)")
    header = ("server", "clients", "back", "seconds", "each p50/p99 ms")
    print_table(
        header,
        [
            (
                r.server,
                f"{r.clients:,}",
                f"{r.rejoined:,}",
                f"{r.rejoin_seconds:.1f}",
                p50_p99(r.rejoin_each),
            )
            for r in results
        ],
    )


def print_context(args, env: dict[str, str]) -> None:
    import django

    print(f"Python {platform.python_version()}, Django {django.get_version()}")
    print(f"Machine: {platform.machine()}, nproc {os.cpu_count()}, {platform.platform()}")
    print(f"Database: {describe_database(env['DATABASE_URL'])}")
    print(f"Cache and channel layer: {'Redis' if env.get('REDIS_URL') else 'in-memory'}")
    print(f"Load average at the end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print(
        f"Clients: {args.processes} processes, {args.connect_concurrency} handshakes at a time; "
        f"{args.questions} questions at {args.question_rate:g}/s, then {args.votes} votes at "
        f"{args.vote_rate:g}/s on the first one; {args.history} questions in each room before"
    )


# --- main ---------------------------------------------------------------------------------


def run(args, workdir: Path) -> list[Result]:
    env = bench_environment(workdir)
    print(f"Preparing the platform in {workdir} ...", flush=True)
    fixture = build_platform(env, args)
    results = []
    for clients in args.clients:
        for server in args.servers:
            print(f"  {server} with {clients:,} clients ...", flush=True)
            result = run_one(args, env, fixture, server, clients, workdir)
            print(
                f"    connected {result.connected:,} in {result.connect_seconds:.1f} s, "
                f"question p99 {ms(percentile(result.question_latencies, 0.99))} ms, "
                f"losses {result.losses:,}",
                flush=True,
            )
            results.append(result)
    print()
    print_context(args, env)
    print()
    if args.join_only:
        print_tables(results, join_only=True)
        if args.rejoin:
            print_rejoin(results)
        print_join_ratios(results, args.rejoin)
    else:
        print_tables(results)
        print_ratios(results)
    for result in results:
        expected = 0 if args.join_only or not result.connected else args.questions + args.votes
        notes = []
        if result.failed:
            notes.append(f"{len(result.failed)} clients did not connect, e.g. {result.failed[0]}")
        if result.dropped:
            notes.append(f"{result.dropped} connections closed during the run")
        if result.acks < expected:
            notes.append(f"{expected - result.acks} actions not acknowledged")
        notes += [f"refused: {text}" for text in result.refusals[:3]]
        notes += [f"server log: {line}" for line in result.log]
        for note in notes:
            print(f"Note ({result.server}, {result.clients:,}): {note}")
    return results


def stop_on_signal(signum, frame) -> None:
    raise SystemExit(128 + signum)


def main() -> None:
    args = parse_args()
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop_on_signal)
    raise_file_limit(max(args.clients) * 2 + 1_000)
    started = time.monotonic()
    url = os.environ.get("DATABASE_URL", "")
    if is_postgres(url):
        recreate_postgres(url, create=True)
    try:
        with tempfile.TemporaryDirectory(prefix="opentraining-bench-live-") as workdir:
            results = run(args, Path(workdir))
    finally:
        if is_postgres(url):
            from django.db import connections

            connections.close_all()
            recreate_postgres(url, create=False)
    print(f"Total wall time: {time.monotonic() - started:.1f} s")
    lost = sum(result.losses for result in results)
    if lost:
        sys.exit(f"FAILED: {lost:,} frames lost or clients not connected")


if __name__ == "__main__":
    main()
