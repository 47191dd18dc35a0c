"""Benchmark of the centre's reports on a large database: 1,000,000 enrollments.

It builds a throw-away database (SQLite in a temporary directory; PostgreSQL when
DATABASE_URL names a PostgreSQL server: a database bench_report_<pid> is created there and
dropped at the end, whatever happens), migrates it, then generates with raw bulk inserts
(executemany on SQLite, COPY on PostgreSQL) the records the reports read: learners and
their profiles (country, gender, consent), ten years of sessions (trainings and seminars)
over thirty themes, their trainers, enrollments with daily attendance for most, anonymous
and named survey responses, certificates, and the seminars' live-room connections.

The data is generated in two steps (--first enrollments, then up to --enrollments, with
the same share of survey responses, learners, sessions...). After each step, for each report
(headline, by_year, by_theme, by_region, gender_split) on 2015-2021, it prints:

* the SQL queries the selector ran (the same at both sizes: the reports never loop over
  enrollments), and the median milliseconds of --repeat runs;
* the same figures computed by hand-written SQL in the same run, measured in alternation
  with the selector so that other work on the machine weighs on both alike, the ratio
  ours / hand SQL (target at most 1.5), and whether both gave the same figures;

then the CSV export of one row per session (reporting.exports.session_rows, streamed in
chunks): rows, bytes, seconds, queries, and its peak memory (tracemalloc's peak of Python
allocations, and the process's RSS growth).

Run from the project root:
  .venv/bin/python bench/report.py [--enrollments 1000000] [--responses 300000] \\
      [--first 100000] [--repeat 5]
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/report.py
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from throwaway_postgres import admin_connection, with_database

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_MODULE = "config.settings.dev"
HOST = "report-bench.localhost"
SEED = 20_151_231
PERIOD = {"start": "2015-01-01", "end": "2021-12-31"}
YEARS = range(2015, 2025)  # sessions are spread over ten years; the report reads seven
THEMES = 30
COURSES_PER_THEME = 2
TRAINERS = 400
ENROLLMENTS_PER_SESSION = 200
LEARNERS_PER_ENROLLMENT = 0.6  # a learner enrolls 1.7 times on average
SEMINAR_SHARE = 0.1
HOST_COUNTRY = "CN"
GENDERS = (("woman", 34), ("man", 58), ("another", 1), ("unstated", 7))
LANGUAGES = ("en", "zh-hans", "fr", "es", "ru", "ar")
# A session's enrollments: attended (completed or confirmed), never came, cancelled before.
STATUSES = (("completed", 60), ("confirmed", 28), ("no_show", 7), ("cancelled", 5))
RATINGS = ((5, 55), (4, 35), (3, 6), (2, 2), (1, 1), (None, 1))
NAMED_RESPONSES = 0.1
SEMINAR_VISITORS = 150  # live-room connections per seminar besides its learners
BULK_TABLES = (
    "accounts_user",
    "enrollment_learnerprofile",
    "enrollment_enrollment",
    "enrollment_attendance",
    "surveys_surveyresponse",
    "certificates_certificate",
    "live_onlinepresence",
)
CERTIFICATE_COLUMNS = (
    "enrollment_id",
    "code",
    "printed_name",
    "language",
    "course_title",
    "starts_on",
    "ends_on",
    "hours",
    "trainer_names",
    "issuer_name",
    "issuer_url",
    "issued_at",
    "issue_note",
    "revoked_at",
    "revocation_reason",
    "revocation_note",
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--enrollments", type=int, default=1_000_000, help="(1,000,000)")
    parser.add_argument("--responses", type=int, default=300_000, help="(300,000)")
    parser.add_argument(
        "--first", type=int, default=100_000, help="enrollments of the first step (100,000)"
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs of each report (5)")
    args = parser.parse_args()
    if not 1_000 <= args.first <= args.enrollments <= 5_000_000:
        parser.error("need 1,000 <= --first <= --enrollments <= 5,000,000")
    if not 0 <= args.responses <= args.enrollments // 2:
        parser.error("--responses must be at most half of --enrollments")
    if not 1 <= args.repeat <= 100:
        parser.error("--repeat must be between 1 and 100")
    return args


# --- the throw-away database --------------------------------------------------------------


def describe(url: str) -> str:
    parts = urlsplit(url)  # never print the password
    return f"PostgreSQL {parts.hostname}:{parts.port or 5432}"


class Database:
    """A temporary SQLite file, or a database of its own on the PostgreSQL server."""

    def __init__(self, workdir: Path):
        self.server = os.environ.get("DATABASE_URL", "")
        self.postgres = urlsplit(self.server).scheme in ("postgres", "postgresql")
        self.name = f"bench_report_{os.getpid()}"
        if self.postgres:
            with admin_connection(self.server) as connection:
                connection.execute(f'CREATE DATABASE "{self.name}"')
            self.url = with_database(self.server, self.name)
            self.label = f"{describe(self.server)}, database {self.name}"
        else:
            self.url = f"sqlite:///{workdir / 'bench.sqlite3'}"
            self.label = f"SQLite (temporary file in {workdir})"

    def drop(self) -> None:
        if not self.postgres:
            return
        from django.db import connections

        connections.close_all()
        with admin_connection(self.server) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def setup_django(database: Database, workdir: Path) -> None:
    os.environ.update(
        {
            "DATABASE_URL": database.url,
            "DJANGO_ENV": "dev",
            "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
            "DEBUG": "false",
            "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": str(workdir / "static"),
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


# --- raw bulk inserts ---------------------------------------------------------------------


class Writer:
    """Rows straight into tables: COPY on PostgreSQL, executemany on SQLite, in the
    database's own formats (SQLite keeps UTC datetimes as text, UUIDs as 32 hex digits)."""

    def __init__(self):
        from django.db import connection

        self.connection = connection
        self.postgres = connection.vendor == "postgresql"
        self.rows = 0
        self.timings: dict[str, list] = {}  # table: [rows, seconds]

    def when(self, moment: datetime):
        return moment if self.postgres else moment.replace(tzinfo=None).isoformat(" ")

    def day(self, value: date):
        return value if self.postgres else value.isoformat()

    def key(self, value: uuid.UUID):
        return value if self.postgres else value.hex

    def insert(self, table: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
        started, before = time.perf_counter(), self.rows
        names = ", ".join(columns)
        cursor = self.connection.cursor()
        if self.postgres:
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    self.rows += 1
        else:
            marks = ", ".join("?" * len(columns))
            raw = self.connection.connection.cursor()
            batch = []
            for row in rows:
                batch.append(row)
                if len(batch) == 50_000:
                    raw.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", batch)
                    self.rows += len(batch)
                    batch = []
            if batch:
                raw.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", batch)
                self.rows += len(batch)
        timing = self.timings.setdefault(table, [0, 0.0])
        timing[0] += self.rows - before
        timing[1] += time.perf_counter() - started

    @contextmanager
    def indexes_rebuilt(self, tables: tuple[str, ...]):
        """Secondary indexes dropped while the rows go in, then built again in one sort
        each: much faster than millions of inserts at random places in each index. Indexes
        that back a constraint (primary keys, unique fields) stay."""
        marks = ", ".join(["%s"] * len(tables))
        with self.connection.cursor() as cursor:
            if self.postgres:
                cursor.execute(
                    f"SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ({marks}) "
                    "AND indexname NOT IN (SELECT conname FROM pg_constraint)",
                    tables,
                )
            else:
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                    f"AND tbl_name IN ({marks}) AND sql IS NOT NULL",
                    tables,
                )
            indexes = cursor.fetchall()
            for name, _definition in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
        yield
        started = time.perf_counter()
        with self.connection.cursor() as cursor:
            if self.postgres:  # the foreign keys' deferred checks first
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for _name, definition in indexes:
                cursor.execute(definition)
        self.timings["(indexes built again)"] = [len(indexes), time.perf_counter() - started]

    def bulk_mode(self, on: bool) -> None:
        """SQLite: a large page cache and no waiting for the disk while generating (the
        database is thrown away); then the defaults again, which the reports run with."""
        if self.postgres:
            return
        with self.connection.cursor() as cursor:
            if on:
                cursor.execute("PRAGMA synchronous = OFF")
                cursor.execute("PRAGMA cache_size = -1000000")  # 1 GB
            else:
                cursor.execute("PRAGMA synchronous = FULL")
                cursor.execute("PRAGMA cache_size = -2000")

    def next_id(self, table: str) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
            return cursor.fetchone()[0]

    def finish(self, models) -> None:
        """Sequences past the ids given by hand; fresh statistics for the planner."""
        from django.core.management.color import no_style

        with self.connection.cursor() as cursor:
            for statement in self.connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
        if self.postgres:
            self.connection.ensure_connection()
            autocommit = self.connection.get_autocommit()
            self.connection.set_autocommit(True)
            with self.connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            self.connection.set_autocommit(autocommit)
        else:
            with self.connection.cursor() as cursor:
                cursor.execute("ANALYZE")


# --- the platform -------------------------------------------------------------------------


@dataclass
class Catalog:
    site_id: int
    course_ids: list[int]
    trainer_ids: list[int]
    template_id: int
    countries: list[str]


def catalog() -> Catalog:
    """A home page, thirty themes of two courses, the trainers and the standard survey."""
    from django_countries import countries
    from wagtail.models import Locale, Page, Site

    from cms.models import HomePage
    from courses.models import CoursePage, ThemePage, Trainer
    from surveys.services import standard_template
    from surveys.standard import ensure_standard_template

    english = Locale.objects.get_or_create(language_code="en")[0]
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Report bench", slug="report-bench", locale=english)
    )
    site = Site.objects.create(hostname=HOST, port=80, root_page=home, site_name="Report bench")
    course_ids = []
    for number in range(THEMES):
        theme = home.add_child(instance=ThemePage(title=f"Theme {number}", slug=f"t{number}"))
        for course in range(COURSES_PER_THEME):
            page = CoursePage(title=f"Course {number}.{course}", slug=f"c{number}-{course}")
            course_ids.append(theme.add_child(instance=page).pk)
    trainers = Trainer.objects.bulk_create(
        Trainer(locale=english, name=f"Trainer {number}", country="CN")
        for number in range(TRAINERS)
    )
    template = standard_template() or ensure_standard_template()
    codes = [code for code, _name in countries]
    return Catalog(site.pk, course_ids, [t.pk for t in trainers], template.pk, codes)


def weighted(rng: random.Random, choices: tuple, count: int) -> list:
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights=weights, k=count)


def generate(writer: Writer, rng: random.Random, cat: Catalog, enrollments: int, responses: int):
    """One step's records: its own learners, sessions, enrollments and everything after."""
    from courses.models import TrainingSession

    now = datetime.now(UTC)
    learners = max(10, int(enrollments * LEARNERS_PER_ENROLLMENT))
    first_user = writer.next_id("accounts_user")
    users = range(first_user, first_user + learners)
    joined = writer.when(now - timedelta(days=4000))
    writer.insert(
        "accounts_user",
        (
            "id",
            "password",
            "is_superuser",
            "first_name",
            "last_name",
            "is_staff",
            "is_active",
            "date_joined",
            "email",
        ),
        (
            (pk, "!", False, "Learner", str(pk), False, True, joined, f"l{pk}@{HOST}")
            for pk in users
        ),
    )
    heavy = cat.countries[:40]  # most learners come from a few dozen countries
    places = [rng.choice(heavy) if rng.random() < 0.8 else rng.choice(cat.countries) for _ in users]
    genders = weighted(rng, GENDERS, learners)
    updated = writer.when(now)
    writer.insert(
        "enrollment_learnerprofile",
        (
            "user_id",
            "country",
            "gender",
            "organisation",
            "sector",
            "year_of_birth",
            "preferred_language",
            "counted_in_statistics",
            "updated_at",
        ),
        (
            (
                pk,
                places[i],
                genders[i],
                "",
                "",
                1960 + pk % 40,
                LANGUAGES[pk % 6],
                pk % 25 != 0,
                updated,
            )
            for i, pk in enumerate(users)
        ),
    )
    # Sessions through the ORM: a few thousand rows, whose ids the enrollments need.
    count = max(10, enrollments // ENROLLMENTS_PER_SESSION)
    sessions = []
    for _ in range(count):
        year = rng.choice(YEARS)
        starts = datetime(year, 1, 1, 1, tzinfo=UTC) + timedelta(days=rng.randrange(360))
        seminar = rng.random() < SEMINAR_SHARE
        days = 1 if seminar else rng.choice((1, 2, 3, 3, 5))
        abroad = rng.random() < 0.35
        sessions.append(
            TrainingSession(
                course_id=rng.choice(cat.course_ids),
                site_id=cat.site_id,
                kind="seminar" if seminar else "training",
                mode=rng.choice(("online", "in_room", "hybrid")),
                language=rng.choice(LANGUAGES),
                starts_at=starts,
                ends_at=starts + timedelta(days=days - 1, hours=8),
                country=rng.choice(cat.countries) if abroad else HOST_COUNTRY,
                status="cancelled" if rng.random() < 0.02 else "completed",
            )
        )
    sessions = TrainingSession.objects.bulk_create(sessions, batch_size=2_000)
    link = TrainingSession.trainers.through
    link.objects.bulk_create(
        [
            link(trainingsession_id=session.pk, trainer_id=trainer)
            for session in sessions
            for trainer in rng.sample(cat.trainer_ids, 4 if session.kind == "seminar" else 2)
        ],
        batch_size=5_000,
    )
    # Enrollments: each a distinct learner and session; most attended.
    first_enrollment = writer.next_id("enrollment_enrollment")
    plan = []
    seen = set()
    while len(plan) < enrollments:
        user, session = rng.choice(users), rng.randrange(count)
        if (user, session) not in seen:
            seen.add((user, session))
            plan.append((user, session))
    statuses = weighted(rng, STATUSES, enrollments)
    at = [(writer.when(s.starts_at - timedelta(days=20)), writer.when(s.ends_at)) for s in sessions]
    writer.insert(
        "enrollment_enrollment",
        ("id", "user_id", "session_id", "status", "created_at", "status_changed_at", "reason"),
        (
            (first_enrollment + i, user, sessions[s].pk, statuses[i], *at[s], "")
            for i, (user, s) in enumerate(plan)
        ),
    )
    days = [
        [
            writer.day((s.starts_at + timedelta(days=d)).date())
            for d in range((s.ends_at - s.starts_at).days + 1)
        ]
        for s in sessions
    ]
    # One attended enrollment in seven came on the first day only.
    attended = [i for i, status in enumerate(statuses) if status in ("completed", "confirmed")]
    writer.insert(
        "enrollment_attendance",
        ("enrollment_id", "day", "source", "recorded_at"),
        (
            (first_enrollment + i, day, "online", at[plan[i][1]][1])
            for i in attended
            for day in (days[plan[i][1]] if i % 7 else days[plan[i][1]][:1])
        ),
    )
    # Survey responses: among attended training enrollments, mostly anonymous.
    trained = [i for i in attended if sessions[plan[i][1]].kind == "training"]
    answered = rng.sample(trained, min(len(trained), responses))
    ratings = weighted(rng, RATINGS, len(answered))
    writer.insert(
        "surveys_surveyresponse",
        (
            "id",
            "session_id",
            "template_id",
            "enrollment_id",
            "language",
            "submitted_at",
            "overall_rating",
            "answers",
        ),
        (
            (
                writer.key(uuid.UUID(int=rng.getrandbits(128), version=4)),
                sessions[plan[i][1]].pk,
                cat.template_id,
                first_enrollment + i if n % 10 == 0 else None,
                "en",
                at[plan[i][1]][1] if n % 10 == 0 else None,
                ratings[n],
                "{}",
            )
            for n, i in enumerate(answered)
        ),
    )
    # Certificates: the completed training enrollments; one in a thousand revoked.
    completed = [i for i in trained if statuses[i] == "completed"]
    writer.insert(
        "certificates_certificate",
        CERTIFICATE_COLUMNS,
        (
            (
                first_enrollment + i,
                uuid.UUID(int=rng.getrandbits(128)).hex,
                "Learner",
                "en",
                "Course",
                days[plan[i][1]][0],
                days[plan[i][1]][-1],
                21,
                "Trainer",
                "Bench",
                f"http://{HOST}",
                at[plan[i][1]][1],
                "",
                *((at[plan[i][1]][1], "holder_request", "") if n % 1000 == 999 else (None, "", "")),
            )
            for n, i in enumerate(completed)
        ),
    )
    # Seminars: an ended live room each, its learners and visitors connected.
    seminars = [s for s in sessions if s.kind == "seminar"]
    writer.insert(
        "live_room",
        (
            "session_id",
            "state",
            "video_url",
            "low_data_url",
            "premoderation",
            "open_to_all",
            "last_seq",
        ),
        ((s.pk, "ended", "", "", False, True, 0) for s in seminars),
    )
    index = {s.pk: n for n, s in enumerate(sessions)}
    online = {}
    for i in attended:
        user, s = plan[i]
        if sessions[s].kind == "seminar":
            online.setdefault(sessions[s].pk, set()).add(user)
    for seminar in seminars:
        online.setdefault(seminar.pk, set()).update(rng.sample(users, SEMINAR_VISITORS))
    writer.insert(
        "live_onlinepresence",
        ("room_id", "user_id", "day", "seconds", "attendance_recorded"),
        (
            (pk, user, days[index[pk]][0], 3_600, True)
            for pk, people in online.items()
            for user in people
        ),
    )
    return len(sessions)


def build(writer: Writer, rng, cat: Catalog, enrollments: int, responses: int) -> None:
    from django.db import transaction

    from accounts.models import User
    from enrollment.models import Enrollment

    started = time.monotonic()
    rows = writer.rows
    writer.timings.clear()
    writer.bulk_mode(True)
    with transaction.atomic(), writer.indexes_rebuilt(BULK_TABLES):
        sessions = generate(writer, rng, cat, enrollments, responses)
    writer.bulk_mode(False)
    writer.finish([User, Enrollment])
    print(
        f"  +{enrollments:,} enrollments, {responses:,} responses, {sessions:,} sessions: "
        f"{writer.rows - rows:,} rows in {time.monotonic() - started:.1f} s "
        f"(including ANALYZE); by table:",
        flush=True,
    )
    for table, (count, seconds) in writer.timings.items():
        unit = "indexes" if table.startswith("(") else "rows"
        print(f"    {table}: {count:,} {unit} in {seconds:.1f} s", flush=True)


# --- the reports and their hand-written SQL -----------------------------------------------


class HandSQL:
    """The same figures as reporting.selectors, as one would write them by hand."""

    def __init__(self, now: datetime):
        from django.db import connection

        from courses.models import TrainingSession

        self.connection = connection
        self.postgres = connection.vendor == "postgresql"
        self.trainers_table = TrainingSession.trainers.through._meta.db_table
        adapt = connection.ops.adapt_datetimefield_value
        start = datetime(2015, 1, 1, tzinfo=UTC)
        end = datetime(2022, 1, 1, tzinfo=UTC)
        self.window = [adapt(now), adapt(start), adapt(end)]
        self.now = adapt(now)
        if self.postgres:
            self.year = "EXTRACT(YEAR FROM s.starts_at AT TIME ZONE 'UTC')::integer"
        else:
            self.year = "CAST(strftime('%%Y', s.starts_at) AS INTEGER)"

    HELD = (
        "s.status <> 'cancelled' AND s.starts_at <= %s AND s.starts_at >= %s AND s.starts_at < %s"
    )
    THEME = "SUBSTR(p.path, 1, (p.depth - 1) * 4)"
    ATTENDED = "EXISTS (SELECT 1 FROM enrollment_attendance a WHERE a.enrollment_id = e.id)"

    def held_ids(self, kind: str, extra: str = "") -> tuple[str, list]:
        sql = f"SELECT s.id FROM courses_trainingsession s WHERE {self.HELD} AND s.kind = %s"
        return sql + extra, [*self.window, kind]

    def rows(self, sql: str, params: list) -> list[tuple]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def participations(self, kind: str = "training") -> tuple[str, list]:
        held, params = self.held_ids(kind)
        return f"e.session_id IN ({held}) AND {self.ATTENDED}", params

    def headline(self) -> dict:
        from courses.regions import region_of

        sessions = self.rows(
            "SELECT s.kind, COUNT(*), SUM(CASE WHEN s.country = %s THEN 1 ELSE 0 END) "
            f"FROM courses_trainingsession s WHERE {self.HELD} GROUP BY s.kind",
            [HOST_COUNTRY, *self.window],
        )
        by_kind = {kind: (count, home) for kind, count, home in sessions}
        held, params = self.held_ids("training")
        themes = self.rows(
            f"SELECT COUNT(DISTINCT {self.THEME}) FROM courses_trainingsession s "
            f"JOIN wagtailcore_page p ON p.id = s.course_id WHERE s.id IN ({held})",
            params,
        )[0][0]
        took_part, params = self.participations()
        participations, participants = self.rows(
            "SELECT COUNT(*), COUNT(DISTINCT e.user_id) FROM enrollment_enrollment e "
            f"WHERE {took_part}",
            params,
        )[0]
        people = self.rows(
            "SELECT lp.gender, lp.country, COUNT(DISTINCT e.user_id) FROM enrollment_enrollment e "
            "JOIN enrollment_learnerprofile lp ON lp.user_id = e.user_id "
            f"WHERE {took_part} AND lp.counted_in_statistics GROUP BY lp.gender, lp.country",
            params,
        )
        stated = sum(n for gender, _country, n in people if gender != "unstated")
        women = sum(n for gender, _country, n in people if gender == "woman")
        countries = {country for _gender, country, _n in people if country}
        responses, rated, satisfied = self.rows(
            "SELECT COUNT(*), COUNT(r.overall_rating), "
            "SUM(CASE WHEN r.overall_rating IN (4, 5) THEN 1 ELSE 0 END) "
            f"FROM surveys_surveyresponse r WHERE r.session_id IN ({held})",
            params,
        )[0]
        ended, ended_params = self.held_ids("training", " AND s.ends_at <= %s")
        seated, completed = self.rows(
            "SELECT COUNT(*), SUM(CASE WHEN e.status = 'completed' THEN 1 ELSE 0 END) "
            f"FROM enrollment_enrollment e WHERE e.session_id IN ({ended}) "
            "AND e.status IN ('confirmed', 'completed', 'no_show')",
            [*ended_params, self.now],
        )[0]
        certificates = self.rows(
            "SELECT COUNT(*) FROM certificates_certificate c "
            "JOIN enrollment_enrollment e ON e.id = c.enrollment_id "
            f"WHERE c.revoked_at IS NULL AND e.session_id IN ({held})",
            params,
        )[0][0]
        seminars, seminar_params = self.held_ids("seminar")
        experts = self.rows(
            f"SELECT COUNT(DISTINCT t.translation_key) FROM {self.trainers_table} st "
            "JOIN courses_trainer t ON t.id = st.trainer_id "
            f"WHERE st.trainingsession_id IN ({seminars})",
            seminar_params,
        )[0][0]
        present, present_params = self.participations("seminar")
        audience = self.rows(
            "SELECT COUNT(*) FROM (SELECT o.user_id FROM live_onlinepresence o "
            f"WHERE o.room_id IN ({seminars}) UNION "
            f"SELECT e.user_id FROM enrollment_enrollment e WHERE {present}) people",
            [*seminar_params, *present_params],
        )[0][0]
        return {
            "trainings": by_kind.get("training", (0, 0))[0],
            "seminars": by_kind.get("seminar", (0, 0))[0],
            "in host country": by_kind.get("training", (0, 0))[1],
            "themes": themes,
            "participations": participations,
            "participants": participants,
            "countries": len(countries),
            "regions": len({region_of(code) for code in countries} - {None}),
            "women %": percent(women, stated),
            "responses": responses,
            "satisfaction %": percent(satisfied or 0, rated),
            "completion %": percent(completed or 0, seated),
            "certificates": certificates,
            "experts": experts,
            "audience": audience,
        }

    def by_year(self) -> list[tuple]:
        sessions = self.rows(
            f"SELECT {self.year}, s.kind, COUNT(*) FROM courses_trainingsession s "
            f"WHERE {self.HELD} GROUP BY 1, 2",
            self.window,
        )
        took_part, params = self.participations()
        people = self.rows(
            f"SELECT {self.year}, COUNT(DISTINCT e.user_id), COUNT(*) "
            "FROM enrollment_enrollment e JOIN courses_trainingsession s ON s.id = e.session_id "
            f"WHERE {took_part} GROUP BY 1",
            params,
        )
        years = {}
        for year, kind, count in sessions:
            years.setdefault(year, [year, 0, 0, 0, 0])[1 if kind == "training" else 2] = count
        for year, participants, participations in people:
            years.setdefault(year, [year, 0, 0, 0, 0])[3:] = [participants, participations]
        return [tuple(years[year]) for year in sorted(years)]

    def by_theme(self) -> list[tuple]:
        held, params = self.held_ids("training")
        trainings = self.rows(
            f"SELECT {self.THEME}, COUNT(*) FROM courses_trainingsession s "
            f"JOIN wagtailcore_page p ON p.id = s.course_id WHERE s.id IN ({held}) GROUP BY 1",
            params,
        )
        took_part, params = self.participations()
        taken = dict(
            self.rows(
                f"SELECT {self.THEME}, COUNT(*) FROM enrollment_enrollment e "
                "JOIN courses_trainingsession s ON s.id = e.session_id "
                f"JOIN wagtailcore_page p ON p.id = s.course_id WHERE {took_part} GROUP BY 1",
                params,
            )
        )
        answers = {
            path: (responses, satisfied)
            for path, responses, satisfied in self.rows(
                f"SELECT {self.THEME}, COUNT(*), "
                "SUM(CASE WHEN r.overall_rating IN (4, 5) THEN 1 ELSE 0 END) "
                "FROM surveys_surveyresponse r "
                "JOIN courses_trainingsession s ON s.id = r.session_id "
                "JOIN wagtailcore_page p ON p.id = s.course_id "
                f"WHERE r.session_id IN ({held}) GROUP BY 1",
                params,
            )
        }
        paths = [path for path, _count in trainings]
        marks = ", ".join(["%s"] * len(paths))
        titles = dict(
            self.rows(f"SELECT path, title FROM wagtailcore_page WHERE path IN ({marks})", paths)
            if paths
            else []
        )
        return sorted(
            (
                titles[path],
                count,
                taken.get(path, 0),
                answers.get(path, (0, 0))[0],
                answers.get(path, (0, 0))[1] or 0,
            )
            for path, count in trainings
        )

    def per_person(self, column: str) -> list[tuple]:
        took_part, params = self.participations()
        return self.rows(
            f"SELECT lp.{column}, COUNT(DISTINCT e.user_id) FROM enrollment_enrollment e "
            "JOIN enrollment_learnerprofile lp ON lp.user_id = e.user_id "
            f"WHERE {took_part} AND lp.counted_in_statistics GROUP BY lp.{column}",
            params,
        )

    def by_region(self) -> list[tuple]:
        from courses.regions import region_of

        regions = {}
        for country, people in self.per_person("country"):
            region = region_of(country) if country else None
            if region is not None:
                row = regions.setdefault(region, [region, 0, 0])
                row[1] += people
                row[2] += 1
        return sorted(tuple(row) for row in regions.values())

    def gender_split(self) -> list[tuple]:
        return sorted(self.per_person("gender"))


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def ours() -> dict[str, Callable]:
    """Each report through reporting.selectors, reduced to the figures HandSQL gives."""
    from reporting import selectors
    from reporting.filters import parse_filters

    def headline():
        filters = parse_filters(**PERIOD)
        report = selectors.headline(filters, host_country=HOST_COUNTRY)
        return {
            "trainings": report.trainings,
            "seminars": report.seminars,
            "in host country": report.trainings_in_host_country,
            "themes": report.themes,
            "participations": report.participations,
            "participants": report.participants,
            "countries": report.countries,
            "regions": report.regions,
            "women %": report.women_percent,
            "responses": report.responses,
            "satisfaction %": report.satisfaction_percent,
            "completion %": report.completion_percent,
            "certificates": report.certificates,
            "experts": report.experts,
            "audience": report.audience,
        }

    def by_year():
        rows = selectors.by_year(parse_filters(**PERIOD))
        return [(r.year, r.trainings, r.seminars, r.participants, r.participations) for r in rows]

    def by_theme():
        rows = selectors.by_theme(parse_filters(**PERIOD), "en")
        return sorted(
            (r.title, r.trainings, r.participations, r.responses, r.satisfied) for r in rows
        )

    def by_region():
        rows = selectors.by_region(parse_filters(**PERIOD))
        return sorted((r.key, r.participants, r.countries) for r in rows)

    def gender_split():
        rows = selectors.gender_split(parse_filters(**PERIOD))
        return sorted((r.gender, r.participants) for r in rows if r.participants)

    return {
        "headline": headline,
        "by_year": by_year,
        "by_theme": by_theme,
        "by_region": by_region,
        "gender_split": gender_split,
    }


@dataclass
class Measure:
    report: str
    queries: int
    hand_queries: int
    ours_ms: float
    hand_ms: float
    same: bool
    difference: str = ""

    @property
    def ratio(self) -> float:
        return self.ours_ms / self.hand_ms


def measure_reports(repeat: int) -> list[Measure]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    hand = HandSQL(timezone.now())
    measures = []
    for name, selector in ours().items():
        by_hand = getattr(hand, name)
        with CaptureQueriesContext(connection) as captured:
            mine = selector()
        queries = len(captured)
        with CaptureQueriesContext(connection) as captured:
            theirs = by_hand()
        hand_queries = len(captured)
        timings = {"ours": [], "hand": []}
        for _ in range(repeat):  # in alternation: the machine's load weighs on both
            for label, call in (("ours", selector), ("hand", by_hand)):
                started = time.perf_counter()
                call()
                timings[label].append((time.perf_counter() - started) * 1000)
        difference = "" if mine == theirs else f"ours {mine!r} / hand {theirs!r}"
        measures.append(
            Measure(
                name,
                queries,
                hand_queries,
                statistics.median(timings["ours"]),
                statistics.median(timings["hand"]),
                mine == theirs,
                difference,
            )
        )
        print(f"    {name}: {measures[-1].ours_ms:,.0f} ms", flush=True)
    return measures


@dataclass
class Export:
    rows: int
    megabytes: float
    seconds: float
    queries: int
    traced_peak_kb: float
    rss_growth_mb: float
    listed_peak_kb: float


def measure_export() -> Export:
    """The per-session CSV streamed to nowhere, as a response would send it; then its
    rows gathered in one list, for comparison."""
    import psutil
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cms.exporting import csv_lines
    from reporting.exports import session_headers, session_rows
    from reporting.filters import parse_filters

    filters = parse_filters(**PERIOD)
    process = psutil.Process()
    rss_before = rss_peak = process.memory_info().rss
    rows = size = 0
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        for line in csv_lines(session_headers(), session_rows(filters, language="en")):
            rows += 1
            size += len(line.encode())
            if rows % 500 == 0:
                rss_peak = max(rss_peak, process.memory_info().rss)
    seconds = time.perf_counter() - started
    rss_peak = max(rss_peak, process.memory_info().rss)
    tracemalloc.start()
    for _line in csv_lines(session_headers(), session_rows(filters, language="en")):
        pass
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.reset_peak()
    gathered = list(session_rows(filters, language="en"))
    listed_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del gathered
    return Export(
        rows - 1,
        size / 1e6,
        seconds,
        len(captured),
        traced_peak / 1024,
        (rss_peak - rss_before) / 1e6,
        listed_peak / 1024,
    )


# --- the report ---------------------------------------------------------------------------


def table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in (headers, *rows)) for i in range(len(headers))]

    def line(cells):
        first = cells[0].ljust(widths[0])
        rest = [cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest])

    print(line(headers))
    print(line(tuple("-" * width for width in widths)))
    for row in rows:
        print(line(row))


def database_size() -> float:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
        else:
            cursor.execute(
                "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"
            )
        return cursor.fetchone()[0] / 1e6


def report(label: str, steps: list, generation: float) -> None:
    import django

    print()
    print(f"Python {platform.python_version()}, Django {django.get_version()}; {label}")
    print(f"Machine: {platform.machine()}, nproc {os.cpu_count()}, {platform.platform()}")
    print(f"Load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print(f"Data generated in {generation:.1f} s in all; reports on {PERIOD} (seven of ten years)")
    for size, responses, megabytes, measures, export in steps:
        print()
        print(f"{size:,} enrollments, {responses:,} survey responses ({megabytes:,.0f} MB)")
        table(
            ("report", "queries", "ours ms", "hand SQL ms", "hand queries", "ours/hand", "same"),
            [
                (
                    m.report,
                    str(m.queries),
                    f"{m.ours_ms:,.0f}",
                    f"{m.hand_ms:,.0f}",
                    str(m.hand_queries),
                    f"{m.ratio:.2f}",
                    "yes" if m.same else "NO",
                )
                for m in measures
            ],
        )
        print(
            f"CSV per session (streamed): {export.rows:,} rows, {export.megabytes:.1f} MB in "
            f"{export.seconds:.1f} s, {export.queries} queries; peak {export.traced_peak_kb:,.0f}"
            f" KB traced, RSS +{export.rss_growth_mb:.1f} MB (the rows in one list: "
            f"{export.listed_peak_kb:,.0f} KB traced)"
        )


def problems(steps: list) -> list[str]:
    notes = []
    counts = {}
    for size, _responses, _mb, measures, _export in steps:
        for m in measures:
            counts.setdefault(m.report, set()).add(m.queries)
            if not m.same:
                notes.append(f"{m.report} at {size:,}: the figures differ: {m.difference}")
            if m.ratio > 1.5:
                notes.append(f"{m.report} at {size:,}: {m.ratio:.2f} × the hand SQL (target 1.5)")
    for name, found in counts.items():
        if len(found) > 1:
            notes.append(f"{name}: the number of queries changes with the size: {sorted(found)}")
    return notes


def run(args, workdir: Path) -> int:
    import logging

    database = Database(workdir)
    print(f"Preparing a temporary platform on {database.label} ...", flush=True)
    steps = []
    generation = 0.0
    try:
        setup_django(database, workdir)
        logging.getLogger("django.request").setLevel(logging.ERROR)
        writer = Writer()
        rng = random.Random(SEED)
        cat = catalog()
        first_responses = args.responses * args.first // args.enrollments
        plan = [(args.first, first_responses)]
        if args.enrollments > args.first:
            plan.append((args.enrollments - args.first, args.responses - first_responses))
        size = responses = 0
        for enrollments, answers in plan:
            started = time.monotonic()
            build(writer, rng, cat, enrollments, answers)
            generation += time.monotonic() - started
            size, responses = size + enrollments, responses + answers
            print(f"  measuring the reports at {size:,} enrollments ...", flush=True)
            measures = measure_reports(args.repeat)
            export = measure_export()
            steps.append((size, responses, database_size(), measures, export))
    finally:
        database.drop()
    report(database.label, steps, generation)
    notes = problems(steps)
    for note in notes:
        print(f"Note: {note}")
    return 1 if any("differ" in note or "changes" in note for note in notes) else 0


def main() -> None:
    args = parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="opentraining-report-bench-") as workdir:
        status = run(args, Path(workdir))
    print(f"Total wall time: {time.monotonic() - started:.1f} s")
    sys.exit(status)


if __name__ == "__main__":
    main()
