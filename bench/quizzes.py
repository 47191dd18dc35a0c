"""Benchmark of quiz submissions: how many a second the platform grades and records.

It builds a throw-away platform (a course, one lesson of five questions, one of each kind,
graded, no attempts limit, and --learners learners enrolled in a run of the course), in a
temporary SQLite file, or, when DATABASE_URL names a PostgreSQL server, in a throw-away
database on it (opentraining_bench_quizzes, dropped at the end). Then, in one process:

* baseline: a bare INSERT of a QuizAttempt row, one transaction each, the least a
  recorded attempt costs on this database;
* service: `quiz_submit` for every learner (their first attempt: graded, five answers
  stored, the lesson ticked as passed), then again (a second attempt, the lesson already
  ticked), one transaction each;
* HTTP: the quiz form posted through django.test.Client by --clients learners already
  logged in (form, service, redirect to the review), in turns;
* threads: the first-attempt service call from --threads threads at once (on PostgreSQL);
* processes: on PostgreSQL, --processes processes at once (as several ASGI workers serve a
  class), each on its own connection: the bare INSERT, then the first-attempt service call
  and the lesson tick (`lesson_mark_done`), each against that baseline.

Each line prints submissions per second and the ratio to the baseline. The issue asks for
at least 200 submissions a second on PostgreSQL on a 2-core machine.

Run from the project root:
  [DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres] .venv/bin/python bench/quizzes.py \
      [--learners 1000] [--clients 20] [--threads 4]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throwaway_platform import drop_database, setup_django

BENCH_DATABASE = "opentraining_bench_quizzes"
HOST = "quizzes-bench.localhost"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=1000, help="learners (1000)")
    parser.add_argument("--clients", type=int, default=20, help="HTTP clients (20)")
    parser.add_argument("--threads", type=int, default=4, help="threads on PostgreSQL (4)")
    parser.add_argument(
        "--processes", type=int, default=4, help="processes on PostgreSQL (4; 0 to skip)"
    )
    args = parser.parse_args()
    if not 10 <= args.learners <= 20_000:
        parser.error("--learners must be between 10 and 20000")
    if not 1 <= args.clients <= args.learners:
        parser.error("--clients must be between 1 and --learners")
    if not 1 <= args.threads <= 32:
        parser.error("--threads must be between 1 and 32")
    return args


QUESTIONS = [
    (
        "single_choice",
        {
            "prompt": "<p>Which instrument measures rain?</p>",
            "choices": [
                {"text": "Anemometer", "correct": False, "feedback": "It measures wind."},
                {"text": "Rain gauge", "correct": True, "feedback": ""},
                {"text": "Barometer", "correct": False, "feedback": ""},
            ],
        },
    ),
    (
        "multiple_choice",
        {
            "prompt": "<p>Which energies are renewable?</p>",
            "choices": [
                {"text": "Solar", "correct": True, "feedback": ""},
                {"text": "Coal", "correct": False, "feedback": ""},
                {"text": "Wind", "correct": True, "feedback": ""},
            ],
        },
    ),
    ("true_false", {"prompt": "<p>Water boils at 50 °C at sea level.</p>", "answer": False}),
    ("numeric", {"prompt": "<p>Gravity?</p>", "answer": "9.81", "tolerance": "0.05"}),
    ("short_text", {"prompt": "<p>Capital of Kenya?</p>", "accepted": ["Nairobi"]}),
]
ANSWERS = ["1", "0,2", "false", "9,8", "nairobi"]


def build(learners: int):
    from datetime import timedelta

    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page, Site

    from accounts.models import User
    from cms.models import HomePage
    from courses.models import CoursePage, ThemePage, TrainingSession
    from enrollment.models import Enrollment, EnrollmentStatus
    from learning.models import LessonPage, ModulePage

    now = timezone.now()
    with transaction.atomic():
        english = Locale.objects.get_or_create(language_code="en")[0]
        home = Page.get_first_root_node().add_child(
            instance=HomePage(title="Quizzes bench", slug="quizzes-bench", locale=english)
        )
        Site.objects.filter(is_default_site=True).update(is_default_site=False)
        site = Site.objects.create(
            hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Bench"
        )
        theme = home.add_child(instance=ThemePage(title="Water", slug="water"))
        course = theme.add_child(instance=CoursePage(title="Hydrology", slug="hydrology"))
        module = course.add_child(instance=ModulePage(title="Rain", slug="rain"))
        lesson = module.add_child(
            instance=LessonPage(
                title="Measuring rain",
                slug="measuring-rain",
                questions=QUESTIONS,
                graded=True,
                max_attempts=0,
            )
        )
        lesson.save_revision().publish()
        session = TrainingSession.objects.create(
            course=course,
            site=site,
            mode="online",
            language="en",
            starts_at=now - timedelta(days=1),
            ends_at=now + timedelta(days=60),
            timezone="UTC",
        )
        password = make_password(None)
        User.objects.bulk_create(
            [User(email=f"learner{n}@{HOST}", password=password) for n in range(learners)],
            batch_size=2_000,
        )
        users = list(User.objects.filter(email__endswith=f"@{HOST}").order_by("pk"))
        Enrollment.objects.bulk_create(
            [Enrollment(user=u, session=session, status=EnrollmentStatus.CONFIRMED) for u in users]
        )
    lesson = LessonPage.objects.select_related("locale").get(pk=lesson.pk)
    return lesson, users


def rate(label: str, count: int, seconds: float, baseline: float | None) -> float:
    per_second = count / seconds
    ratio = f"{per_second / baseline:6.2f}" if baseline else "  1.00"
    print(f"  {label:<52} {count:>6} {per_second:>10.0f}/s   ratio {ratio}", flush=True)
    return per_second


def main() -> None:
    args = parse_args()
    original_url = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory(prefix="quizzes-bench-") as workdir:
        env = {
            # The processes mode forks, and a pool's connections cannot cross a fork (the
            # task workers run without one for the same reason).
            "DATABASE_POOL_SIZE": "0",
            "ALLOWED_HOSTS": f"{HOST},localhost,127.0.0.1,testserver",
        }
        vendor = setup_django(Path(workdir), BENCH_DATABASE, env)
        try:
            run(args, vendor)
        finally:
            drop_database(original_url, BENCH_DATABASE)


def run(args, vendor: str) -> None:
    from django.db import close_old_connections, transaction
    from django.test import Client
    from django.urls import reverse

    from learning.models import QuizAttempt
    from learning.selectors.quizzes import quiz_token
    from learning.services.quizzes import quiz_submit

    print(f"  {platform.python_implementation()} {platform.python_version()}, {vendor}")
    started = time.monotonic()
    lesson, users = build(args.learners)
    print(f"  built {len(users)} learners in {time.monotonic() - started:.1f} s", flush=True)
    ids = [block.id for block in lesson.questions]
    answers = dict(zip(ids, ANSWERS, strict=True))
    print(f"\n  {'what':<52} {'count':>6} {'rate':>12}")

    # Baseline: the attempt row alone, one transaction each (number 100 onwards: out of the
    # way of the real attempts).
    started = time.perf_counter()
    for number, user in enumerate(users):
        with transaction.atomic():
            QuizAttempt.objects.create(
                user=user,
                course_key=lesson.translation_key,
                lesson_key=uuid.uuid4(),
                number=100 + number,
                token=uuid.uuid4(),
                score_percent=100,
                passed=True,
                language="en",
            )
    baseline = rate(
        "baseline: bare INSERT of an attempt row", len(users), time.perf_counter() - started, None
    )

    half = len(users) // 2
    started = time.perf_counter()
    for user in users[:half]:
        quiz_submit(user=user, lesson=lesson, answers=answers, token=uuid.uuid4())
    rate(
        "quiz_submit, first attempt (lesson ticked)", half, time.perf_counter() - started, baseline
    )
    started = time.perf_counter()
    for user in users[:half]:
        quiz_submit(user=user, lesson=lesson, answers=answers, token=uuid.uuid4())
    rate("quiz_submit, second attempt", half, time.perf_counter() - started, baseline)

    # HTTP: logged-in clients post the form in turns (the token of each next attempt).
    url = reverse("learning:quiz_submit", args=[lesson.pk])
    clients = []
    for user in users[half : half + args.clients]:
        client = Client()
        client.force_login(user)
        clients.append((client, user))
    rounds = max(1, min(20, 400 // len(clients)))
    started = time.perf_counter()
    posted = 0
    for round_number in range(1, rounds + 1):
        for client, user in clients:
            token = quiz_token(user, lesson.translation_key, round_number)
            data = {"token": str(token), **{f"q-{i}": a for i, a in answers.items()}}
            data[f"q-{ids[1]}"] = ANSWERS[1].split(",")
            response = client.post(url, data)
            assert response.status_code == 302, response.status_code
            posted += 1
    rate(
        "HTTP POST of the quiz form (test client)", posted, time.perf_counter() - started, baseline
    )

    if vendor == "postgresql" and args.threads > 1:
        remaining = users[half + args.clients :]
        shares = [remaining[n :: args.threads] for n in range(args.threads)]
        barrier = threading.Barrier(args.threads + 1)

        def work(share):
            barrier.wait()
            for user in share:
                quiz_submit(user=user, lesson=lesson, answers=answers, token=uuid.uuid4())
            close_old_connections()

        threads = [threading.Thread(target=work, args=(share,)) for share in shares]
        for thread in threads:
            thread.start()
        barrier.wait()
        started = time.perf_counter()
        for thread in threads:
            thread.join()
        label = f"quiz_submit, first attempt, {args.threads} threads"
        rate(label, len(remaining), time.perf_counter() - started, baseline)
    if vendor == "postgresql" and args.processes > 0:
        in_processes(args.processes, lesson, answers)
    recorded = QuizAttempt.objects.filter(lesson_key=lesson.translation_key).count()
    print(f"\n  attempts recorded for the lesson: {recorded}")


def in_processes(processes: int, lesson, answers, per_process: int = 150) -> None:
    """Each of `processes` forked processes works through its own new learners at once, on
    its own connection; the rate is what they record together a second."""
    import multiprocessing

    from django.db import connections, transaction
    from django.utils import timezone

    from accounts.models import User
    from enrollment.models import Enrollment, EnrollmentStatus
    from learning.models import LessonPage, LessonProgress, QuizAttempt
    from learning.services.progress import lesson_mark_done
    from learning.services.quizzes import quiz_submit

    session_id = Enrollment.objects.values_list("session_id", flat=True).first()
    module = lesson.get_parent()
    reading = module.add_child(instance=LessonPage(title="Reading the gauge", slug="reading"))
    reading.save_revision().publish()
    reading = LessonPage.objects.select_related("locale").get(pk=reading.pk)

    def new_learners(tag: str) -> list[list]:
        users = User.objects.bulk_create(
            User(email=f"{tag}{n}@{HOST}", password="!") for n in range(processes * per_process)
        )
        Enrollment.objects.bulk_create(
            Enrollment(user=u, session_id=session_id, status=EnrollmentStatus.CONFIRMED)
            for u in users
        )
        return [users[n::processes] for n in range(processes)]

    def bare(share):
        for user in share:
            with transaction.atomic():
                LessonProgress.objects.create(
                    user=user,
                    course_key=lesson.translation_key,
                    lesson_key=uuid.uuid4(),
                    seen_at=timezone.now(),
                    done_at=timezone.now(),
                )

    def submit(share):
        for user in share:
            quiz_submit(user=user, lesson=lesson, answers=answers, token=uuid.uuid4())

    def tick(share):
        for user in share:
            lesson_mark_done(user=user, lesson=reading)

    def timed(work, shares) -> float:
        connections.close_all()
        context = multiprocessing.get_context("fork")
        ready = context.Barrier(processes + 1)

        def child(share):
            ready.wait()
            work(share)
            connections.close_all()

        children = [context.Process(target=child, args=(share,)) for share in shares]
        for process in children:
            process.start()
        ready.wait()
        started = time.perf_counter()
        for process in children:
            process.join()
        assert all(process.exitcode == 0 for process in children)
        return time.perf_counter() - started

    count = processes * per_process
    print(f"\n  {processes} processes at once, {per_process} learners each:")
    baseline = rate(
        "  baseline: bare INSERT of a progress row", count, timed(bare, new_learners("b")), None
    )
    rate("  quiz_submit, first attempt", count, timed(submit, new_learners("q")), baseline)
    rate("  lesson_mark_done, a new tick", count, timed(tick, new_learners("t")), baseline)
    submitted = QuizAttempt.objects.filter(user__email__startswith="q").count()
    assert submitted == count, submitted


if __name__ == "__main__":
    main()
