"""Benchmark of the catalog, theme, course and learning path pages at 10, 100 and 1,000 courses.

It builds a throw-away platform in a temporary SQLite database (30 themes in English, French
and Arabic; courses spread over the themes, every third one translated into French and every
fifth into Arabic; three sessions per course, trainers and learning paths), then grows it
from one size to the next. At each size, for each page, inside a Django process
(django.test.Client), it prints the number of SQL queries of a warm request, the median time
of --repeat warm requests in milliseconds, and the HTML size raw and gzip-compressed.

The number of queries of each page must be the same at every size: that is the point.

Run from the project root:  .venv/bin/python bench/catalog.py [--sizes 10 100 1000] [--repeat 20]

If DATABASE_URL is PostgreSQL it is used instead of SQLite: the benchmark then adds its own
platform (host catalog-bench.localhost) to that database and deletes it at the end.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_MODULE = "config.settings.dev"
HOST = "catalog-bench.localhost"
THEMES = 30
SESSIONS_PER_COURSE = 3
TRAINERS = 40
FIRST_FLIGHT = 14_600  # bytes a server can send in its first round trip (10 segments)
WORDS = [
    "energy",
    "data",
    "climate",
    "water",
    "cities",
    "vehicles",
    "disaster",
    "risk",
    "learning",
    "engineering",
    "satellite",
    "health",
    "agriculture",
    "finance",
    "mobility",
]
COUNTRIES = ("KE", "CN", "BR", "FR", "IN", "EG", "TH", "GH", "PE", "VN", "SN", "JO")
MODES = ("online", "in_room", "hybrid")
LANGUAGES = ("en", "fr", "ar", "zh-hans", "ru", "es")


@dataclass(frozen=True)
class Target:
    label: str
    path: str


TARGETS = (
    Target("catalog /en/", "/en/catalog/"),
    Target("catalog /fr/", "/fr/catalog/"),
    Target("catalog /ar/ page 2", "/ar/catalog/?page=2"),
    Target("catalog search", "/en/catalog/?q=energy"),
    Target("catalog filters", "/en/catalog/?mode=in_room&region=africa&open=on"),
    Target("theme", "/en/theme-0/"),
    Target("course", "/en/theme-0/course-0/"),
    Target("course /ar/", "/ar/theme-0/course-0/"),
    Target("learning path", "/en/theme-0/path-0/"),
)


@dataclass
class Measure:
    status: int
    queries: int
    ms: float
    raw_bytes: int
    gzip_bytes: int


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=20, help="warm requests per page (20)")
    args = parser.parse_args()
    if sorted(args.sizes) != args.sizes or not all(0 < size <= 20_000 for size in args.sizes):
        parser.error("--sizes must grow, each between 1 and 20000")
    if not 1 <= args.repeat <= 1000:
        parser.error("--repeat must be between 1 and 1000")
    return args


def is_postgres(url: str) -> bool:
    return urlsplit(url).scheme in ("postgres", "postgresql")


def setup_django(workdir: Path) -> str:
    if not is_postgres(os.environ.get("DATABASE_URL", "")):
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.update(
        {
            "DJANGO_ENV": "dev",
            "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
            "DEBUG": "false",
            "MEDIA_ROOT": str(workdir / "media"),
            "ALLOWED_HOSTS": f"{HOST},localhost,127.0.0.1",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    print(f"  migrate: {time.monotonic() - started:.1f} s", flush=True)
    return os.environ["DATABASE_URL"]


# --- building the platform ----------------------------------------------------------------


class Platform:
    """The benchmark's site, grown course by course."""

    def __init__(self):
        from wagtail.models import Locale, Page, Site

        from cms.models import HomePage, PlatformSettings
        from courses.models import CatalogPage

        self.locales = {
            code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES
        }
        root = Page.get_first_root_node()
        self.home = root.add_child(
            instance=HomePage(
                title="Catalog bench", slug="catalog-bench", locale=self.locales["en"]
            )
        )
        self.site = Site.objects.create(
            hostname=HOST, port=80, root_page=self.home, site_name="Catalog bench"
        )
        settings = PlatformSettings.for_site(self.site)
        settings.is_master = True
        settings.save()
        catalog = self.home.add_child(instance=CatalogPage(title="Catalog", slug="catalog"))
        for code in ("fr", "ar"):
            self.translate(self.home, code, f"Catalog bench ({code})")
            self.translate(catalog, code, f"Catalog ({code})")
        self.themes = [self.add_theme(number) for number in range(THEMES)]
        self.trainers = self.add_trainers()
        self.courses = []
        self.paths = {}

    def translate(self, page, code: str, title: str):
        translation = page.copy_for_translation(self.locales[code])
        translation.title = title
        translation.save_revision().publish()
        return translation

    def add_theme(self, number: int):
        from courses.models import ThemePage

        word = WORDS[number % len(WORDS)]
        theme = self.home.add_child(
            instance=ThemePage(
                title=f"Theme {number}: {word}",
                slug=f"theme-{number}",
                description=f"Everything about {word}.",
            )
        )
        self.translate(theme, "fr", f"Thème {number}")
        self.translate(theme, "ar", f"الموضوع {number}")
        return theme

    def add_trainers(self):
        import uuid

        from courses.models import Trainer

        trainers = [
            Trainer(
                name=f"Trainer {number}",
                organisation="Knowledge Centre",
                country=COUNTRIES[number % len(COUNTRIES)],
                bio="Twenty years of practice. " * 4,
                locale=self.locales["en"],
                translation_key=uuid.uuid4(),
            )
            for number in range(TRAINERS)
        ]
        Trainer.objects.bulk_create(trainers)
        translations = [
            Trainer(
                name=trainer.name,
                organisation=trainer.organisation,
                country=trainer.country,
                bio="عشرون عاما من الممارسة.",
                locale=self.locales["ar"],
                translation_key=trainer.translation_key,
            )
            for trainer in trainers
        ]
        Trainer.objects.bulk_create(translations)
        return list(Trainer.objects.filter(locale=self.locales["en"]))

    def grow_to(self, size: int) -> None:
        """Adds courses up to `size`, each with its translations, sessions and trainers."""
        from django.db import transaction

        with transaction.atomic():
            new = [self.add_course(number) for number in range(len(self.courses), size)]
            self.courses.extend(new)
            self.add_sessions(new)
            self.add_course_trainers(new)
            self.add_paths(new, first=size - len(new))

    def add_course(self, number: int):
        from courses.models import CoursePage

        theme = self.themes[number % THEMES]
        word = WORDS[number % len(WORDS)]
        course = theme.add_child(
            instance=CoursePage(
                title=f"Course {number} on {word}",
                slug=f"course-{number // THEMES}",
                summary=f"A course about {word} for practitioners of developing countries.",
                level=("beginner", "intermediate", "advanced")[number % 3],
                duration_hours=8 + number % 30,
                prerequisites="None.",
                objectives=[("objective", f"Understand {word}"), ("objective", "Apply it")],
                modules=[module(part) for part in range(4)],
            )
        )
        if number % 3 == 0:
            self.translate_course(course, "fr", f"Cours {number} sur {word}")
        if number % 5 == 0:
            self.translate_course(course, "ar", f"الدورة {number}")
        return course

    def translate_course(self, course, code: str, title: str) -> None:
        translation = course.copy_for_translation(self.locales[code])
        translation.title = title
        translation.live = True  # published without a revision: nothing else reads one here
        translation.has_unpublished_changes = False
        translation.save()

    def add_sessions(self, courses) -> None:
        from django.utils import timezone

        from courses.models import TrainingSession

        now = timezone.now()
        sessions = []
        for course in courses:
            for part in range(SESSIONS_PER_COURSE):
                number = course.pk + part
                starts = now + timedelta(days=5 + (number * 7) % 300, hours=part)
                sessions.append(
                    TrainingSession(
                        course=course,
                        site=self.site,
                        mode=MODES[number % 3],
                        language=LANGUAGES[number % 6],
                        starts_at=starts,
                        ends_at=starts + timedelta(hours=3),
                        timezone="Africa/Nairobi",
                        city="Nairobi" if number % 3 else "",
                        venue="Conference centre" if number % 3 else "",
                        country=COUNTRIES[number % len(COUNTRIES)],
                        capacity=30 if number % 4 else None,
                        seats_taken=number % 30,
                    )
                )
        TrainingSession.objects.bulk_create(sessions)

    def add_course_trainers(self, courses) -> None:
        from courses.models import CourseTrainer

        links = [
            CourseTrainer(
                page=course, trainer=self.trainers[(course.pk + part) % TRAINERS], sort_order=part
            )
            for course in courses
            for part in range(2)
        ]
        CourseTrainer.objects.bulk_create(links)

    def add_paths(self, courses, first: int) -> None:
        """One learning path per theme, holding the theme's courses in order."""
        from courses.models import CurriculumCourse, CurriculumPage

        links = []
        for number, course in enumerate(courses, start=first):
            theme = self.themes[number % THEMES]
            path = self.paths.get(theme.pk)
            if path is None:
                path = theme.add_child(
                    instance=CurriculumPage(title=f"Path of {theme.title}", slug="path-0")
                )
                self.paths[theme.pk] = path
            links.append(CurriculumCourse(page=path, course=course, sort_order=number))
        CurriculumCourse.objects.bulk_create(links)

    def delete(self) -> None:
        from wagtail.models import Page

        from courses.models import Trainer, TrainingSession

        TrainingSession.objects.filter(site=self.site).delete()
        keys = [trainer.translation_key for trainer in self.trainers]
        Trainer.objects.filter(translation_key__in=keys).delete()
        homes = Page.objects.filter(translation_key=self.home.translation_key)
        self.site.delete()
        for home in homes:
            home.delete()


def module(part: int) -> dict:
    lessons = [
        {
            "title": f"Lesson {part}.{lesson}",
            "text": "<p>" + "A paragraph of lesson text. " * 8 + "</p>",
            "video_url": f"https://video.example.org/{part}/{lesson}",
            "resources": [],
        }
        for lesson in range(3)
    ]
    value = {"title": f"Module {part}", "summary": "", "lessons": lessons}
    return {"type": "module", "value": value}


# --- measuring ----------------------------------------------------------------------------


def measure(client, target: Target, repeat: int) -> Measure:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(target.path)  # cold: fills Wagtail's and Django's caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(target.path)
    queries = len(captured)  # now: the next request empties the connection's query log
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(target.path)
        timings.append((time.perf_counter() - started) * 1000)
    body = response.content
    return Measure(
        status=response.status_code,
        queries=queries,
        ms=statistics.median(timings),
        raw_bytes=len(body),
        gzip_bytes=len(gzip.compress(body, compresslevel=6, mtime=0)),
    )


HEADERS = ("courses", "page", "status", "queries", "ms (median)", "HTML bytes", "gzip bytes")


def print_table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in (HEADERS, *rows)) for i in range(len(HEADERS))]

    def line(cells):
        head = [cells[0].rjust(widths[0]), cells[1].ljust(widths[1])]
        rest = [cell.rjust(width) for cell, width in zip(cells[2:], widths[2:], strict=True)]
        return "  ".join(head + rest)

    print(line(HEADERS))
    print(line(tuple("-" * width for width in widths)))
    for row in rows:
        print(line(row))


def problems(results: dict[int, dict[Target, Measure]]) -> list[str]:
    notes = []
    for target in TARGETS:
        counts = {size: measured[target].queries for size, measured in results.items()}
        if len(set(counts.values())) > 1:
            notes.append(f"{target.label}: the number of queries changes with size: {counts}")
        for size, measured in results.items():
            if measured[target].status != 200:
                notes.append(f"{target.label} at {size}: status {measured[target].status}")
        course_like = target.label.startswith("course")
        largest = results[max(results)][target]
        if course_like and largest.gzip_bytes > FIRST_FLIGHT:
            notes.append(f"{target.label}: {largest.gzip_bytes:,} bytes gzip, over 14 KB.")
    return notes


def run(args, workdir: Path) -> None:
    import logging

    print(f"Preparing a temporary platform in {workdir} ...", flush=True)
    database_url = setup_django(workdir)
    logging.getLogger("django.request").setLevel(logging.ERROR)
    from django.db import connections
    from django.test import Client

    started = time.monotonic()
    bench_platform = Platform()
    print(f"  themes, trainers, catalog: {time.monotonic() - started:.1f} s", flush=True)
    client = Client(HTTP_HOST=HOST, HTTP_ACCEPT_ENCODING="identity")
    results: dict[int, dict[Target, Measure]] = {}
    rows = []
    try:
        for size in args.sizes:
            started = time.monotonic()
            bench_platform.grow_to(size)
            print(f"  grown to {size} courses in {time.monotonic() - started:.1f} s", flush=True)
            results[size] = {target: measure(client, target, args.repeat) for target in TARGETS}
            for target, result in results[size].items():
                rows.append(
                    (
                        f"{size:,}",
                        target.label,
                        str(result.status),
                        str(result.queries),
                        f"{result.ms:.1f}",
                        f"{result.raw_bytes:,}",
                        f"{result.gzip_bytes:,}",
                    )
                )
    finally:
        if is_postgres(database_url):
            bench_platform.delete()
        connections.close_all()

    import django

    print()
    print(f"Python {platform.python_version()}, Django {django.get_version()}")
    print(f"Machine: {platform.machine()}, nproc {os.cpu_count()}, {platform.platform()}")
    database = "PostgreSQL (DATABASE_URL)" if is_postgres(database_url) else "SQLite (temp)"
    print(f"Database: {database}; load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print(
        f"Per size: {THEMES} themes, {SESSIONS_PER_COURSE} sessions and 2 trainers per course; "
        f"ms = median of {args.repeat} warm requests in-process, no network"
    )
    print()
    print_table(rows)
    for note in problems(results):
        print(f"Note: {note}")


def main() -> None:
    args = parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="opentraining-catalog-bench-") as workdir:
        run(args, Path(workdir))
    print(f"Total wall time: {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
