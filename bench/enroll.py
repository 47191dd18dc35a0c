"""Benchmark of concurrent enrollment on PostgreSQL: many learners, a few small sessions.

It creates a throw-away database (opentraining_bench_enroll) on the PostgreSQL server of
DATABASE_URL, migrates it, builds one platform with --sessions sessions of --capacity seats
and --learners learners, then:

1. every learner asks for a seat in every session, from --threads threads released at the
   same instant, each request a real transaction through enrollment_create;
2. half the confirmed learners of each session cancel at once, from the same threads;
   the waiting list promotes the next learners.

Both phases run twice in the same run: first with the receivers of enrollment changes
disconnected (the database alone), then with them connected, as in production: each
change enqueues its email task on commit (the database queue); the ratio of the two rates
is printed. Then the task worker works off the queue (the emails composed in each
learner's language and delivered to an in-memory outbox), and a trainer approves 200
pending requests at once through the roster page: its answer time is printed, the
emails following from the worker.

After each phase it prints requests per second, latency, confirmed learners per session
against capacity, the waiting list, and the overbooking count, which must be 0: the script
exits non-zero otherwise, or when a phase runs out of time. The database is dropped at the
end, whatever happens.

Run from the project root:
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/enroll.py \
      [--sessions 5] [--capacity 20] [--learners 500] [--threads 16] [--timeout 300] \
      [--approvals 200]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from throwaway_postgres import admin_connection, with_database

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_MODULE = "config.settings.dev"
BENCH_DATABASE = "opentraining_bench_enroll"
HOST = "enroll-bench.localhost"
COUNTRIES = ("KE", "CN", "BR", "FR", "IN", "EG", "TH", "GH", "PE", "VN", "SN", "JO", "NG", "MX")
SEED = 20_240_601


# --- arguments and the throw-away database ------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=5, help="sessions (5)")
    parser.add_argument("--capacity", type=int, default=20, help="seats per session (20)")
    parser.add_argument("--learners", type=int, default=500, help="learners (500)")
    parser.add_argument("--threads", type=int, default=16, help="concurrent threads (16)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per phase (300)")
    parser.add_argument(
        "--approvals", type=int, default=200, help="requests approved at once (200)"
    )
    args = parser.parse_args()
    bounds = {
        "sessions": (1, 100),
        "capacity": (1, 10_000),
        "learners": (1, 20_000),
        "threads": (1, 64),
        "timeout": (1, 3_600),
        "approvals": (1, 5_000),
    }
    for name, (low, high) in bounds.items():
        if not low <= getattr(args, name) <= high:
            parser.error(f"--{name} must be between {low} and {high}")
    if args.sessions * args.learners > 200_000:
        parser.error("--sessions × --learners must stay under 200,000 requests")
    return args


def server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if urlsplit(url).scheme not in ("postgres", "postgresql"):
        sys.exit(
            "bench/enroll.py measures real concurrent transactions and needs PostgreSQL: set "
            "DATABASE_URL=postgres://USER[:PASSWORD]@HOST:PORT/ANY_DATABASE (the benchmark "
            f"creates and drops its own database, {BENCH_DATABASE}, on that server)."
        )
    return url


def describe(url: str) -> str:
    parts = urlsplit(url)  # never print the password
    return f"{parts.hostname}:{parts.port or 5432}"


def create_database(url: str) -> None:
    with admin_connection(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')


def drop_database(url: str) -> None:
    from django.db import connections

    connections.close_all()
    with admin_connection(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)')


def setup_django(url: str) -> None:
    os.environ.update(
        {
            "DATABASE_URL": with_database(url, BENCH_DATABASE),
            "DJANGO_ENV": "dev",
            "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
            "DEBUG": "false",
            "ALLOWED_HOSTS": HOST,
            "LOG_LEVEL": "ERROR",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    django.setup()
    # Emails go the platform's way (queued, then delivered by the worker), into memory.
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


# --- the platform -------------------------------------------------------------------------


def build_platform(args):
    """One site with a theme, a course and the sessions; learners with profiles."""
    from datetime import timedelta

    from django.utils import timezone
    from wagtail.models import Locale, Page, Site

    from cms.models import HomePage
    from courses.models import CoursePage, ThemePage, TrainingSession

    Locale.objects.get_or_create(language_code="en")
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Enrollment bench", slug="enroll-bench")
    )
    site = Site.objects.create(hostname=HOST, port=80, root_page=home, site_name="Bench")
    theme = home.add_child(instance=ThemePage(title="Water", slug="water"))
    course = theme.add_child(
        instance=CoursePage(title="Flood forecasting", slug="floods", summary="Rivers.")
    )
    now = timezone.now()
    sessions = TrainingSession.objects.bulk_create(
        TrainingSession(
            course=course,
            site=site,
            starts_at=now + timedelta(days=14 + number),
            ends_at=now + timedelta(days=14 + number, hours=6),
            capacity=args.capacity,
            enrollment_opens_at=now - timedelta(days=1),
        )
        for number in range(args.sessions)
    )
    return sessions, create_learners(args.learners)


def create_learners(count: int) -> list:
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from accounts.models import User
    from accounts.roles import LEARNER
    from enrollment.models import Gender, LearnerProfile

    password = make_password(None)  # unusable: nobody logs in
    users = User.objects.bulk_create(
        User(email=f"learner{n}@bench.example.org", first_name=f"Learner {n}", password=password)
        for n in range(count)
    )
    group = Group.objects.get(name=LEARNER)
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=user.pk, group_id=group.pk) for user in users
    )
    genders = (Gender.WOMAN, Gender.MAN, Gender.UNSTATED)
    LearnerProfile.objects.bulk_create(
        LearnerProfile(
            user=user,
            country=COUNTRIES[n % len(COUNTRIES)],
            gender=genders[n % len(genders)],
            preferred_language="en",
        )
        for n, user in enumerate(users)
    )
    return list(User.objects.filter(pk__in=[user.pk for user in users]).order_by("pk"))


# --- running work from threads ------------------------------------------------------------


@dataclass
class Phase:
    """What the threads of one phase did."""

    done: int = 0
    errors: Counter = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    timed_out: bool = False
    unfinished: int = 0


def run_concurrently(tasks: list, work, threads: int, timeout: float) -> Phase:
    """Hand `tasks` to `threads` threads released together; each calls work(task) in its
    own database connection. Stops taking tasks at the deadline."""
    from django.db import connections

    phase = Phase()
    lock = threading.Lock()
    queue = list(reversed(tasks))
    barrier = threading.Barrier(threads + 1)
    deadline = [0.0]

    def next_task():
        with lock:
            return queue.pop() if queue else None

    def worker():
        try:
            barrier.wait(timeout=60)
            while time.monotonic() < deadline[0] and (task := next_task()) is not None:
                started = time.perf_counter()
                try:
                    work(task)
                except Exception as error:  # counted and printed, the run goes on
                    with lock:
                        phase.errors[f"{type(error).__name__}: {error}"[:160]] += 1
                    continue
                elapsed = time.perf_counter() - started
                with lock:
                    phase.done += 1
                    phase.latencies.append(elapsed)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for thread in pool:
        thread.start()
    deadline[0] = time.monotonic() + timeout
    started = time.perf_counter()
    barrier.wait(timeout=60)
    for thread in pool:
        thread.join(timeout=max(0.0, deadline[0] - time.monotonic()) + 30)
    phase.seconds = time.perf_counter() - started
    phase.unfinished = len(queue)
    phase.timed_out = bool(queue) or any(thread.is_alive() for thread in pool)
    return phase


# --- what happened ------------------------------------------------------------------------


@dataclass
class SessionFigures:
    capacity: int
    seats_taken: int
    confirmed: int
    waitlisted: int
    cancelled: int

    @property
    def overbooked(self) -> int:
        return max(0, self.confirmed - self.capacity) + max(0, self.seats_taken - self.capacity)

    @property
    def counter_drift(self) -> int:
        return abs(self.seats_taken - self.confirmed)


def session_figures(sessions) -> list[SessionFigures]:
    from django.db.models import Count, Q

    from courses.models import TrainingSession
    from enrollment.models import EnrollmentStatus

    def count(status):
        return Count("enrollments", filter=Q(enrollments__status=status))

    rows = (
        TrainingSession.objects.filter(pk__in=[s.pk for s in sessions])
        .annotate(
            confirmed=count(EnrollmentStatus.CONFIRMED),
            waitlisted=count(EnrollmentStatus.WAITLISTED),
            cancelled=count(EnrollmentStatus.CANCELLED),
        )
        .order_by("pk")
    )
    return [
        SessionFigures(row.capacity, row.seats_taken, row.confirmed, row.waitlisted, row.cancelled)
        for row in rows
    ]


def print_phase(title: str, phase: Phase, requests: int) -> None:
    print(f"\n{title}")
    rate = phase.done / phase.seconds if phase.seconds else 0.0
    print(
        f"  requests: {phase.done:,} of {requests:,} in {phase.seconds:.2f} s: "
        f"{rate:,.0f} per second"
    )
    if phase.latencies:
        ordered = sorted(phase.latencies)
        p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
        print(
            f"  latency per request: median {statistics.median(ordered) * 1000:.1f} ms, "
            f"95th percentile {p95 * 1000:.1f} ms, max {ordered[-1] * 1000:.1f} ms"
        )
    for message, count in phase.errors.most_common(5):
        print(f"  error ×{count}: {message}")
    if phase.timed_out:
        print(f"  TIMED OUT: {phase.unfinished:,} requests not started")


def print_sessions(figures: list[SessionFigures]) -> None:
    print("  session  confirmed / capacity  seats_taken  waitlisted  cancelled")
    for number, row in enumerate(figures, start=1):
        print(
            f"  {number:>7}  {row.confirmed:>9} / {row.capacity:<8}  {row.seats_taken:>11}"
            f"  {row.waitlisted:>10}  {row.cancelled:>9}"
        )
    overbooked = sum(row.overbooked for row in figures)
    drift = sum(row.counter_drift for row in figures)
    print(f"  overbooking: {overbooked}   seat counter drift: {drift}")


def verdict(figures: list[SessionFigures], phase: Phase) -> list[str]:
    problems = []
    if any(row.overbooked for row in figures):
        problems.append("a session holds more confirmed learners than its capacity")
    if any(row.counter_drift for row in figures):
        problems.append("seats_taken differs from the confirmed learners")
    if phase.errors:
        problems.append(f"{sum(phase.errors.values())} requests failed")
    if phase.timed_out:
        problems.append("the phase ran out of time")
    return problems


# --- the phases ---------------------------------------------------------------------------


def enroll_everyone(args, sessions, learners) -> tuple[Phase, int]:
    from enrollment.services import enrollment_create

    tasks = [(learner, session) for learner in learners for session in sessions]
    random.Random(SEED).shuffle(tasks)
    phase = run_concurrently(
        tasks,
        lambda task: enrollment_create(user=task[0], session=task[1]),
        args.threads,
        args.timeout,
    )
    return phase, len(tasks)


def cancellation_storm(args, sessions) -> tuple[Phase, int, int]:
    """Half the confirmed learners of each session cancel at once; returns the phase, the
    number of cancellations asked and the promotions announced."""
    from enrollment.models import Enrollment, EnrollmentStatus
    from enrollment.services import enrollment_cancel
    from enrollment.signals import enrollment_changed

    leaving = []
    for session in sessions:
        confirmed = list(
            Enrollment.objects.filter(session=session, status=EnrollmentStatus.CONFIRMED)
        )
        random.Random(SEED + session.pk).shuffle(confirmed)
        leaving.extend(confirmed[: len(confirmed) // 2])
    random.Random(SEED).shuffle(leaving)

    promotions = Counter()
    lock = threading.Lock()

    def count_promotion(sender, enrollment, previous, promoted=False, **kwargs):
        if promoted:
            with lock:
                promotions["promoted"] += 1

    enrollment_changed.connect(count_promotion, weak=False, dispatch_uid="bench-promotions")
    try:
        phase = run_concurrently(
            leaving,
            lambda enrollment: enrollment_cancel(enrollment=enrollment),
            args.threads,
            args.timeout,
        )
    finally:
        enrollment_changed.disconnect(dispatch_uid="bench-promotions")
    return phase, len(leaving), promotions["promoted"]


def print_context(args, url: str) -> None:
    import django
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
        cursor.execute("SHOW max_connections")
        max_connections = cursor.fetchone()[0]
    print(f"Python {platform.python_version()}, Django {django.get_version()}")
    print(f"Machine: {platform.machine()}, nproc {os.cpu_count()}, {platform.platform()}")
    print(
        f"PostgreSQL {version} on {describe(url)}, database {BENCH_DATABASE} "
        f"(max_connections {max_connections})"
    )
    print(f"Load average: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
    print(
        f"{args.sessions} sessions × {args.capacity} seats, {args.learners:,} learners, "
        f"{args.threads} threads; every learner asks for every session; "
        f"task backend {settings_backend()}"
    )


def settings_backend() -> str:
    from django.conf import settings

    return settings.TASKS["default"]["BACKEND"].rsplit(".", 1)[-1]


@contextmanager
def receivers_disconnected():
    """Nothing reacts to enrollment changes (emails included) inside the block; the signal
    is still sent, so the promotions counter of the storm still hears it."""
    from enrollment.signals import enrollment_changed

    with enrollment_changed.lock:
        saved = list(enrollment_changed.receivers)
        enrollment_changed.receivers.clear()
        enrollment_changed.sender_receivers_cache.clear()
    try:
        yield
    finally:
        with enrollment_changed.lock:
            enrollment_changed.receivers[:] = saved
            enrollment_changed.sender_receivers_cache.clear()


def reset(sessions) -> None:
    from django_tasks_db.models import DBTaskResult

    from background.models import OutgoingEmail
    from courses.models import TrainingSession
    from enrollment.models import Enrollment

    Enrollment.objects.all().delete()
    TrainingSession.objects.filter(pk__in=[s.pk for s in sessions]).update(seats_taken=0)
    DBTaskResult.objects.all().delete()
    OutgoingEmail.objects.all().delete()


def work_off_the_queue() -> tuple[int, float]:
    """A task worker runs every queued task; (tasks run, seconds)."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    before = DBTaskResult.objects.exclude(status="READY").count()
    started = time.perf_counter()
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="bench",
        excluded_queue_names=[],
    ).run()
    return DBTaskResult.objects.exclude(status="READY").count() - before, (
        time.perf_counter() - started
    )


def bulk_approval(args, course) -> tuple[float, int]:
    """A trainer approves `--approvals` pending requests with one click on the roster page;
    (seconds to answer, requests approved)."""
    from datetime import timedelta

    from django.contrib.auth.models import Group
    from django.test import Client
    from django.utils import timezone

    from accounts.models import User
    from accounts.roles import ADMINISTRATOR
    from courses.models import TrainingSession
    from enrollment.models import Enrollment, EnrollmentStatus

    now = timezone.now()
    session = TrainingSession.objects.create(
        course=course,
        site=course.get_site(),
        starts_at=now + timedelta(days=30),
        ends_at=now + timedelta(days=30, hours=6),
        capacity=args.approvals,
        requires_approval=True,
        enrollment_opens_at=now - timedelta(days=1),
    )
    learners = list(User.objects.filter(email__endswith="@bench.example.org")[: args.approvals])
    requests = Enrollment.objects.bulk_create(
        Enrollment(user=learner, session=session, status=EnrollmentStatus.PENDING)
        for learner in learners
    )
    trainer = User.objects.create(email="administrator@bench.example.org")
    trainer.groups.add(Group.objects.get(name=ADMINISTRATOR))
    client = Client(HTTP_HOST=HOST)
    client.force_login(trainer)
    data = {"decision": "approve:selected", "selected": [str(e.pk) for e in requests]}
    started = time.perf_counter()
    response = client.post(f"/en/sessions/{session.pk}/roster/decide/", data)
    seconds = time.perf_counter() - started
    if response.status_code != 302:
        raise RuntimeError(f"the roster answered {response.status_code}")
    approved = Enrollment.objects.filter(session=session, status=EnrollmentStatus.CONFIRMED).count()
    return seconds, approved


def both_phases(args, sessions, learners) -> tuple[list[str], float]:
    """Phases 1 and 2; the problems found and the enrollment rate."""
    phase, requests = enroll_everyone(args, sessions, learners)
    rate = phase.done / phase.seconds if phase.seconds else 0.0
    print_phase("1. Everyone enrolls at once", phase, requests)
    figures = session_figures(sessions)
    print_sessions(figures)
    problems = [f"after enrolling, {problem}" for problem in verdict(figures, phase)]

    phase, asked, promoted = cancellation_storm(args, sessions)
    print_phase(f"2. Cancellation storm: {asked:,} confirmed learners cancel at once", phase, asked)
    print(f"  promotions from the waiting list: {promoted:,}")
    after = session_figures(sessions)
    print_sessions(after)
    problems += [f"after the storm, {problem}" for problem in verdict(after, phase)]
    expected = sum(min(row.capacity, row.confirmed + row.waitlisted) for row in figures)
    if sum(row.confirmed for row in after) != expected:
        problems.append("seats freed by cancellations were not all given to waiting learners")
    return problems, rate


def run(args, url: str) -> list[str]:
    started = time.monotonic()
    setup_django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    print(f"  migrate: {time.monotonic() - started:.1f} s", flush=True)
    started = time.monotonic()
    sessions, learners = build_platform(args)
    print(f"  platform and {len(learners):,} learners: {time.monotonic() - started:.1f} s")
    print()
    print_context(args, url)

    print("\n=== A. Without emails (receivers of enrollment changes disconnected) ===")
    with receivers_disconnected():
        problems, without = both_phases(args, sessions, learners)
    reset(sessions)
    print("\n=== B. With emails (each change enqueues its email task on commit) ===")
    more, with_emails = both_phases(args, sessions, learners)
    problems += more
    from django.core import mail

    mail.outbox = []
    tasks, seconds = work_off_the_queue()
    print(
        f"\nWorker: {tasks:,} tasks (emails composed, queued and delivered) in {seconds:.2f} s: "
        f"{tasks / seconds if seconds else 0:,.0f} per second; {len(mail.outbox):,} emails "
        "delivered"
    )
    ratio = with_emails / without if without else 0.0
    print(
        f"\nEnrollment rate: {without:,.0f}/s without emails, {with_emails:,.0f}/s with emails: "
        f"{ratio:.0%} (budget: at least 80%)"
    )
    if ratio < 0.8:
        print("  BELOW BUDGET")

    seconds, approved = bulk_approval(args, sessions[0].course)
    print(
        f"\n3. Bulk approval: {approved:,} of {args.approvals:,} requests approved in one "
        f"roster request, answered in {seconds * 1000:.0f} ms (budget: under 1 s)"
    )
    tasks, worker_seconds = work_off_the_queue()
    print(f"  then the worker: {tasks:,} tasks in {worker_seconds:.2f} s")
    if approved != args.approvals:
        problems.append("the bulk approval did not approve every request")
    return problems


def main() -> None:
    args = parse_args()
    url = server_url()
    started = time.monotonic()
    print(f"Creating {BENCH_DATABASE} on {describe(url)} ...", flush=True)
    create_database(url)
    try:
        problems = run(args, url)
    finally:
        drop_database(url)
        print(f"\nDropped {BENCH_DATABASE}. Total wall time: {time.monotonic() - started:.1f} s")
    if problems:
        sys.exit("FAILED: " + "; ".join(problems))
    print("OK: no overbooking, every freed seat went to the waiting list.")


if __name__ == "__main__":
    main()
