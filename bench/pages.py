"""Benchmark of the key pages a reader sees, on a throw-away copy of the demo platform.

For each page (home in English, Arabic and Chinese, a standard page, the catalog in
English and Arabic, a theme, a course in English and French, the impact page, the
certificate verification page, log in, sign up, a sub-platform's home, the 404 page and
/healthz) it measures:

* inside a Django process (django.test.Client): the status code, the number of SQL queries
  of a warm (second) request rendered without the public page cache (cms.page_cache), the
  HTML size raw and gzip-compressed (level 6, as GZipMiddleware does, without its 1-100
  random bytes of file name);
* through Daphne on 127.0.0.1, twice: with the public page cache off (every request
  renders) and on (a warm cache: anonymous readers get the kept copy): requests per
  second with browser-like keep-alive connections asking for gzip, and the same for a
  static copy of the exact bytes the page sent, served by WhiteNoise in the same Daphne
  process right after. The ratio page / static file is the share of the server's best
  case the page reaches: what rendering, or fetching the kept copy, costs. The cached run
  also counts the answers that said `X-Cache: hit`.

It also prints the first-view weight of each key page of the demo platform (home, catalog,
theme, course, enrollment, My learning, live room, survey, certificate verification, impact,
log in, sign up) in English and Arabic: the HTML as sent gzip-compressed, and the HTML plus
every stylesheet and script it loads, gzip-compressed as WhiteNoise serves them (the same
weighing as tests/cms/test_templates_page_weight.py). Pages behind a log-in are seen by the
demo learner, or by a learner the demo data gives one to.

Run from the project root:  .venv/bin/python bench/pages.py [--seconds 5] [--connections 8]
                            .venv/bin/python bench/pages.py --weights-only
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import http.client
import logging
import os
import platform
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = "127.0.0.1"
SETTINGS_MODULE = "config.settings.dev"
COMMAND_TIMEOUT = 900  # seconds for each manage.py command
STARTUP_TIMEOUT = 60  # seconds for Daphne to answer /healthz
REQUEST_TIMEOUT = 15  # seconds for one response under load
MAX_REQUESTS = 10_000_000  # per measurement, a bound on top of the time limit
MAX_ERRORS = 1_000  # per measurement: stop retrying connections after this many
MAX_CHUNKS = 100_000  # per chunked response
SETUP_COMMANDS = (
    ("migrate", "--no-input", "-v", "0"),
    ("load_demo",),
    ("collectstatic", "--no-input", "-v", "0"),
)
FIRST_FLIGHT = 14_600  # bytes a server can send in its first round trip (10 segments)


@dataclass(frozen=True)
class Page:
    label: str
    path: str
    host: str | None = None  # None: the master platform, 127.0.0.1:PORT

    @property
    def slug(self) -> str:
        text = f"{self.host or ''}{self.path}"
        return "".join(c if c.isalnum() else "-" for c in text).strip("-")


FIXED_PAGES = (
    Page("home /en/", "/en/"),
    Page("home /ar/", "/ar/"),
    Page("home /zh-hans/", "/zh-hans/"),
    Page("standard /en/about/", "/en/about/"),
)
# Found in the demo once it is loaded (key_page_paths): (label, name there, language).
DEMO_PAGES = (
    ("catalog /en/", "catalog", "en"),
    ("catalog /ar/", "catalog", "ar"),
    ("theme /en/", "theme", "en"),
    ("course /en/", "course", "en"),
    ("course /fr/", "course", "fr"),
    ("impact /en/", "impact", "en"),
)
OTHER_PAGES = (
    Page("verify a certificate", "/en/certificates/verify/"),
    Page("log in", "/en/accounts/login/"),
    Page("sign up", "/en/accounts/signup/"),
    Page("drr.localhost /fr/", "/fr/", "drr.localhost"),
    Page("404 /en/no-such-page/", "/en/no-such-page/"),
    Page("/healthz", "/healthz"),
)
# The runs of the load phase: the environment each Daphne gets on top of the benchmark's.
RUNS = {"uncached": {"PUBLIC_PAGE_CACHE_SECONDS": "0"}, "cached": {}}


@dataclass
class Rendered:
    """What Django answered to the warm request."""

    status: int
    queries: int
    raw: bytes  # the body before compression
    sent: bytes  # the body as sent to a client accepting gzip
    content_encoding: str
    content_type: str

    @property
    def gzip_size(self) -> int:
        if self.content_encoding != "gzip":
            return len(self.raw)  # GZipMiddleware leaves it alone (under 200 bytes)
        return len(gzip.compress(self.raw, compresslevel=6, mtime=0))


@dataclass
class Tally:
    """Responses counted by the load generator during one measurement."""

    expected_status: int
    ok: int = 0
    hits: int = 0  # answers with X-Cache: hit
    unexpected: int = 0
    errors: int = 0
    last_problem: str = ""

    @property
    def total(self) -> int:
        return self.ok + self.unexpected


@dataclass
class Throughput:
    rps: float
    tally: Tally


# --- set-up -------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="per measurement (5)")
    parser.add_argument("--connections", type=int, default=8, help="keep-alive connections (8)")
    parser.add_argument("--port", type=int, default=0, help="Daphne's port (a free one)")
    parser.add_argument(
        "--weights-only", action="store_true", help="print the page weights, skip the load"
    )
    args = parser.parse_args()
    if not 0 < args.seconds <= 600:
        parser.error("--seconds must be between 0 and 600")
    if not 1 <= args.connections <= 256:
        parser.error("--connections must be between 1 and 256")
    if not 0 <= args.port <= 65535:
        parser.error("--port must be between 1 and 65535")
    return args


def free_port(requested: int = 0) -> int:
    """The requested port if nothing listens on it, or any free one when 0."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((LOOPBACK, requested))
        except OSError as error:
            sys.exit(f"Port {requested} on {LOOPBACK} is not free: {error}")
        return sock.getsockname()[1]


def is_postgres(url: str) -> bool:
    return urlsplit(url).scheme in ("postgres", "postgresql")


def bench_environment(workdir: Path, port: int) -> dict[str, str]:
    env = dict(os.environ)
    if not is_postgres(env.get("DATABASE_URL", "")):
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    env.update(
        {
            "DJANGO_ENV": "dev",
            "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
            "DEBUG": "false",
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "HOST": LOOPBACK,
            "PORT": str(port),
        }
    )
    return env


def describe_database(url: str) -> str:
    if is_postgres(url):
        parts = urlsplit(url)  # never print the password
        where = f"{parts.hostname}:{parts.port or 5432}{parts.path}"
        return f"PostgreSQL {where} (DATABASE_URL as given)"
    return f"SQLite {sqlite3.sqlite_version} (temporary file, WAL)"


def manage(env: dict[str, str], *args: str) -> float:
    """Run one manage.py command; return its duration, or stop with its output."""
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return time.monotonic() - started


# --- inside Django ------------------------------------------------------------------------


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def measured_pages() -> tuple[Page, ...]:
    """The fixed pages, then those of the demo platform at their addresses there."""
    found = {language: key_page_paths(language) for language in {c for *_, c in DEMO_PAGES}}
    demo = tuple(
        Page(label, found[language][name][0])
        for label, name, language in DEMO_PAGES
        if found[language][name][0]
    )
    return (*FIXED_PAGES, *demo, *OTHER_PAGES)


def render_pages(pages, port: int) -> dict[Page, Rendered]:
    """Request each page twice with the test client and the page cache off; measure the
    second request."""
    from django.db import connection, connections
    from django.test.utils import override_settings

    logging.getLogger("django.request").setLevel(logging.ERROR)  # the 404 is expected
    try:
        with override_settings(PUBLIC_PAGE_CACHE_SECONDS=0):
            return {page: render_page(page, port, connection) for page in pages}
    finally:
        connections.close_all()


def render_page(page: Page, port: int, connection) -> Rendered:
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(
        HTTP_HOST=f"{page.host or LOOPBACK}:{port}",
        SERVER_NAME=page.host or LOOPBACK,
        SERVER_PORT=str(port),  # Wagtail matches the Site on the port too
        HTTP_ACCEPT_ENCODING="gzip",
    )
    client.get(page.path)  # cold: fills Wagtail's and Django's caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.path)
    encoding = response.get("Content-Encoding", "")
    sent = response.content
    return Rendered(
        status=response.status_code,
        queries=len(queries),
        raw=gzip.decompress(sent) if encoding == "gzip" else sent,
        sent=sent,
        content_encoding=encoding,
        content_type=response.get("Content-Type", ""),
    )


def write_static_copies(static_root: Path, rendered: dict[Page, Rendered]) -> dict[Page, str]:
    """Each page's bytes as a file WhiteNoise serves; the gzip sibling is what Django sent."""
    folder = static_root / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    urls = {}
    for page, result in rendered.items():
        suffix = ".json" if "json" in result.content_type else ".html"
        name = f"{page.slug}{suffix}"
        (folder / name).write_bytes(result.raw)
        if result.content_encoding == "gzip":
            (folder / f"{name}.gz").write_bytes(result.sent)
        urls[page] = f"/static/bench/{name}"
    return urls


# --- page weights -------------------------------------------------------------------------

WEIGHT_LANGUAGES = ("en", "ar")


def key_page_paths(language: str) -> dict[str, tuple[str | None, object]]:
    """Each key page of the master platform in the demo: its path (None when the demo has
    no such page) and the user who opens it (None: a visitor)."""
    from django.utils import timezone
    from wagtail.models import Locale, Site

    from accounts.models import User
    from certificates.models import Certificate
    from courses.models import CatalogPage, CoursePage, ThemePage, TrainingSession
    from enrollment.demo import DEMO_LEARNER_EMAIL
    from enrollment.models import Enrollment, EnrollmentStatus, LearnerProfile
    from live.models import Room, RoomState
    from reporting.models import ImpactPage
    from surveys.services import has_answered, refusal_for

    now = timezone.now()
    site = Site.objects.get(is_default_site=True)
    locale = Locale.objects.get(language_code=language)

    home = site.root_page.get_translation_or_none(locale) or site.root_page

    def page_path(model):
        page = model.objects.live().descendant_of(home).filter(locale=locale).first()
        return page.get_url_parts()[2] if page else None

    learner = User.objects.filter(email=DEMO_LEARNER_EMAIL).first()
    upcoming = TrainingSession.objects.published().filter(starts_at__gt=now, site=site)
    open_session = upcoming.order_by("starts_at").first()
    room = Room.objects.filter(state=RoomState.LIVE).select_related("session").first()
    in_room = (
        Enrollment.objects.filter(session=room.session, status=EnrollmentStatus.CONFIRMED)
        .select_related("user")
        .first()
        if room
        else None
    )
    survey = next(
        (
            enrollment
            for enrollment in Enrollment.objects.filter(
                session__ends_at__lt=now, session__ends_at__gt=now - timedelta(days=30)
            ).select_related("session", "user")[:500]
            if refusal_for(enrollment, now) is None and not has_answered(enrollment)
        ),
        None,
    )
    certificate = Certificate.objects.filter(revoked_at__isnull=True).first()
    with_profile = learner if LearnerProfile.objects.filter(user=learner).exists() else None
    prefix = f"/{language}"
    return {
        "home": (f"{prefix}/", None),
        "catalog": (page_path(CatalogPage), None),
        "theme": (page_path(ThemePage), None),
        "course": (page_path(CoursePage), None),
        "enrollment": (
            f"{prefix}/sessions/{open_session.pk}/enroll/" if open_session else None,
            with_profile,
        ),
        "my learning": (f"{prefix}/learning/", learner),
        "live room": (
            f"{prefix}/live/{room.session_id}/" if in_room else None,
            in_room.user if in_room else None,
        ),
        "survey": (
            f"{prefix}/learning/{survey.pk}/survey/" if survey else None,
            survey.user if survey else None,
        ),
        "verification": (
            f"{prefix}/certificates/verify/{certificate.code}/" if certificate else None,
            None,
        ),
        "impact": (page_path(ImpactPage), None),
        "log in": (f"{prefix}/accounts/login/", None),
        "sign up": (f"{prefix}/accounts/signup/", None),
    }


def weigh_key_pages(port: int) -> list[tuple[str, ...]]:
    """One row per key page: its HTML and first view, gzip bytes, in each language."""
    from django.test import Client

    from tests.cms.test_templates_page_weight import weigh

    def client(user):
        browser = Client(
            HTTP_HOST=f"{LOOPBACK}:{port}", SERVER_NAME=LOOPBACK, SERVER_PORT=str(port)
        )
        if user is not None:
            browser.force_login(user)
        return browser

    cells = {}
    for language in WEIGHT_LANGUAGES:
        for name, (path, user) in key_page_paths(language).items():
            if path is None:
                cells[name, language] = ("-", "-")
                continue
            weight = weigh(client(user), path)
            if weight.status != 200:
                cells[name, language] = (f"status {weight.status}", "-")
                continue
            over = " !" if weight.html > FIRST_FLIGHT or weight.first_view > FIRST_VIEW else ""
            foreign = " (foreign!)" if weight.foreign else ""
            cells[name, language] = (f"{weight.html:,}", f"{weight.first_view:,}{over}{foreign}")
    names = dict.fromkeys(name for name, _ in cells)
    return [
        (name, *(cell for language in WEIGHT_LANGUAGES for cell in cells[name, language]))
        for name in names
    ]


WEIGHT_HEADERS = (
    "page",
    "en HTML gz",
    "en first view gz",
    "ar HTML gz",
    "ar first view gz",
)
FIRST_VIEW = 50 * 1024  # bytes: HTML, stylesheets and scripts of a first visit, gzip


# --- Daphne -------------------------------------------------------------------------------


def start_daphne(env: dict[str, str], port: int, log_path: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "daphne", "-b", LOOPBACK, "-p", str(port)]
    with log_path.open("wb") as log:
        return subprocess.Popen(
            [*command, "config.asgi:application"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def wait_until_healthy(server: subprocess.Popen, port: int, log_path: Path) -> float:
    started = time.monotonic()
    while time.monotonic() - started < STARTUP_TIMEOUT:
        if server.poll() is not None:
            raise RuntimeError(f"Daphne exited ({server.returncode}):\n{tail(log_path)}")
        connection = http.client.HTTPConnection(LOOPBACK, port, timeout=5)
        try:
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return time.monotonic() - started
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.2)
    raise RuntimeError(f"Daphne did not answer /healthz in {STARTUP_TIMEOUT} s:\n{tail(log_path)}")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(timeout=5)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


# --- load generator -----------------------------------------------------------------------


def request_bytes(path: str, host: str) -> bytes:
    return (
        f"GET {path} HTTP/1.1\r\n"
        f"Host: {host}\r\n"
        "User-Agent: opentraining-bench\r\n"
        "Accept: text/html,application/xhtml+xml,*/*;q=0.8\r\n"
        "Accept-Encoding: gzip\r\n"
        "Connection: keep-alive\r\n\r\n"
    ).encode("ascii")


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bool, bool]:
    """Read one response; return its status, whether the connection stays open and whether
    it came from the page cache."""
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    status = int(status_line.split(" ", 2)[1])
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip().lower()
    hit = headers.get("x-cache") == "hit"
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        await read_chunks(reader)
    else:
        await reader.read()  # the body ends with the connection
        return status, False, hit
    return status, headers.get("connection") != "close", hit


async def read_chunks(reader: asyncio.StreamReader) -> None:
    for _ in range(MAX_CHUNKS):
        size = int((await reader.readline()).split(b";")[0], 16)
        if size == 0:
            await reader.readuntil(b"\r\n")  # no trailers expected
            return
        await reader.readexactly(size + 2)
    raise ValueError("too many chunks")


async def connection_loop(port: int, request: bytes, deadline: float, tally: Tally) -> None:
    """One keep-alive connection sending one request after the other until the deadline."""
    streams = None
    try:
        while time.monotonic() < deadline and tally.total < MAX_REQUESTS:
            if tally.errors >= MAX_ERRORS:
                return
            try:
                streams = streams or await asyncio.open_connection(LOOPBACK, port)
                keep_alive = await exchange(streams, request, tally)
            except (OSError, TimeoutError, ValueError, asyncio.IncompleteReadError) as error:
                tally.errors += 1
                tally.last_problem = f"{type(error).__name__}: {error}"
                keep_alive = False
            if streams and not keep_alive:
                streams[1].close()
                streams = None
    finally:
        if streams:
            streams[1].close()  # also when cancelled, so Daphne is not left waiting


async def exchange(streams, request: bytes, tally: Tally) -> bool:
    """Send one request, count its response; return whether the connection stays open."""
    reader, writer = streams
    writer.write(request)
    status, keep_alive, hit = await asyncio.wait_for(read_response(reader), REQUEST_TIMEOUT)
    tally.hits += hit
    if status == tally.expected_status:
        tally.ok += 1
    else:
        tally.unexpected += 1
        tally.last_problem = f"status {status}"
    return keep_alive


async def hammer(port: int, request: bytes, seconds: float, connections: int, expected: int):
    tally = Tally(expected_status=expected)
    started = time.monotonic()
    loops = [connection_loop(port, request, started + seconds, tally) for _ in range(connections)]
    await asyncio.gather(*loops)
    return tally, time.monotonic() - started


def throughput(port: int, path: str, host: str, args, expected: int) -> Throughput:
    """Requests per second on keep-alive connections, after a short warm-up."""
    request = request_bytes(path, host)
    asyncio.run(hammer(port, request, min(1.0, args.seconds), args.connections, expected))
    tally, elapsed = asyncio.run(hammer(port, request, args.seconds, args.connections, expected))
    return Throughput(rps=tally.total / elapsed if elapsed else 0.0, tally=tally)


def load_every_page(args, port: int, rendered, static_urls, run: str) -> tuple[dict, dict]:
    """Each page, then its static copy right after, so both see the same machine."""
    page_load, static_load = {}, {}
    for page in rendered:
        print(f"  {run}: loading {page.label} and its static copy ...", flush=True)
        host = f"{page.host or LOOPBACK}:{port}"
        page_load[page] = throughput(port, page.path, host, args, rendered[page].status)
        static_load[page] = throughput(port, static_urls[page], f"{LOOPBACK}:{port}", args, 200)
    return page_load, static_load


# --- report -------------------------------------------------------------------------------


HEADERS = (
    "page",
    "status",
    "queries",
    "HTML bytes",
    "gzip bytes",
    "uncached req/s",
    "ratio",
    "cached req/s",
    "hits",
    "static req/s",
    "ratio",
)


def table_rows(rendered, loads: dict) -> list[tuple[str, ...]]:
    """One row per page; `loads` holds (page_load, static_load) of each run."""
    rows = []
    for page, result in rendered.items():
        cells = [page.label, str(result.status), str(result.queries)]
        cells += [f"{len(result.raw):,}", f"{result.gzip_size:,}"]
        for run in RUNS:
            page_load, static_load = loads[run]
            dynamic, static = page_load[page], static_load[page]
            ratio = dynamic.rps / static.rps if static.rps else 0.0
            cells.append(f"{dynamic.rps:,.0f}")
            if run == "cached":
                hits = dynamic.tally.hits / dynamic.tally.total if dynamic.tally.total else 0
                cells += [f"{hits:.0%}", f"{static.rps:,.0f}"]
            cells.append(f"{ratio:.2f}")
        rows.append(tuple(cells))
    return rows


def print_table(rows: list[tuple[str, ...]], headers: tuple[str, ...] = HEADERS) -> None:
    widths = [max(len(row[i]) for row in (headers, *rows)) for i in range(len(headers))]

    def line(cells):
        first = cells[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))
        return "  ".join((first, *rest))

    print(line(headers))
    print(line(tuple("-" * width for width in widths)))
    for row in rows:
        print(line(row))


def problems(rendered, loads: dict) -> list[str]:
    notes = []
    for page, result in rendered.items():
        if result.gzip_size > FIRST_FLIGHT:
            notes.append(f"{page.label}: {result.gzip_size:,} bytes gzip, over 14 KB.")
        for run, (page_load, static_load) in loads.items():
            for kind, load in (("page", page_load[page]), ("static copy", static_load[page])):
                tally = load.tally
                if tally.unexpected or tally.errors:
                    notes.append(
                        f"{page.label} ({run}, {kind}): {tally.unexpected} unexpected "
                        f"responses, {tally.errors} connection errors; last: "
                        f"{tally.last_problem}"
                    )
    return notes


def print_context(args, env: dict[str, str], port: int, load_averages: dict) -> None:
    import django

    print(f"Python {platform.python_version()}, Django {django.get_version()}")
    print(f"Machine: {platform.machine()}, nproc {os.cpu_count()}, {platform.platform()}")
    print(f"Database: {describe_database(env['DATABASE_URL'])}")
    print(f"Cache and channel layer: {'Redis' if env.get('REDIS_URL') else 'in-memory'}")
    for run, load_average in load_averages.items():
        print(f"Load average when the {run} load phase began: {load_average}")
    print(
        f"Server: Daphne on {LOOPBACK}:{port}; load: {args.connections} keep-alive "
        f"connections, {args.seconds:g} s per measurement, Accept-Encoding: gzip"
    )


# --- main ---------------------------------------------------------------------------------


def run(args, workdir: Path) -> None:
    port = free_port(args.port)
    env = bench_environment(workdir, port)
    if is_postgres(env["DATABASE_URL"]):
        print("DATABASE_URL is PostgreSQL: using it as is (migrate and load_demo run on it).")
    print(f"Preparing the demo platform in {workdir} ...", flush=True)
    for command in SETUP_COMMANDS:
        print(f"  manage.py {command[0]}: {manage(env, *command):.1f} s", flush=True)

    setup_django(env)
    rendered = render_pages(measured_pages(), port)
    weights = weigh_key_pages(port)
    if args.weights_only:
        print_weights(weights)
        return
    static_urls = write_static_copies(Path(env["STATIC_ROOT"]), rendered)

    loads, load_averages = {}, {}
    for run, changes in RUNS.items():
        log_path = workdir / f"daphne-{run}.log"
        server = start_daphne({**env, **changes}, port, log_path)
        try:
            load_averages[run] = " ".join(f"{value:.2f}" for value in os.getloadavg())
            waited = wait_until_healthy(server, port, log_path)
            print(f"  {run}: Daphne answered /healthz after {waited:.1f} s", flush=True)
            loads[run] = load_every_page(args, port, rendered, static_urls, run)
        finally:
            stop(server)

    print()
    print_context(args, env, port, load_averages)
    print()
    print_table(table_rows(rendered, loads))
    for note in problems(rendered, loads):
        print(f"Note: {note}")
    print_weights(weights)


def print_weights(rows: list[tuple[str, ...]]) -> None:
    print()
    print(
        "Page weights, first visit, bytes gzip (HTML as sent; first view: HTML, stylesheets "
        "and scripts; ! over 14 KB HTML or 50 KB first view; - not in the demo):"
    )
    print_table(rows, WEIGHT_HEADERS)


def stop_on_signal(signum, frame) -> None:
    """SIGTERM and SIGHUP unwind like Ctrl-C, so the finally blocks stop Daphne."""
    raise SystemExit(128 + signum)


def main() -> None:
    args = parse_args()
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop_on_signal)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="opentraining-bench-") as workdir:
        run(args, Path(workdir))
    print(f"Total wall time: {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
