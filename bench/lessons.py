"""Benchmark of lessons and progress, on a throw-away test database (SQLite, or the
PostgreSQL server of DATABASE_URL).

It builds two courses, one of 5 lessons and one of 50 (5 modules of 10), and prints:

* the SQL queries of a warm lesson page, module page and course page (with its outline)
  for an enrolled learner, with 1 learner and with 200 learners who have ticked lessons:
  they must be equal across sizes;
* the lesson page's HTML gzip-compressed (budget 14 KB, one round trip) and its first view
  without video: HTML plus every stylesheet and script it loads, each gzip-compressed as
  WhiteNoise serves them (budget 50 KB); the home page alongside as the baseline;
* progress recording per second, for --seconds each: lesson_mark_done called as a service,
  the "Mark as done" POST and the position beacon POST through Django's full request
  stack, against a bare INSERT of the same row (the ORM's create, autocommit) in the same
  run. Each tick is a new learner and lesson pair, as in a class working through a course.

Run from the project root:  .venv/bin/python bench/lessons.py [--seconds 5]
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/lessons.py
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LESSON_BUDGET = 14 * 1024
FIRST_VIEW_BUDGET = 50 * 1024
SUBRESOURCE = re.compile(r'<(?:script|link)\b[^>]*\b(?:src|href)="(/static/[^"]+\.(?:css|js))"')


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="per throughput figure")
    return parser.parse_args()


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from django.db import connection

    return connection, connection.creation.create_test_db(verbosity=0, autoclobber=True)


def build():
    from django.conf import settings
    from django.utils import timezone
    from wagtail.models import Page

    from accounts.factories import UserFactory
    from cms.factories import HomePageFactory, locale, make_site
    from courses.factories import CoursePageFactory, ThemePageFactory, TrainingSessionFactory
    from enrollment.factories import EnrollmentFactory
    from learning.factories import LessonPageFactory, ModulePageFactory

    for code, _name in settings.LANGUAGES:
        locale(code)
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(title="Training Centre", slug="home")
    make_site(home, is_master=True)
    theme = ThemePageFactory(parent=home, title="Disaster risk reduction", slug="drr")
    learner = UserFactory()
    courses = {}
    paragraph = "<p>" + "Rivers rise when rain falls on saturated ground. " * 12 + "</p>"
    for size, (modules, per_module) in {5: (1, 5), 50: (5, 10)}.items():
        course = CoursePageFactory(parent=theme, title=f"Course of {size} lessons")
        lessons = []
        for m in range(modules):
            module = ModulePageFactory(parent=course, title=f"Module {m + 1}")
            for n in range(per_module):
                lessons.append(
                    LessonPageFactory(
                        parent=module,
                        title=f"Lesson {m + 1}.{n + 1}: reading a flood forecast",
                        body=[("text", paragraph) for _ in range(4)],
                    )
                )
        session = TrainingSessionFactory(course=course, starts_at=timezone.now())
        EnrollmentFactory(user=learner, session=session)
        courses[size] = (course, lessons, session)
    return home, learner, courses


def add_learners(courses, count: int) -> None:
    from django.utils import timezone

    from accounts.factories import UserFactory
    from enrollment.models import Enrollment
    from learning.models import LessonProgress

    now = timezone.now()
    for course, lessons, session in courses.values():
        users = [UserFactory.build(email=f"bench{course.pk}-{i}@example.org") for i in range(count)]
        type(users[0]).objects.bulk_create(users)
        users = list(type(users[0]).objects.filter(email__startswith=f"bench{course.pk}-"))
        Enrollment.objects.bulk_create(
            Enrollment(user=user, session=session, status="confirmed") for user in users
        )
        LessonProgress.objects.bulk_create(
            LessonProgress(
                user=user,
                course_key=course.translation_key,
                lesson_key=lesson.translation_key,
                seen_at=now,
                done_at=now,
            )
            for user in users
            for lesson in lessons[: len(lessons) // 2]
        )


def queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(context.captured_queries)


def page_queries(client, courses) -> dict:
    figures = {}
    for size, (course, lessons, _session) in courses.items():
        module = lessons[0].get_parent()
        figures[size] = {
            "lesson": queries(client, lessons[len(lessons) // 2].url),
            "module": queries(client, module.url),
            "course": queries(client, course.url),
        }
    return figures


def static_gzip_size(url: str) -> int:
    from django.contrib.staticfiles import finders

    path = finders.find(url.removeprefix("/static/"))
    return len(gzip.compress(Path(path).read_bytes(), compresslevel=6)) if path else 0


def weight(client, url: str) -> tuple[int, int, int]:
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    body = response.content
    html = gzip.decompress(body).decode() if response.get("Content-Encoding") == "gzip" else body
    compressed = (
        len(body) if response.get("Content-Encoding") == "gzip" else len(gzip.compress(body))
    )
    assets = sorted(set(SUBRESOURCE.findall(html if isinstance(html, str) else html.decode())))
    return len(html), compressed, compressed + sum(static_gzip_size(a) for a in assets)


def rate(work, seconds: float) -> tuple[float, int]:
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        work(done)
        done += 1
    return done / (time.perf_counter() - started), done


def throughput(courses, seconds: float) -> list[tuple[str, float, int]]:
    from django.test import Client
    from django.utils import timezone

    from accounts.factories import UserFactory
    from enrollment.models import Enrollment
    from learning.models import LessonProgress
    from learning.services.progress import lesson_mark_done

    course, lessons, session = courses[50]
    learners = list(UserFactory._meta.model.objects.filter(email__startswith=f"bench{course.pk}-"))
    # Each learner has ticked the first half: the second half is theirs to tick.
    todo = [(user, lesson) for user in learners for lesson in lessons[len(lessons) // 2 :]]
    spare = UserFactory()
    Enrollment.objects.create(user=spare, session=session, status="confirmed")
    now = timezone.now()
    figures = []

    def bare_insert(i):
        LessonProgress.objects.create(
            user=spare,
            course_key=course.translation_key,
            lesson_key=f"00000000-0000-0000-0000-{i:012d}",
            seen_at=now,
            done_at=now,
        )

    per_second, count = rate(bare_insert, seconds)
    figures.append(("bare INSERT of a progress row (baseline)", per_second, count))

    queue = iter(todo)

    def service(_i):
        user, lesson = next(queue)
        lesson_mark_done(user=user, lesson=lesson)

    per_second, count = rate(service, seconds)
    figures.append(("lesson_mark_done (service)", per_second, count))

    clients: dict[int, Client] = {}

    def client_for(user) -> Client:
        if user.pk not in clients:
            clients[user.pk] = Client()
            clients[user.pk].force_login(user)
        return clients[user.pk]

    def http_done(_i):
        user, lesson = next(queue)
        response = client_for(user).post(f"/en/learning/lessons/{lesson.pk}/done/")
        assert response.status_code == 302, response.status_code

    per_second, count = rate(http_done, seconds)
    figures.append(('"Mark as done" POST (full request)', per_second, count))

    def http_seen(i):
        user, lesson = todo[i % len(todo)]
        response = client_for(user).post(
            f"/en/learning/lessons/{lesson.pk}/seen/", {"position": str(i % 600)}
        )
        assert response.status_code == 204, response.status_code

    per_second, count = rate(http_seen, seconds)
    figures.append(("position beacon POST (full request)", per_second, count))
    return figures


def main() -> int:
    args = parse_args()
    connection, old_name = setup_django()
    failures = []
    try:
        from django.test import Client

        print(
            f"Lessons benchmark · {connection.vendor} {connection.Database.__name__} · "
            f"Python {platform.python_version()} · {os.cpu_count()} CPUs"
        )
        _home, learner, courses = build()
        client = Client()
        client.force_login(learner)

        print("\nSQL queries of a warm page, seen by an enrolled learner")
        one = page_queries(client, courses)
        add_learners(courses, 199)
        many = page_queries(client, courses)
        print(f"  {'page':<8} {'5 lessons':>10} {'50 lessons':>11} {'+199 learners':>14}")
        for page in ("lesson", "module", "course"):
            row = [one[5][page], one[50][page], many[50][page]]
            print(f"  {page:<8} {row[0]:>10} {row[1]:>11} {row[2]:>14}")
            if len(set([*row, many[5][page]])) != 1:
                failures.append(f"{page} page queries grow: {row}")

        print("\nWeight, gzip-compressed (budget: lesson 14 KB, first view 50 KB)")
        _course, lessons, _session = courses[50]
        for label, url in (
            ("home (baseline)", "/en/"),
            ("lesson, 50-lesson course", lessons[25].url),
        ):
            raw, html, first_view = weight(client, url)
            print(
                f"  {label:<26} HTML {raw / 1024:6.1f} KB raw, {html / 1024:5.1f} KB gzip; "
                f"first view {first_view / 1024:5.1f} KB"
            )
            if label.startswith("lesson"):
                if html > LESSON_BUDGET:
                    failures.append(f"lesson HTML {html} B > {LESSON_BUDGET} B")
                if first_view > FIRST_VIEW_BUDGET:
                    failures.append(f"first view {first_view} B > {FIRST_VIEW_BUDGET} B")

        print(f"\nProgress recorded per second ({args.seconds:g} s each, one thread)")
        figures = throughput(courses, args.seconds)
        baseline = figures[0][1]
        for label, per_second, count in figures:
            print(
                f"  {label:<42} {per_second:8.0f}/s  ({count} rows, "
                f"{per_second / baseline:5.0%} of the bare INSERT)"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    for failure in failures:
        print(f"FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
