"""Load test of the production layout on this machine: a mixed load of catalog reads,
enrollments and live-room traffic through nginx to several uvicorn workers.

It builds the layout of docs/deploy.md on 127.0.0.1, then throws it away:

* a fresh PostgreSQL database (--database, on the server of DATABASE_URL) with the demo
  platform (`migrate`, `load_demo`), `collectstatic`, `check --deploy`;
* Redis (REDIS_URL) for the cache and the channel layer, under a prefix of its own;
* --workers uvicorn processes started with the flags of deploy/opentraining-uvicorn@.service,
  DJANGO_ENV=production, each on its own Unix socket;
* nginx running deploy/nginx.conf itself, with its sockets, paths, port and a self-signed
  certificate replaced (without nginx on the machine, clients go straight to the workers'
  ports, spread evenly, and say so);
* an SMTP sink that takes the platform's emails (enrollment confirmations).

Then, for --duration seconds, --users people with a pause of about --think seconds between
their steps: 40% anonymous readers (home, catalog with searches, filters, pages and
languages, course pages; one visit in four is a first visit that also loads the
stylesheet), 20% learners who enroll in open sessions through the real form (GET, then POST
with the CSRF token) and cancel some later (GET, POST), and 40% participants of a live
seminar room (its page, then a websocket: ask a question every 15-30 s, vote on a third of
the others' questions, ping every 20 s). --audience more people sit in the same room, only
listening. Learners' log-in sessions are made in the database beforehand: a log-in costs a
password hash and is rate limited per address, and is not what this measures.

With --scenario seminar, a crowd instead (bench/seminar_clients.py): --participants learners,
confirmed in the demo's open seminar, arrive uniformly at random over --join-window seconds;
each loads the live room's page (logged in, in one of the six languages), then opens its
websocket and stays, pinging; for --hold more seconds after the window, --question-rate
questions and --vote-rate votes a second come from those in the room, while a panel of
--panel trainers of the session hides the off-topic questions, marks half of the others
answered and pins one every 10 s, and --readers people browse as above. The clients run in
--client-processes processes (their CPU is printed). It prints p50/p99/max of page loads,
joins (handshake to snapshot), acknowledgements and the fan-out of questions, and the
losses: failed joins, gaps in any client's event sequence, questions a client in the room
did not receive, connections dropped, actions never answered; it exits non-zero on any.
Budget: p99 join under 10 s with nothing lost.

It prints for each kind of request: count, errors (and their kinds), p50, p99 and max in ms,
and the rate per second; for the live room, the websocket join (handshake to snapshot),
ask and vote acknowledgements, and the fan-out latency from a question's send to its
arrival at every other participant, with deliveries missed. At the end, whatever happens:
processes stopped, database dropped, Redis keys of the prefix deleted.

Run from the project root (PostgreSQL and Redis on this machine):
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/0 \\
  .venv/bin/python bench/load.py [--duration 60] [--users 100] [--workers 2] [--audience 200]
      [--think 2] [--database opentraining_bench_load] [--no-nginx]
  .venv/bin/python bench/load.py --scenario seminar [--participants 2000] [--join-window 60]
      [--readers 100] [--panel 3] [--hold 30] [--question-rate 1] [--vote-rate 3]
      [--client-processes 3]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import getpass
import html
import itertools
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from throwaway_postgres import recreate_database, with_database

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
LOOPBACK = "127.0.0.1"
STARTUP_TIMEOUT = 90  # seconds for a worker to answer /healthz
REQUEST_TIMEOUT = 30.0
SEED = 20_261_125
PING_SECONDS = 20  # as live.js
VOTE_SHARE = 1 / 3
ASK_EVERY = (15.0, 30.0)  # seconds between one participant's questions (limit: 5 a minute)
DRAIN_SECONDS = 30.0  # at most, after the end, for answers and questions still on their way
MY_LEARNING_CANCEL = re.compile(r'href="(/en/learning/(\d+)/cancel/)"')
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ASSETS = re.compile(r'<(?:link rel="stylesheet" href|script[^>]* src)="(/static/[^"]+)"')
CATALOG_QUERIES = ("", "?page=2", "?q=data", "?q=climate", "?mode=online&open=on", "?level=1")


# --- arguments ----------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (60)")
    parser.add_argument("--users", type=int, default=100, help="active people (100)")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn processes (2)")
    parser.add_argument(
        "--audience", type=int, default=200, help="more people listening in the live room (200)"
    )
    parser.add_argument(
        "--think", type=float, default=2.0, help="mean seconds between a person's steps (2)"
    )
    parser.add_argument(
        "--database", default="opentraining_bench_load", help="throw-away database name"
    )
    parser.add_argument(
        "--no-nginx", action="store_true", help="clients straight to the workers' ports"
    )
    parser.add_argument(
        "--scenario",
        choices=("mixed", "seminar"),
        default="mixed",
        help="mixed (the default) or seminar: a crowd joining one live room",
    )
    seminar = parser.add_argument_group("seminar scenario")
    seminar.add_argument(
        "--participants", type=int, default=2000, help="people joining the room (2000)"
    )
    seminar.add_argument(
        "--join-window", type=float, default=60, help="seconds over which they arrive (60)"
    )
    seminar.add_argument("--readers", type=int, default=100, help="people browsing meanwhile (100)")
    seminar.add_argument("--panel", type=int, default=3, help="moderators and trainers (3)")
    seminar.add_argument(
        "--hold", type=float, default=30, help="seconds of questions after the window (30)"
    )
    seminar.add_argument(
        "--question-rate", type=float, default=1.0, help="questions a second in the room (1)"
    )
    seminar.add_argument(
        "--vote-rate", type=float, default=3.0, help="votes a second in the room (3)"
    )
    seminar.add_argument("--client-processes", type=int, default=3, help="client processes (3)")
    args = parser.parse_args()
    bounds = {
        "duration": (5, 3600),
        "users": (5, 5000),
        "workers": (1, 32),
        "audience": (0, 20_000),
        "think": (0, 60),
        "participants": (1, 10_000),
        "join_window": (1, 3600),
        "readers": (0, 2000),
        "panel": (1, 10),
        "hold": (0, 3600),
        "question_rate": (0, 20),
        "vote_rate": (0, 200),
        "client_processes": (1, 16),
    }
    for name, (low, high) in bounds.items():
        if not low <= getattr(args, name) <= high:
            parser.error(f"--{name.replace('_', '-')} must be between {low} and {high}")
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.database):
        parser.error("--database: lower-case letters, digits and underscores")
    if args.scenario == "seminar":
        args.learners = args.audience = 0
        args.duration = args.join_window + args.hold
        return args
    args.readers = round(args.users * 0.4)
    args.learners = round(args.users * 0.2)
    args.participants = args.users - args.readers - args.learners
    return args


def raise_file_limit(needed: int) -> None:
    """Every connection is a file descriptor in a client process, in nginx (two: the
    client's and the worker's) and in a worker; the processes started from here inherit
    the limit."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        if target < needed:
            sys.exit(f"Open files are limited to {hard}; {needed} are needed (ulimit -n).")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def stop_on_signal(signum, frame) -> None:
    raise SystemExit(128 + signum)


# --- PostgreSQL and Redis -----------------------------------------------------------------


def server_url(name: str, default: str, schemes: tuple[str, ...]) -> str:
    value = os.environ.get(name) or default
    if urlsplit(value).scheme not in schemes:
        sys.exit(f"{name} must start with {' or '.join(schemes)}:// (got {value!r})")
    return value


def delete_redis_keys(url: str, prefix: str) -> int:
    import redis

    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match=f"{prefix}*", count=1000))
    deleted = sum(client.delete(*keys[i : i + 500]) for i in range(0, len(keys), 500))
    left = sum(1 for _ in client.scan_iter(match=f"{prefix}*", count=1000))
    client.close()
    if left:
        print(f"Warning: {left} Redis keys under {prefix!r} are left")
    return deleted


# --- the layout ---------------------------------------------------------------------------


@dataclass
class Layout:
    workdir: Path
    nginx: bool
    front_port: int  # nginx, or the first worker when there is no nginx
    worker_ports: list[int]  # without nginx
    smtp_port: int
    prefix: str
    env: dict[str, str] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def origin(self) -> str:
        return f"https://{LOOPBACK}:{self.front_port}"

    def bases(self) -> list[tuple[str, str]]:
        """(HTTP base URL, websocket base URL) of each place clients connect to: nginx, or
        each worker."""
        if self.nginx:
            return [(self.origin, f"wss://{LOOPBACK}:{self.front_port}")]
        ports = self.worker_ports
        return [(f"http://{LOOPBACK}:{port}", f"ws://{LOOPBACK}:{port}") for port in ports]

    def socket_path(self, worker: int) -> Path:
        return self.workdir / "run" / f"worker-{worker}.sock"


def production_environment(layout: Layout, database_url: str, redis_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        {
            "DJANGO_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": f"{LOOPBACK},localhost",
            "CSRF_TRUSTED_ORIGINS": layout.origin,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "CACHE_KEY_PREFIX": layout.prefix,
            "CHANNEL_LAYER_PREFIX": layout.prefix,
            "BASE_URL": layout.origin,
            "EMAIL_HOST": LOOPBACK,
            "EMAIL_PORT": str(layout.smtp_port),
            "EMAIL_USE_TLS": "false",
            "STATIC_ROOT": str(layout.workdir / "static"),
            "MEDIA_ROOT": str(layout.workdir / "media"),
            "LOG_LEVEL": "WARNING",
            # load_demo gives the demo sites this host and port.
            "HOST": LOOPBACK,
            "PORT": str(layout.front_port),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def manage(env: dict[str, str], *arguments: str, quiet: bool = True) -> str:
    """Runs a management command as an administrator would; returns what it printed."""
    started = time.monotonic()
    finished = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if finished.returncode:
        raise RuntimeError(f"manage.py {' '.join(arguments)} failed:\n{finished.stderr[-3000:]}")
    if not quiet:
        output = (finished.stdout + finished.stderr).strip().splitlines()
        last = output[-1] if output else ""
        print(f"  {arguments[0]}: {time.monotonic() - started:.1f} s  {last}", flush=True)
    return finished.stdout.strip()


def prepare_database(layout: Layout) -> None:
    env = layout.env
    env["CERTIFICATE_SIGNING_KEY"] = manage(env, "generate_signing_key")
    manage(env, "migrate", "--no-input", "--verbosity", "0", quiet=False)
    manage(env, "load_demo", quiet=False)
    manage(env, "collectstatic", "--no-input", quiet=False)
    manage(env, "check", "--deploy", quiet=False)


# --- the people and what they open ----------------------------------------------------------


@dataclass
class Fixture:
    cookie_name: str
    csrf_cookie_name: str
    catalogs: list[str]
    courses: list[str]
    homes: list[str]
    open_sessions: list[int]
    room_session: int
    learners: list[str]  # session keys
    participants: list[str]
    audience: list[str]


def build_fixture(env: dict[str, str], args) -> Fixture:
    """Reads the demo platform; opens a seminar room to the audience as its trainer would;
    makes a log-in session for each learner and participant."""
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connections
    from django.utils import timezone
    from wagtail.models import Site

    from courses.models import CatalogPage, CoursePage, SessionKind, TrainingSession
    from enrollment.models import LearnerProfile
    from live.models import Room, RoomState

    site = Site.objects.get(is_default_site=True)

    def paths(pages) -> list[str]:
        found = []
        for page in pages:
            parts = page.get_url_parts()
            if parts and parts[0] == site.pk:
                found.append(parts[2])
        return found

    catalogs = paths(CatalogPage.objects.live())
    courses = paths(CoursePage.objects.live().order_by("pk"))
    homes = [f"/{code}/" for code, _name in settings.LANGUAGES]
    open_sessions = list(
        TrainingSession.objects.published()
        .open_for_enrollment()
        .exclude(kind=SessionKind.SEMINAR)
        .values_list("pk", flat=True)
    )
    room = (
        Room.objects.filter(open_to_all=True, session__kind=SessionKind.SEMINAR)
        .exclude(state=RoomState.ENDED)
        .order_by("session__starts_at")
        .first()
    )
    if not (catalogs and courses and open_sessions and room):
        raise RuntimeError("the demo has no catalog, course, open session or seminar room")
    Room.objects.filter(pk=room.pk).update(state=RoomState.LIVE, opened_at=timezone.now())
    people = args.learners + args.participants + args.audience
    users = list(
        LearnerProfile.objects.filter(user__is_staff=False, user__is_active=True)
        .order_by("user_id")
        .values_list("user_id", flat=True)[:people]
    )
    if len(users) < people:
        raise RuntimeError(f"the demo has {len(users)} learners with a profile, {people} needed")
    keys = create_sessions(users)
    connections.close_all()
    learners, rest = keys[: args.learners], keys[args.learners :]
    return Fixture(
        cookie_name=settings.SESSION_COOKIE_NAME,
        csrf_cookie_name=settings.CSRF_COOKIE_NAME,
        catalogs=catalogs,
        courses=courses,
        homes=homes,
        open_sessions=open_sessions,
        room_session=room.session_id,
        learners=learners,
        participants=rest[: args.participants],
        audience=rest[args.participants :],
    )


@dataclass
class SeminarFixture:
    cookie_name: str
    catalogs: list[str]
    courses: list[str]
    homes: list[str]
    languages: list[str]
    room_session: int
    room: int
    participants: list[str]  # session keys
    panel: list[str]


def build_seminar_fixture(env: dict[str, str], args) -> SeminarFixture:
    """The demo's open seminar room, live; --participants learners confirmed in its session
    (so they may join, and their time counts as attendance) and --panel people added to its
    trainers (so they moderate); a log-in session for each."""
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connections, transaction
    from django.utils import timezone
    from wagtail.models import Site

    from courses.models import CatalogPage, CoursePage, SessionKind, Trainer
    from enrollment.models import Enrollment, EnrollmentStatus, LearnerProfile
    from live.models import Room, RoomState

    site = Site.objects.get(is_default_site=True)
    paths = []
    for model in (CatalogPage, CoursePage):
        found = []
        for page in model.objects.live().order_by("pk"):
            parts = page.get_url_parts()
            if parts and parts[0] == site.pk:
                found.append(parts[2])
        paths.append(found)
    catalogs, courses = paths
    room = (
        Room.objects.filter(open_to_all=True, session__kind=SessionKind.SEMINAR)
        .exclude(state=RoomState.ENDED)
        .select_related("session")
        .order_by("session__starts_at")
        .first()
    )
    if not (catalogs and courses and room):
        raise RuntimeError("the demo has no catalog, course page or seminar room")
    session = room.session
    people = args.participants + args.panel
    users = list(
        LearnerProfile.objects.filter(user__is_staff=False, user__is_active=True)
        .exclude(user__enrollments__session=session)
        .order_by("user_id")
        .values_list("user_id", flat=True)[:people]
    )
    if len(users) < people:
        raise RuntimeError(f"the demo has {len(users)} learners to spare, {people} needed")
    participants, panel = users[: args.participants], users[args.participants :]
    trainers = list(
        Trainer.objects.filter(user__isnull=True, locale__language_code="en").order_by("pk")[
            : args.panel
        ]
    )
    if len(trainers) < args.panel:
        raise RuntimeError(f"the demo has {len(trainers)} trainers without an account")
    with transaction.atomic():
        Room.objects.filter(pk=room.pk).update(
            state=RoomState.LIVE, opened_at=timezone.now(), premoderation=False
        )
        Enrollment.objects.bulk_create(
            (
                Enrollment(user_id=pk, session=session, status=EnrollmentStatus.CONFIRMED)
                for pk in participants
            ),
            batch_size=1000,
        )
        for trainer, user in zip(trainers, panel, strict=True):
            Trainer.objects.filter(translation_key=trainer.translation_key).update(user_id=user)
            session.trainers.add(trainer)
    keys = create_sessions(users)
    connections.close_all()
    return SeminarFixture(
        cookie_name=settings.SESSION_COOKIE_NAME,
        catalogs=catalogs,
        courses=courses,
        homes=[f"/{code}/" for code, _name in settings.LANGUAGES],
        languages=[code for code, _name in settings.LANGUAGES],
        room_session=session.pk,
        room=room.pk,
        participants=keys[: args.participants],
        panel=keys[args.participants :],
    )


def room_events(room: int) -> tuple[int, list[int]]:
    """The room's last sequence number and those of its questions, as stored."""
    from django.db import connections

    from live.models import Event, Room

    try:
        last = Room.objects.values_list("last_seq", flat=True).get(pk=room)
        asked = list(
            Event.objects.filter(room_id=room, kind="question.asked").values_list("seq", flat=True)
        )
    finally:
        connections.close_all()
    return last, asked


def create_sessions(user_ids: list[int]) -> list[str]:
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from accounts.models import User

    store = SessionStore()
    expires = timezone.now() + timedelta(days=1)
    backend = settings.AUTHENTICATION_BACKENDS[0]
    users = User.objects.in_bulk(user_ids)
    sessions = [
        Session(
            session_key=get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789"),
            session_data=store.encode(
                {
                    SESSION_KEY: str(pk),
                    BACKEND_SESSION_KEY: backend,
                    HASH_SESSION_KEY: users[pk].get_session_auth_hash(),
                }
            ),
            expire_date=expires,
        )
        for pk in user_ids
    ]
    Session.objects.bulk_create(sessions, batch_size=500)
    return [session.session_key for session in sessions]


# --- processes: workers and nginx ---------------------------------------------------------


def worker_command(layout: Layout, worker: int) -> list[str]:
    """The ExecStart of deploy/opentraining-uvicorn@.service, for this machine."""
    unit = (DEPLOY / "opentraining-uvicorn@.service").read_text()
    match = re.search(r"^ExecStart=(.*?[^\\])$", unit, re.MULTILINE | re.DOTALL)
    words = match.group(1).replace("\\\n", " ").split()
    assert words[0].endswith("/uvicorn") and "--uds" in words, words
    words = [sys.executable, "-m", "uvicorn", *words[1:]]
    at = words.index("--uds")
    if layout.nginx:
        words[at + 1] = str(layout.socket_path(worker))
    else:
        port = layout.worker_ports[worker - 1]
        words[at : at + 2] = ["--host", LOOPBACK, "--port", str(port)]
    return words


def start_workers(layout: Layout, workers: int) -> None:
    (layout.workdir / "run").mkdir()
    for worker in range(1, workers + 1):
        log = (layout.workdir / f"worker-{worker}.log").open("wb")
        layout.processes[f"worker-{worker}"] = subprocess.Popen(
            worker_command(layout, worker),
            cwd=ROOT,
            env=layout.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    for worker in range(1, workers + 1):
        wait_until_healthy(layout, worker)


def wait_until_healthy(layout: Layout, worker: int) -> None:
    import httpx

    if layout.nginx:
        transport = httpx.HTTPTransport(uds=str(layout.socket_path(worker)))
        url = f"http://{LOOPBACK}/healthz"
    else:
        transport = httpx.HTTPTransport()
        url = f"http://{LOOPBACK}:{layout.worker_ports[worker - 1]}/healthz"
    process = layout.processes[f"worker-{worker}"]
    deadline = time.monotonic() + STARTUP_TIMEOUT
    problem = ""
    with httpx.Client(transport=transport, timeout=5) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                break
            try:
                # As nginx forwards it: otherwise production redirects to HTTPS.
                response = client.get(url, headers={"X-Forwarded-Proto": "https"})
                if response.status_code == 200:
                    return
                problem = f"{response.status_code} {response.text[:200]}"
            except httpx.TransportError as error:
                problem = f"{type(error).__name__}: {error}"
            time.sleep(0.3)
    log = layout.workdir / f"worker-{worker}.log"
    raise RuntimeError(f"worker {worker} is not healthy ({problem}):\n{tail(log)}")


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(path).exists()),
        None,
    )


def nginx_site(layout: Layout, workers: int, spare_port: int) -> str:
    """deploy/nginx.conf with this machine's sockets, port, certificate and paths; every
    replaced line must be found, so the bench always runs the sample as it is."""
    sample = (DEPLOY / "nginx.conf").read_text()
    upstream = [
        f"    server unix:{layout.socket_path(worker)};" for worker in range(1, workers + 1)
    ]
    lines, placed = [], False
    for line in sample.splitlines():
        if line.strip().startswith("server unix:/run/opentraining/"):
            if not placed:
                lines += upstream
                placed = True
            continue
        lines.append(line)
    site = "\n".join(lines)
    work = layout.workdir
    replacements = {
        "listen 443 ssl http2;": f"listen {LOOPBACK}:{layout.front_port} ssl http2;",
        "listen [::]:443 ssl http2;": "",
        "listen 80;": f"listen {LOOPBACK}:{spare_port};",
        "listen [::]:80;": "",
        "/etc/letsencrypt/live/training.example.org/fullchain.pem": str(work / "cert.pem"),
        "/etc/letsencrypt/live/training.example.org/privkey.pem": str(work / "key.pem"),
        "/srv/opentraining/static/": f"{work / 'static'}/",
        "/srv/opentraining/media/": f"{work / 'media'}/",
        "/srv/opentraining/live-hls/": f"{work / 'live-hls'}/",
        "listen 127.0.0.1:8080;": f"listen {LOOPBACK}:{free_port()};",
        "/var/log/nginx/opentraining.access.log": str(work / "nginx-access.log"),
        "/var/log/nginx/opentraining.error.log": str(work / "nginx-error.log"),
    }
    for old, new in replacements.items():
        if old not in site:
            raise RuntimeError(f"deploy/nginx.conf changed: {old!r} is no longer there")
        site = site.replace(old, new)
    if not placed:
        raise RuntimeError("deploy/nginx.conf changed: no upstream socket line")
    return site


def nginx_connections(people: int) -> int:
    """worker_connections for `people` open at once: each takes two connections of an nginx
    worker (the client's and the one to uvicorn), and one worker may accept them all."""
    return max(8192, 2 * people + 1024)


def start_nginx(layout: Layout, workers: int, people: int) -> None:
    work = layout.workdir
    connections = nginx_connections(people)
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "1",
            "-subj",
            f"/CN={LOOPBACK}",
            "-addext",
            f"subjectAltName=IP:{LOOPBACK}",
            "-keyout",
            str(work / "key.pem"),
            "-out",
            str(work / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )
    (work / "site.conf").write_text(nginx_site(layout, workers, free_port()))
    (work / "nginx-temp").mkdir()
    temp = work / "nginx-temp"
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(
        f"""{user}
worker_processes auto;
pid {work / "nginx.pid"};
error_log {work / "nginx-error.log"} warn;
worker_rlimit_nofile {connections + 1024};
events {{ worker_connections {connections}; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {work / "site.conf"};
}}
"""
    )
    written = re.search(r"worker_connections (\d+);", (work / "nginx.conf").read_text())
    if written is None or int(written.group(1)) < 2 * people:
        raise RuntimeError(f"nginx's worker_connections is below 2 x {people:,} people")
    binary = nginx_binary()
    command = [binary, "-p", str(work), "-c", str(work / "nginx.conf")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    if checked.returncode:
        raise RuntimeError(f"nginx -t refused the configuration:\n{checked.stderr}")
    log = (work / "nginx.log").open("wb")
    layout.processes["nginx"] = subprocess.Popen(
        [*command, "-g", "daemon off;"], stdout=log, stderr=subprocess.STDOUT
    )
    wait_for_port(layout.front_port, layout.processes["nginx"], work / "nginx-error.log")


def wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and process.poll() is None:
        try:
            socket.create_connection((LOOPBACK, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nginx did not start:\n{tail(log)}")


def stop_processes(layout: Layout) -> None:
    for process in layout.processes.values():
        if process.poll() is None:
            process.terminate()
    for process in layout.processes.values():
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def log_errors(path: Path) -> list[str]:
    try:
        text = path.read_text(errors="replace").splitlines()
    except OSError:
        return []
    return [line for line in text if "Error" in line or "Traceback" in line or "[error]" in line]


# --- measurements -------------------------------------------------------------------------


@dataclass
class Kind:
    times: list[float] = field(default_factory=list)
    errors: collections.Counter = field(default_factory=collections.Counter)

    def add(self, seconds: float, error: str | None = None) -> None:
        self.times.append(seconds)
        if error:
            self.errors[error] += 1


class Measures:
    def __init__(self) -> None:
        self.kinds: dict[str, Kind] = collections.defaultdict(Kind)
        self.outcomes: collections.Counter = collections.Counter()
        self.questions: dict[str, tuple[float, int, int]] = {}  # token: sent, asker, listeners
        self.arrivals: collections.Counter = collections.Counter()
        self.fan_out: list[float] = []
        self.connected = 0
        self.emails = 0
        self.running = True  # people take new steps
        self.listening = True  # websockets stay open for what is still on its way
        self.people: list[Participant] = []

    def error(self, kind: str, error: str) -> None:
        self.kinds[kind].errors[error] += 1


class Browser:
    """One person's HTTP/1.1 connections and cookies, as a browser keeps them. Cookies are
    kept here rather than in httpx's jar, which would not send the Secure ones over the
    plain HTTP of --no-nginx."""

    def __init__(self, base: str, origin: str, verify, cookies: dict[str, str] | None = None):
        import httpx

        self.base = base
        self.origin = origin
        self.cookies = dict(cookies or {})
        self.headers = {
            "Accept-Encoding": "gzip",
            "Accept-Language": "en",
            "User-Agent": "opentraining-bench-load",
        }
        if base.startswith("http:"):  # straight to a worker: say what nginx would say
            self.headers["X-Forwarded-Proto"] = "https"
        self.client = httpx.AsyncClient(
            base_url=base, verify=verify, timeout=REQUEST_TIMEOUT, follow_redirects=False
        )

    async def request(
        self, measures: Measures, kind: str, method: str, path: str, *, expect=200, data=None
    ):
        headers = dict(self.headers)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers["Origin"] = self.origin
            headers["Referer"] = f"{self.origin}{path}"
        started = time.monotonic()
        try:
            response = await self.client.request(method, path, headers=headers, data=data)
        except Exception as error:
            measures.kinds[kind].add(time.monotonic() - started, type(error).__name__)
            return None
        elapsed = time.monotonic() - started
        for header in response.headers.get_list("set-cookie"):
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if value and "max-age=0" not in header.lower():
                self.cookies[name.strip()] = value
            else:
                self.cookies.pop(name.strip(), None)
        status = response.status_code
        measures.kinds[kind].add(elapsed, None if status == expect else f"HTTP {status}")
        return response if status == expect else None

    async def close(self) -> None:
        await self.client.aclose()


async def pause(rng: random.Random, mean: float) -> None:
    if mean:
        await asyncio.sleep(min(rng.expovariate(1 / mean), 4 * mean))


async def reader(number, fixture, measures, base, origin, verify, think) -> None:
    """Home, catalog, courses, in several languages; now and then a first visit."""
    rng = random.Random(SEED + number)
    browser = Browser(base, origin, verify)
    try:
        await asyncio.sleep(rng.uniform(0, think))
        while measures.running:
            first_visit = rng.random() < 0.25
            if first_visit:
                browser.cookies.clear()
            start = rng.choice(["home", "catalog", "catalog"])
            if start == "home":
                response = await browser.request(measures, "home", "GET", rng.choice(fixture.homes))
            else:
                path = rng.choice(fixture.catalogs) + rng.choice(CATALOG_QUERIES)
                response = await browser.request(measures, "catalog", "GET", path)
            if response is not None and first_visit:
                for asset in set(ASSETS.findall(response.text)):
                    await browser.request(measures, "static file", "GET", asset)
            for _ in range(rng.randint(1, 3)):
                if not measures.running:
                    break
                await pause(rng, think)
                await browser.request(measures, "course", "GET", rng.choice(fixture.courses))
            await pause(rng, think)
    finally:
        await browser.close()


async def learner(number, fixture, measures, base, origin, verify, think) -> None:
    """Enroll in an open session through its form; past three enrollments, cancel one."""
    rng = random.Random(SEED + 10_000 + number)
    cookies = {fixture.cookie_name: fixture.learners[number]}
    browser = Browser(base, origin, verify, cookies)
    try:
        await asyncio.sleep(rng.uniform(0, think))
        while measures.running:
            path = f"/en/sessions/{rng.choice(fixture.open_sessions)}/enroll/"
            form = await browser.request(measures, "enroll form", "GET", path)
            token = CSRF_FIELD.search(form.text) if form is not None else None
            if token is None:
                measures.outcomes["enroll page without a form (enrolled before, or refused)"] += 1
                await pause(rng, think)
                continue
            await pause(rng, think)
            data = {"csrfmiddlewaretoken": html.unescape(token.group(1))}
            done = await browser.request(measures, "enroll", "POST", path, expect=302, data=data)
            if done is None:
                continue
            page = await browser.request(measures, "my learning", "GET", done.headers["location"])
            if page is None:
                continue
            measures.outcomes[enrollment_outcome(page.text)] += 1
            cancels = MY_LEARNING_CANCEL.findall(page.text)
            if len(cancels) > 3:
                await pause(rng, think)
                cancel_path = rng.choice(cancels)[0]
                form = await browser.request(measures, "cancel form", "GET", cancel_path)
                token = CSRF_FIELD.search(form.text) if form is not None else None
                if token is not None:
                    data = {"csrfmiddlewaretoken": html.unescape(token.group(1))}
                    await browser.request(
                        measures, "cancel", "POST", cancel_path, expect=302, data=data
                    )
            await pause(rng, think)
    finally:
        await browser.close()


def enrollment_outcome(page: str) -> str:
    if "your seat is confirmed" in page:
        return "enrolled: confirmed"
    if "waiting list" in page:
        return "enrolled: waiting list"
    if "approv" in page:
        return "enrolled: awaiting approval"
    return "enrolled: other message"


class Participant:
    """A person in the live room over a websocket: asks, votes, pings; measures the
    acknowledgements and the arrival of everyone else's questions."""

    def __init__(self, number, key, fixture, measures, ws_base, origin, ssl_context, *, active):
        self.number = number
        self.rng = random.Random(SEED + 20_000 + number)
        self.cookie = f"{fixture.cookie_name}={key}"
        self.uri = f"{ws_base}/ws/live/{fixture.room_session}/?lang=en"
        self.origin = origin
        self.ssl = ssl_context
        self.measures = measures
        self.active = active
        self.refs = itertools.count(1)
        self.pending: dict[int, tuple[str, float, str]] = {}  # ref: kind, sent, question
        self.voted: set[int] = set()
        self.socket = None
        measures.people.append(self)

    @property
    def join_kind(self) -> str:
        return "live join" if self.active else "live join (audience, before)"

    async def join(self) -> bool:
        from websockets.asyncio.client import connect

        started = time.monotonic()
        try:
            self.socket = await connect(
                self.uri,
                origin=self.origin,
                additional_headers={"Cookie": self.cookie},
                ssl=self.ssl,
                open_timeout=REQUEST_TIMEOUT,
                max_size=2**22,
                proxy=None,
            )
            first = json.loads(await asyncio.wait_for(self.socket.recv(), REQUEST_TIMEOUT))
        except Exception as error:
            self.measures.kinds[self.join_kind].add(
                time.monotonic() - started, type(error).__name__
            )
            return False
        error = None if first.get("type") == "snapshot" else f"first frame {first.get('type')}"
        self.measures.kinds[self.join_kind].add(time.monotonic() - started, error)
        if error is None:
            self.measures.connected += 1
        return error is None

    async def send(self, kind: str, frame: dict, token: str = "") -> None:
        ref = next(self.refs)
        self.pending[ref] = (kind, time.monotonic(), token)
        try:
            await self.socket.send(json.dumps({**frame, "ref": ref}))
        except Exception as error:
            self.pending.pop(ref, None)
            self.measures.error(kind, type(error).__name__)

    async def listen(self) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            async for message in self.socket:
                self.receive(json.loads(message), time.monotonic())
        except ConnectionClosed as closed:
            if self.measures.running:
                self.measures.error(
                    self.join_kind, f"closed {closed.rcvd.code if closed.rcvd else ''}"
                )
        finally:
            self.measures.connected -= 1

    def receive(self, frame: dict, now: float) -> None:
        kind = frame.get("type")
        if kind in ("ack", "error", "pong") and frame.get("ref") in self.pending:
            action, sent, token = self.pending.pop(frame["ref"])
            error = f"ws {frame.get('code')}" if kind == "error" else None
            self.measures.kinds[action].add(now - sent, error)
            if error and token:  # a refused question reaches nobody
                self.measures.questions.pop(token, None)
        elif kind == "event" and frame.get("kind") == "question.asked":
            data = frame.get("data") or {}
            token = (data.get("text") or "").rpartition("#")[2]
            asked = self.measures.questions.get(token)
            if asked and asked[1] != self.number:
                self.measures.arrivals[token] += 1
                self.measures.fan_out.append(now - asked[0])
                if self.active and self.rng.random() < VOTE_SHARE:
                    asyncio.get_running_loop().create_task(self.vote_later(data["id"]))

    async def vote_later(self, question: int) -> None:
        await asyncio.sleep(self.rng.uniform(0.5, 5))
        if self.measures.running and question not in self.voted:
            self.voted.add(question)
            await self.send("live vote", {"action": "vote", "question": question})

    async def ask(self) -> None:
        token = uuid.uuid4().hex[:12]
        text = f"Participant {self.number}: how do the forecasts reach the villages? #{token}"
        # Everyone connected but the asker should receive it.
        self.measures.questions[token] = (
            time.monotonic(),
            self.number,
            self.measures.connected - 1,
        )
        await self.send("live ask", {"action": "ask", "text": text, "anonymous": False}, token)

    async def run_until_stopped(self) -> None:
        listening = asyncio.get_running_loop().create_task(self.listen())
        next_ping = time.monotonic() + PING_SECONDS
        next_question = time.monotonic() + self.rng.uniform(2, ASK_EVERY[0])
        try:
            while self.measures.running and not listening.done():
                now = time.monotonic()
                if now >= next_ping:
                    await self.send("live ping", {"action": "ping"})
                    next_ping = now + PING_SECONDS
                if self.active and now >= next_question:
                    await self.ask()
                    next_question = now + self.rng.uniform(*ASK_EVERY)
                wake = min(next_ping, next_question if self.active else next_ping)
                await asyncio.sleep(max(0.05, min(1.0, wake - time.monotonic())))
            while self.measures.listening and not listening.done():
                await asyncio.sleep(0.2)
        finally:
            await self.socket.close()
            await asyncio.wait_for(listening, 10)


async def participant(number, key, fixture, measures, bases, origin, verify, ws_ssl, think):
    """The room's page, then its websocket."""
    rng = random.Random(SEED + 30_000 + number)
    await asyncio.sleep(rng.uniform(0, think))
    base, ws_base = bases
    browser = Browser(base, origin, verify, {fixture.cookie_name: key})
    try:
        await browser.request(
            measures, "live room page", "GET", f"/en/live/{fixture.room_session}/"
        )
    finally:
        await browser.close()
    person = Participant(number, key, fixture, measures, ws_base, origin, ws_ssl, active=True)
    if await person.join():
        await person.run_until_stopped()


async def smtp_sink(measures: Measures, port: int):
    """Takes every email the platform sends, counts it, keeps nothing."""

    async def session(reader, writer) -> None:
        writer.write(b"220 bench ESMTP\r\n")
        in_data = False
        while line := await reader.readline():
            if in_data:
                if line.rstrip(b"\r\n") == b".":
                    in_data = False
                    measures.emails += 1
                    writer.write(b"250 OK\r\n")
                continue
            verb = line[:4].upper()
            if verb == b"DATA":
                in_data = True
                writer.write(b"354 End with .\r\n")
            elif verb == b"QUIT":
                writer.write(b"221 Bye\r\n")
                break
            else:
                writer.write(b"250 OK\r\n")
            await writer.drain()
        await writer.drain()
        writer.close()

    return await asyncio.start_server(session, LOOPBACK, port)


async def warm_up(args, fixture: Fixture, bases, origin: str, verify) -> None:
    """Every worker has served the pages once (templates, Wagtail's caches), as a server
    that has been running would have; not measured."""
    started = time.monotonic()
    paths = fixture.homes + fixture.catalogs + fixture.courses[:12]
    scratch = Measures()
    for base, _ws_base in bases:
        browser = Browser(base, origin, verify)
        try:
            for _round in range(args.workers):
                await asyncio.gather(
                    *(browser.request(scratch, "warm-up", "GET", path) for path in paths)
                )
        finally:
            await browser.close()
    count = len(scratch.kinds["warm-up"].times)
    failed = sum(scratch.kinds["warm-up"].errors.values())
    print(f"  warm-up: {count} pages in {time.monotonic() - started:.1f} s, {failed} errors")


def expected_deliveries(measures: Measures) -> int:
    return sum(listeners for _sent, _asker, listeners in measures.questions.values())


async def drain(measures: Measures) -> None:
    """Waits until every action sent has its answer and every question reached everyone,
    for at most DRAIN_SECONDS: what is still missing then counts as lost."""
    deadline = time.monotonic() + DRAIN_SECONDS
    while time.monotonic() < deadline:
        waiting = any(person.pending for person in measures.people)
        if not waiting and sum(measures.arrivals.values()) >= expected_deliveries(measures):
            return
        await asyncio.sleep(0.2)


async def load(args, layout: Layout, fixture: Fixture, measures: Measures) -> float:
    verify = (
        ssl.create_default_context(cafile=str(layout.workdir / "cert.pem"))
        if layout.nginx
        else False
    )
    ws_ssl = verify if layout.nginx else None
    bases = layout.bases()
    sink = await smtp_sink(measures, layout.smtp_port)
    await warm_up(args, fixture, bases, layout.origin, verify)
    # The audience is in the room before the clock starts.
    audience = []
    gate = asyncio.Semaphore(20)

    async def seat(number: int, key: str) -> None:
        _base, ws_base = bases[number % len(bases)]
        person = Participant(
            number, key, fixture, measures, ws_base, layout.origin, ws_ssl, active=False
        )
        async with gate:
            joined = await person.join()
        if joined:
            audience.append(person)

    started = time.monotonic()
    await asyncio.gather(*(seat(100_000 + n, key) for n, key in enumerate(fixture.audience)))
    if fixture.audience:
        print(
            f"  audience: {len(audience):,} in the room in {time.monotonic() - started:.1f} s",
            flush=True,
        )
    tasks = [asyncio.create_task(person.run_until_stopped()) for person in audience]
    for number in range(args.readers):
        base, _ = bases[number % len(bases)]
        tasks.append(
            asyncio.create_task(
                reader(number, fixture, measures, base, layout.origin, verify, args.think)
            )
        )
    for number in range(args.learners):
        base, _ = bases[number % len(bases)]
        tasks.append(
            asyncio.create_task(
                learner(number, fixture, measures, base, layout.origin, verify, args.think)
            )
        )
    for number, key in enumerate(fixture.participants):
        where = bases[number % len(bases)]
        tasks.append(
            asyncio.create_task(
                participant(
                    number, key, fixture, measures, where, layout.origin, verify, ws_ssl, args.think
                )
            )
        )
    started = time.monotonic()
    await asyncio.sleep(args.duration)
    measures.running = False
    elapsed = time.monotonic() - started
    await drain(measures)
    for person in measures.people:
        for kind, _sent, _token in person.pending.values():
            measures.error(kind, "no answer")
    measures.listening = False
    results = await asyncio.gather(*tasks, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            measures.error("load client", f"{type(result).__name__}: {result}"[:120])
    sink.close()
    await sink.wait_closed()
    return elapsed


# --- the seminar scenario -----------------------------------------------------------------


def seminar_plans(args, layout: Layout, fixture: SeminarFixture) -> list:
    """Each client process's share: participants (with their arrival instants, uniformly
    random over the window: a Poisson process of so many arrivals), readers, and the
    panel in the first process."""
    import seminar_clients

    rng = random.Random(SEED)
    arrivals = sorted(rng.uniform(0, args.join_window) for _ in fixture.participants)
    order = list(range(len(fixture.participants)))
    rng.shuffle(order)  # who arrives when: not in the order of the accounts
    count = args.client_processes
    bases = layout.bases()
    cafile = str(layout.workdir / "cert.pem") if layout.nginx else None
    plans = []
    for index in range(count):
        base, ws_base = bases[index % len(bases)]
        plans.append(
            seminar_clients.Plan(
                index=index,
                seed=SEED + index,
                base=base,
                ws_base=ws_base,
                origin=layout.origin,
                cafile=cafile,
                session=fixture.room_session,
                cookie_name=fixture.cookie_name,
                languages=fixture.languages,
                arrivals={
                    number: (arrivals[position], fixture.participants[number])
                    for position, number in enumerate(order)
                    if number % count == index
                },
                panel=(
                    {1_000_000 + n: key for n, key in enumerate(fixture.panel)}
                    if index == 0
                    else {}
                ),
                readers=[n for n in range(args.readers) if n % count == index],
                homes=fixture.homes,
                catalogs=fixture.catalogs,
                courses=fixture.courses,
                think=args.think,
                window=args.join_window,
                hold=args.hold,
                question_rate=args.question_rate / count,
                vote_rate=args.vote_rate / count,
            )
        )
    return plans


async def seminar_load(args, layout: Layout, fixture: SeminarFixture) -> tuple:
    """Starts the client processes, lets the panel in, says go; once every process has
    stopped acting, reads from the database the room's last event and its questions and
    has each process check its clients against them."""
    import multiprocessing

    import seminar_clients

    loop = asyncio.get_running_loop()
    measures = Measures()
    sink = await smtp_sink(measures, layout.smtp_port)
    verify = (
        ssl.create_default_context(cafile=str(layout.workdir / "cert.pem"))
        if layout.nginx
        else False
    )
    await warm_up(args, fixture, layout.bases(), layout.origin, verify)
    context = multiprocessing.get_context("spawn")
    processes = []
    try:
        for plan in seminar_plans(args, layout, fixture):
            ours, theirs = context.Pipe()
            process = context.Process(target=seminar_clients.run, args=(plan, theirs), daemon=True)
            process.start()
            processes.append((process, ours))

        async def each(message=None) -> list:
            if message is not None:
                for _process, pipe in processes:
                    pipe.send(message)
            return list(
                await asyncio.gather(
                    *(loop.run_in_executor(None, pipe.recv) for _process, pipe in processes)
                )
            )

        panel = sum(reply[1] for reply in await each())
        print(f"  panel: {panel} of {args.panel} in the room", flush=True)
        before = cpu_seconds(layout)
        load_start = os.getloadavg()
        go = time.monotonic() + 1.0
        quiet = await each(("go", go))
        elapsed = time.monotonic() - go
        after = cpu_seconds(layout)
        client_cpu = [reply[1] for reply in quiet]
        await asyncio.sleep(1.0)  # the last tally
        last, asked = await loop.run_in_executor(None, room_events, fixture.room)
        outcomes = [reply[1] for reply in await each(("final", last, asked, DRAIN_SECONDS))]
    finally:
        for process, _pipe in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.terminate()
        sink.close()
        await sink.wait_closed()
    cpu = {name: after[name] - before[name] for name in after}
    del cpu["load clients (this process)"]
    for index, seconds in enumerate(client_cpu):
        cpu[f"client process {index + 1}"] = seconds
    return outcomes, elapsed, cpu, load_start, last, len(asked), measures.emails


def print_seminar_report(args, layout, fixture, outcomes, elapsed, cpu, load_start, last, asked):
    http: dict[str, Kind] = collections.defaultdict(Kind)
    acks = collections.defaultdict(list)
    joins, arrivals, fan_out = [], [], []
    join_errors, refusals, unanswered, dropped = (collections.Counter() for _ in range(4))
    totals = collections.Counter()
    for outcome in outcomes:
        for name, kind in outcome.http.items():
            http[name].times += kind.times
            http[name].errors.update(kind.errors)
        for action, times in outcome.acks.items():
            acks[action] += times
        joins += outcome.joins
        arrivals += outcome.arrivals
        fan_out += outcome.fan_out
        join_errors.update(outcome.join_errors)
        refusals.update(outcome.refusals)
        unanswered.update(outcome.unanswered)
        dropped.update(outcome.dropped)
        for name in (
            "joined", "panel_joined", "missing_questions", "gaps", "short", "frames", "asked",
            "voted", "moderated",
        ):  # fmt: skip
            totals[name] += getattr(outcome, name)
    failed_joins = args.participants - totals["joined"]
    rows = []
    order = ("live room page", "home", "catalog", "course", "static file")
    for name in sorted(http, key=lambda k: order.index(k) if k in order else 99):
        kind = http[name]
        rows.append(row(name, kind.times, sum(kind.errors.values()), elapsed))
    rows.append(row("live join (handshake to snapshot)", joins, failed_joins, elapsed))
    rows.append(row("arrival (page, then join)", arrivals, failed_joins, elapsed))
    for action in ("ask", "vote", "moderate"):
        refused = sum(n for what, n in refusals.items() if what.startswith(f"{action}:"))
        rows.append(row(f"{action} acknowledged", acks[action], refused, elapsed))
    rows.append(row("question fan-out", fan_out, totals["missing_questions"], elapsed))
    print_rows(rows)
    losses = (
        failed_joins
        + totals["missing_questions"]
        + totals["gaps"]
        + sum(dropped.values())
        + sum(unanswered.values())
    )
    print(
        f"\nParticipants: {totals['joined']:,} of {args.participants:,} joined over "
        f"{args.join_window:g} s (panel {totals['panel_joined']} of {args.panel}); the room "
        f"numbered {last:,} events, {asked:,} of them questions ({totals['asked']:,} asked, "
        f"{totals['voted']:,} votes, {totals['moderated']:,} moderations sent); "
        f"{totals['frames']:,} frames received after the snapshots"
    )
    print(
        f"Losses: {failed_joins:,} failed joins, {totals['missing_questions']:,} questions not "
        f"received by someone in the room when it was asked, {totals['gaps']:,} sequence "
        f"gaps, {sum(dropped.values()):,} connections closed during the run, "
        f"{sum(unanswered.values()):,} actions never answered"
        + (f" ({totals['short']:,} clients short of the last event)" if totals["short"] else "")
    )
    for title, counter in (
        ("Failed joins", join_errors),
        ("Connections closed", dropped),
        ("Refused actions (not losses)", refusals),
        ("Never answered", unanswered),
    ):
        if counter:
            print(f"{title}: " + ", ".join(f"{k} ×{n}" for k, n in counter.most_common(6)))
    http_errors = collections.Counter()
    for name, kind in http.items():
        for error, count in kind.errors.items():
            http_errors[f"{name}: {error}"] += count
    if http_errors:
        print("HTTP errors: " + ", ".join(f"{k} ×{n}" for k, n in http_errors.most_common(8)))
    p99 = percentile(joins, 0.99)
    verdict = "met" if p99 < 10 and losses == 0 else "NOT met"
    print(
        f"Budget (p99 join under 10 s, nothing lost): {verdict}: p99 join {ms(p99)} ms, "
        f"{losses:,} losses"
    )
    clients = {k: v for k, v in cpu.items() if k.startswith("client process")}
    server = {k: v for k, v in cpu.items() if k not in clients}
    print(
        "CPU seconds during the load (wall "
        f"{elapsed:.0f} s, {os.cpu_count()} cores): "
        + ", ".join(f"{name} {seconds:.1f}" for name, seconds in server.items())
        + "; clients "
        + ", ".join(f"{seconds:.1f}" for seconds in clients.values())
        + f" (the clients used {sum(clients.values()) / elapsed:.0%} of one core in all, "
        f"each at most {max(clients.values(), default=0) / elapsed:.0%})"
    )
    print(
        f"Load average: {' '.join(f'{v:.2f}' for v in load_start)} at the start, "
        f"{' '.join(f'{v:.2f}' for v in os.getloadavg())} at the end"
    )
    errors = sum(http_errors.values())
    for name in layout.processes:
        log = layout.workdir / (f"{name}.log" if name != "nginx" else "nginx-error.log")
        problems = log_errors(log)
        if problems:
            print(f"{name} logged {len(problems)} error lines, first: {problems[0][:200]}")
            errors += len(problems)
            traceback = first_traceback(log)
            if traceback:
                print("\n".join(f"  {line}" for line in traceback))
    return losses, errors


def first_traceback(path: Path) -> list[str]:
    """The first traceback of a worker's log, shortened: the log goes with the work
    directory at the end."""
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return []
    start = next((n for n, line in enumerate(lines) if line.startswith("Traceback")), None)
    if start is None:
        return []
    # To the end of the chain ("During handling of the above exception..."): the next line
    # that is neither indented, nor a traceback's, nor the chain's.
    end = start + 1
    while end < len(lines):
        line = lines[end]
        if line[:1] in (" ", "\t", "") or line.startswith(("Traceback", "During", "The above")):
            end += 1
        elif end + 1 < len(lines) and lines[end + 1].strip() == "":
            end += 1  # an exception's own line, then the blank line before the next
        else:
            break
    shown = lines[start : end + 1]
    return [*shown[:1], "...", *shown[-16:]] if len(shown) > 18 else shown


def row(name: str, times: list[float], failed: int, elapsed: float) -> tuple:
    return (
        name,
        f"{len(times):,}",
        f"{failed:,}",
        ms(percentile(times, 0.5)),
        ms(percentile(times, 0.99)),
        ms(max(times, default=float("nan"))),
        f"{len(times) / elapsed:,.1f}",
    )


def print_rows(rows: list[tuple]) -> None:
    header = ("kind", "count", "errors", "p50 ms", "p99 ms", "max ms", "per s")
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    print()
    for line in (header, tuple("-" * w for w in widths), *rows):
        print(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(line, widths, strict=True))
            )
        )


def run_seminar(args, workdir: Path, database_url: str, redis_url: str, layout: Layout) -> int:
    layout.env = production_environment(layout, database_url, redis_url)
    # Every client here comes from 127.0.0.1, where a real audience comes from many
    # addresses: the per-address join limit must not be what refuses them.
    layout.env["LIVE_JOINS_PER_ADDRESS"] = str(args.participants + args.panel + 1000)
    print(f"Preparing the platform in {workdir} ...", flush=True)
    prepare_database(layout)
    fixture = build_seminar_fixture(layout.env, args)
    print(
        f"  seminar room of session {fixture.room_session}: {len(fixture.participants):,} "
        f"participants enrolled, {len(fixture.panel)} on the panel; {len(fixture.courses)} "
        "course pages for the readers",
        flush=True,
    )
    start_workers(layout, args.workers)
    if layout.nginx:
        start_nginx(layout, args.workers, args.participants + args.panel + args.readers)
    print(f"  {args.workers} workers{' behind nginx' if layout.nginx else ''} are up", flush=True)
    outcomes, elapsed, cpu, load_start, last, asked, _emails = asyncio.run(
        seminar_load(args, layout, fixture)
    )
    print_context(args, layout, args.database)
    losses, errors = print_seminar_report(
        args, layout, fixture, outcomes, elapsed, cpu, load_start, last, asked
    )
    if losses:
        sys.exit(f"FAILED: {losses:,} losses ({errors:,} other errors)")
    return errors


# --- the report ---------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else float("nan")


def ms(value: float) -> str:
    return f"{value * 1000:,.0f}" if value == value else "-"


ORDER = (
    "home", "catalog", "course", "static file", "enroll form", "enroll", "my learning",
    "cancel form", "cancel", "live room page", "live join (audience, before)", "live join",
    "live ask", "live vote", "live ping", "load client",
)  # fmt: skip


def print_report(args, layout: Layout, measures: Measures, elapsed: float, cpu: dict) -> int:
    rows = []
    errors = 0
    for name in sorted(measures.kinds, key=lambda k: ORDER.index(k) if k in ORDER else 99):
        kind = measures.kinds[name]
        count = len(kind.times)
        failed = sum(kind.errors.values())
        errors += failed
        rate = f"{count / elapsed:,.1f}" if not name.endswith("before)") else "-"
        rows.append(
            (
                name,
                f"{count:,}",
                f"{failed:,}",
                ms(percentile(kind.times, 0.5)),
                ms(percentile(kind.times, 0.99)),
                ms(max(kind.times, default=float("nan"))),
                rate,
            )
        )
    expected = expected_deliveries(measures)
    received = sum(measures.arrivals.values())
    fan = measures.fan_out
    rows.append(
        (
            "question fan-out",
            f"{received:,}",
            f"{max(0, expected - received):,}",
            ms(percentile(fan, 0.5)),
            ms(percentile(fan, 0.99)),
            ms(max(fan, default=float("nan"))),
            f"{received / elapsed:,.1f}",
        )
    )
    header = ("kind", "count", "errors", "p50 ms", "p99 ms", "max ms", "per s")
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    print()
    for row in (header, tuple("-" * w for w in widths), *rows):
        print(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    http = sum(
        len(k.times)
        for n, k in measures.kinds.items()
        if not n.startswith(("live join", "live ask", "live vote", "live ping"))
    )
    print(
        f"\nHTTP requests: {http:,} in {elapsed:.0f} s ({http / elapsed:,.1f} per second); "
        f"questions asked: {len(measures.questions):,}, each to be received by every other "
        f"person in the room (fan-out count: deliveries; errors: deliveries missed)"
    )
    kinds_of_error = collections.Counter()
    for name, kind in measures.kinds.items():
        for error, count in kind.errors.items():
            kinds_of_error[f"{name}: {error}"] += count
    if kinds_of_error:
        print(
            "Errors: "
            + ", ".join(f"{what} ×{count}" for what, count in kinds_of_error.most_common())
        )
    if measures.outcomes:
        print(
            "Enrollments: "
            + ", ".join(f"{what} {count:,}" for what, count in sorted(measures.outcomes.items()))
        )
    print(f"Emails sent by the platform: {measures.emails:,}")
    print(
        "CPU seconds during the load: "
        + ", ".join(f"{name} {seconds:.1f}" for name, seconds in cpu.items())
    )
    for name in layout.processes:
        log = layout.workdir / (f"{name}.log" if name != "nginx" else "nginx-error.log")
        problems = log_errors(log)
        if problems:
            print(f"{name} logged {len(problems)} error lines, first: {problems[0][:200]}")
            errors += len(problems)
    return errors


def print_context(args, layout: Layout, database: str) -> None:
    import django

    print(
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores, load average "
        f"{' '.join(f'{v:.2f}' for v in os.getloadavg())}"
    )
    version = subprocess.run([nginx_binary() or "nginx", "-v"], capture_output=True, text=True)
    front = (
        f"{version.stderr.strip().removeprefix('nginx version: ')} "
        f"with TLS on {layout.origin}, deploy/nginx.conf"
        if layout.nginx
        else "no nginx: clients spread evenly over the workers' ports (plain HTTP)"
    )
    print(
        f"Layout: {front}; {args.workers} uvicorn workers (DJANGO_ENV=production); "
        f"PostgreSQL {database} (throw-away, demo data); Redis cache and channel layer"
    )
    if args.scenario == "seminar":
        print(
            f"People: {args.participants:,} participants arriving over {args.join_window:g} s "
            f"(uniformly at random), then {args.hold:g} s more; {args.readers} readers "
            f"(a pause of {args.think:g} s on average); a panel of {args.panel}; "
            f"{args.question_rate:g} questions and {args.vote_rate:g} votes a second in the "
            f"room; {args.client_processes} client processes; LIVE_JOINS_PER_ADDRESS "
            f"{args.participants + args.panel + 1000:,} (every client is on 127.0.0.1)"
        )
        return
    print(
        f"People: {args.readers} readers, {args.learners} learners enrolling, "
        f"{args.participants} live-room participants asking and voting, {args.audience} "
        f"listening; a pause of {args.think:g} s on average between steps; {args.duration:g} s"
    )


def cpu_seconds(layout: Layout) -> dict[str, float]:
    import psutil

    seconds = {}
    for name, process in layout.processes.items():
        try:
            parent = psutil.Process(process.pid)
            total = 0.0
            for each in (parent, *parent.children(recursive=True)):
                times = each.cpu_times()
                total += times.user + times.system
            seconds[name] = total
        except psutil.Error:
            seconds[name] = float("nan")
    times = psutil.Process().cpu_times()
    seconds["load clients (this process)"] = times.user + times.system
    return seconds


# --- main ---------------------------------------------------------------------------------


def run(args, workdir: Path, database_url: str, redis_url: str, layout: Layout) -> int:
    layout.env = production_environment(layout, database_url, redis_url)
    print(f"Preparing the platform in {workdir} ...", flush=True)
    prepare_database(layout)
    fixture = build_fixture(layout.env, args)
    print(
        f"  {len(fixture.courses)} course pages, {len(fixture.open_sessions)} open sessions, "
        f"seminar room of session {fixture.room_session}",
        flush=True,
    )
    start_workers(layout, args.workers)
    if layout.nginx:
        start_nginx(layout, args.workers, args.users + args.audience)
    print(f"  {args.workers} workers{' behind nginx' if layout.nginx else ''} are up", flush=True)
    measures = Measures()
    before = cpu_seconds(layout)
    elapsed = asyncio.run(load(args, layout, fixture, measures))
    after = cpu_seconds(layout)
    cpu = {name: after[name] - before[name] for name in after}
    print_context(args, layout, args.database)
    return print_report(args, layout, measures, elapsed, cpu)


def main() -> None:
    args = parse_args()
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop_on_signal)
    database_server = server_url(
        "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres", ("postgres", "postgresql")
    )
    redis_url = server_url("REDIS_URL", "redis://127.0.0.1:6379/0", ("redis", "rediss"))
    use_nginx = not args.no_nginx and nginx_binary() is not None
    if not use_nginx and not args.no_nginx:
        print("nginx is not installed: clients go straight to the workers' ports.")
    people = args.participants + args.panel + args.readers + args.audience
    raise_file_limit(4 * people + 4096)
    started = time.monotonic()
    errors = 0
    recreate_database(database_server, args.database, create=True)
    with tempfile.TemporaryDirectory(prefix="opentraining-bench-load-") as workdir:
        layout = Layout(
            workdir=Path(workdir),
            nginx=use_nginx,
            front_port=free_port(),
            worker_ports=[free_port() for _ in range(args.workers)],
            smtp_port=free_port(),
            prefix=f"bench-load-{uuid.uuid4().hex[:12]}",
        )
        if not use_nginx:
            layout.front_port = layout.worker_ports[0]
        try:
            errors = (run_seminar if args.scenario == "seminar" else run)(
                args,
                Path(workdir),
                with_database(database_server, args.database),
                redis_url,
                layout,
            )
        finally:
            stop_processes(layout)
            if "django" in sys.modules:
                from django.db import connections

                connections.close_all()
            recreate_database(database_server, args.database, create=False)
            deleted = delete_redis_keys(redis_url, layout.prefix)
            print(
                f"Cleaned up: processes stopped, database {args.database} dropped, "
                f"{deleted:,} Redis keys under {layout.prefix} deleted"
            )
    print(f"Total wall time: {time.monotonic() - started:.0f} s")
    if errors:
        sys.exit(f"{errors:,} errors")


if __name__ == "__main__":
    main()
