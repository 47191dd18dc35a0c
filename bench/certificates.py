"""Benchmark of certificates: PDF generation per certificate for Latin, Arabic, Chinese and
Russian names, the cached PDF, and the public verification page.

It builds a throw-away platform in a temporary SQLite database (one course, one ended
session, --count learners per script, each with a certificate in the script's language,
its name confirmed), then, inside one Django process:

* PDF: renders each certificate once, uncached (`certificates.pdf.render_pdf`: fonts, Arabic
  shaping, QR code, the page), and prints the median and p99 milliseconds per certificate
  (wall clock), the median CPU time of the thread and the median size; then the cached path
  (`certificates.pdf.certificate_pdf`, a cache hit), and the learner's download view with its
  SQL queries. The first PDF of the process, which registers the fonts, is reported apart.
* Baseline, measured in the same run: a bare reportlab canvas with one Latin string in a
  built-in font, the least any PDF costs here. The ratio is a script's median CPU time
  divided by the baseline's: steadier than milliseconds from one machine to another.
  Measurements go round by round (the baseline, then one certificate of each script), so
  that other work on the machine weighs on every column alike.
* Verification: the public page (valid in English and Arabic, revoked, unknown code) and
  its JSON through django.test.Client: status, SQL queries of a warm request, median of
  --repeat requests.

Run from the project root:  .venv/bin/python bench/certificates.py [--count 200] [--repeat 200]
"""

from __future__ import annotations

import argparse
import io
import math
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_MODULE = "config.settings.dev"
HOST = "certificates-bench.localhost"

# Names of each script, in the certificate's language; the course title in that language.
SCRIPTS = {
    "Latin": (
        "en",
        "Introduction to Big Data",
        [
            "Amina Odhiambo",
            "José María Fernández Quispe",
            "Nguyễn Thị Lan",
            "Zoë Müller-Łukasiewicz",
            "Kwame Mensah",
        ],
    ),
    "Arabic": (
        "ar",
        "مقدمة في البيانات الضخمة",
        ["فاطمة الزهراء بنعلي", "محمد عبد الرحمن الحسيني", "ليلى حسن", "أحمد حسان"],
    ),
    "Chinese": ("zh-hans", "大数据导论", ["王芳", "欧阳建国", "李伟", "张敏"]),
    "Russian": (
        "ru",
        "Введение в большие данные",
        ["Ольга Иванова", "Айгерим Сейткали", "Дмитрий Сергеевич Кузнецов"],
    ),
}
BASELINE_TEXT = "Amina Odhiambo"


@dataclass
class Timing:
    label: str
    ms: list[float] = field(default_factory=list)  # wall clock
    cpu_ms: list[float] = field(default_factory=list)  # this thread's CPU time
    sizes: list[int] = field(default_factory=list)

    def add(self, call) -> None:
        wall, cpu = time.perf_counter(), time.thread_time()
        content = call()
        self.cpu_ms.append((time.thread_time() - cpu) * 1000)
        self.ms.append((time.perf_counter() - wall) * 1000)
        self.sizes.append(len(content))

    @property
    def median(self) -> float:
        return statistics.median(self.ms)

    @property
    def p99(self) -> float:
        return percentile(self.ms, 99)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu_ms)


@dataclass
class Page:
    label: str
    status: int
    queries: int
    median: float
    p99: float


def percentile(values: list[float], rank: float) -> float:
    """Nearest-rank percentile: the smallest value with `rank`% of the values at or below."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(rank / 100 * len(ordered)) - 1)]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200, help="certificates per script (200)")
    parser.add_argument("--repeat", type=int, default=200, help="requests per page (200)")
    args = parser.parse_args()
    if not 1 <= args.count <= 5_000:
        parser.error("--count must be between 1 and 5000")
    if not 1 <= args.repeat <= 10_000:
        parser.error("--repeat must be between 1 and 10000")
    return args


def setup_django(workdir: Path) -> None:
    # Always a throw-away SQLite file: the benchmark adds users and certificates.
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.update(
        {
            "DJANGO_ENV": "dev",
            "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
            "DEBUG": "false",
            "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": str(workdir / "static"),
            "ALLOWED_HOSTS": f"{HOST},localhost,127.0.0.1",
        }
    )
    (workdir / "static").mkdir(exist_ok=True)
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    print(f"  migrate: {time.monotonic() - started:.1f} s", flush=True)


# --- the platform -------------------------------------------------------------------------


def build(count: int) -> dict[str, list]:
    """One course and one ended session; `count` learners per script, each holding a
    certificate in the script's language with the name confirmed."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page, Site

    from accounts.models import User
    from certificates.models import Certificate
    from certificates.services import new_code
    from cms.models import HomePage
    from courses.models import CoursePage, SessionStatus, ThemePage, TrainingSession
    from enrollment.models import Enrollment, EnrollmentStatus

    now = timezone.now()
    with transaction.atomic():
        english = Locale.objects.get_or_create(language_code="en")[0]
        home = Page.get_first_root_node().add_child(
            instance=HomePage(title="Certificates bench", slug="certificates-bench", locale=english)
        )
        site = Site.objects.create(
            hostname=HOST, port=80, root_page=home, site_name="Open Training Platform"
        )
        theme = home.add_child(instance=ThemePage(title="Big data", slug="big-data"))
        course = theme.add_child(
            instance=CoursePage(title="Introduction to Big Data", slug="intro", duration_hours=21)
        )
        session = TrainingSession.objects.create(
            course=course,
            site=site,
            mode="online",
            language="en",
            starts_at=now - timedelta(days=4),
            ends_at=now - timedelta(days=2),
            timezone="Asia/Shanghai",
            status=SessionStatus.COMPLETED,
        )
        password = make_password(None)
        plan = {
            f"{script.lower()}{number}@{HOST}": (script, number)
            for script in SCRIPTS
            for number in range(count)
        }
        User.objects.bulk_create(
            [User(email=email, password=password) for email in plan], batch_size=2_000
        )
        users = list(User.objects.filter(email__endswith=f"@{HOST}").order_by("pk"))
        Enrollment.objects.bulk_create(
            [
                Enrollment(user=user, session=session, status=EnrollmentStatus.COMPLETED)
                for user in users
            ],
            batch_size=2_000,
        )
        enrollments = {
            e.user_id: e for e in Enrollment.objects.filter(session=session).select_related("user")
        }
        certificates = []
        for user in users:
            script, number = plan[user.email]
            language, title, names = SCRIPTS[script]
            certificates.append(
                Certificate(
                    enrollment=enrollments[user.pk],
                    code=new_code(),
                    printed_name=names[number % len(names)],
                    name_confirmed_at=now,
                    language=language,
                    course_title=title,
                    starts_on=(now - timedelta(days=4)).date(),
                    ends_on=(now - timedelta(days=2)).date(),
                    hours=21,
                    trainer_names="Li Wei, Priya Raman",
                    issuer_name=site.site_name,
                    issuer_url=f"http://{HOST}",
                    issued_at=now,
                )
            )
        Certificate.objects.bulk_create(certificates, batch_size=2_000)
    by_script: dict[str, list] = {script: [] for script in SCRIPTS}
    for certificate in Certificate.objects.select_related("enrollment__user").order_by("pk"):
        by_script[plan[certificate.enrollment.user.email][0]].append(certificate)
    return by_script


# --- measuring ----------------------------------------------------------------------------


def bare_canvas() -> bytes:
    """The least a PDF costs: one page, one Latin string in a built-in font."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=landscape(A4), invariant=1, pageCompression=1)
    canvas.setFont("Helvetica", 30)
    canvas.drawString(100, 300, BASELINE_TEXT)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def first_pdf(certificate) -> float:
    """The process's first certificate: it registers the fonts (read once per process)."""
    from certificates.pdf import render_pdf

    started = time.perf_counter()
    render_pdf(certificate)
    return (time.perf_counter() - started) * 1000


def measure_pdfs(by_script: dict[str, list], count: int) -> tuple[Timing, list, list]:
    """Round after round, the baseline then one certificate of each script, so that whatever
    else the machine does weighs on all of them alike."""
    from certificates.pdf import certificate_pdf, render_pdf

    for _ in range(3):  # warm-up: reportlab's imports and caches
        bare_canvas()
    for certificates in by_script.values():
        render_pdf(certificates[-1])  # warm-up of each script's fonts and glyph runs
    baseline = Timing("bare canvas")
    uncached = {script: Timing(script) for script in by_script}
    for number in range(count):
        baseline.add(bare_canvas)
        for script, certificates in by_script.items():
            uncached[script].add(lambda c=certificates[number]: render_pdf(c))
    # Each one cached just before it is read: the local-memory cache keeps 300 entries.
    cached = {script: Timing(script) for script in by_script}
    for number in range(count):
        for script, certificates in by_script.items():
            certificate_pdf(certificates[number])
            cached[script].add(lambda c=certificates[number]: certificate_pdf(c))
    return baseline, list(uncached.values()), list(cached.values())


def measure_page(client, label: str, path: str, repeat: int) -> Page:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # cold: fills Django's and Wagtail's caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    queries = len(captured)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    return Page(
        label, response.status_code, queries, statistics.median(timings), percentile(timings, 99)
    )


def measure_pages(by_script: dict[str, list], repeat: int) -> list[Page]:
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    from certificates.models import RevocationReason
    from certificates.services import certificate_revoke

    latin = by_script["Latin"][0]
    arabic = by_script["Arabic"][0]
    revoked = certificate_revoke(
        certificate=by_script["Latin"][-1],
        by=None,
        reason=RevocationReason.ISSUED_IN_ERROR,
        note="Benchmark",
    )

    def verify(certificate_code: str, language: str) -> str:
        with translation.override(language):
            return reverse("certificates:verify", kwargs={"code": certificate_code})

    client = Client(HTTP_HOST=HOST)
    pages = [
        measure_page(client, "verify, valid (/en/)", verify(latin.code, "en"), repeat),
        measure_page(client, "verify, valid (/ar/)", verify(arabic.code, "ar"), repeat),
        measure_page(client, "verify, revoked", verify(revoked.code, "en"), repeat),
        measure_page(client, "verify, unknown code", verify("x" * 32, "en"), repeat),
        measure_page(client, "verify, malformed code", verify("not a code!", "en"), repeat),
        measure_page(
            client,
            "verify JSON (/api/)",
            reverse("certificates_api:verify", kwargs={"code": latin.code}),
            repeat,
        ),
    ]
    learner = Client(HTTP_HOST=HOST)
    learner.force_login(arabic.enrollment.user)
    with translation.override("ar"):
        download = reverse("certificates:pdf", kwargs={"enrollment_id": arabic.enrollment_id})
    pages.append(measure_page(learner, "PDF download, cached (/ar/)", download, repeat))
    return pages


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


def report(first_ms: float, baseline: Timing, uncached, cached, pages, count: int) -> None:
    import django
    import reportlab

    print()
    print(
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"reportlab {reportlab.Version}"
    )
    print(f"Machine: {platform.machine()}, nproc {os.cpu_count()}, {platform.platform()}")
    print(f"Load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}; SQLite (temp file)")
    print(f"First PDF of the process (registers the fonts): {first_ms:.0f} ms")
    print()
    print(f"PDF per certificate, {count} certificates each (distinct codes and QR codes)")
    rows = [
        (
            "baseline: bare canvas, 1 Latin string",
            f"{baseline.median:.2f}",
            f"{baseline.p99:.2f}",
            f"{baseline.cpu_median:.2f}",
            "1",
            "",
            "",
            f"{statistics.median(baseline.sizes) / 1024:.1f}",
        )
    ]
    for fresh, hit in zip(uncached, cached, strict=True):
        rows.append(
            (
                fresh.label,
                f"{fresh.median:.1f}",
                f"{fresh.p99:.1f}",
                f"{fresh.cpu_median:.1f}",
                f"{fresh.cpu_median / baseline.cpu_median:.0f}",
                f"{hit.median:.3f}",
                f"{hit.p99:.3f}",
                f"{statistics.median(fresh.sizes) / 1024:.1f}",
            )
        )
    table(
        (
            "script",
            "uncached median ms",
            "p99 ms",
            "CPU median ms",
            "× baseline (CPU)",
            "cached median ms",
            "cached p99 ms",
            "PDF KB",
        ),
        rows,
    )
    print()
    table(
        ("page", "status", "queries", "median ms", "p99 ms"),
        [
            (
                page.label,
                str(page.status),
                str(page.queries),
                f"{page.median:.1f}",
                f"{page.p99:.1f}",
            )
            for page in pages
        ],
    )


def problems(uncached, pages) -> list[str]:
    notes = []
    for timing in uncached:
        if timing.p99 >= 100:
            notes.append(f"{timing.label}: p99 {timing.p99:.0f} ms, not well under 100 ms")
    expected = {
        "verify, valid (/en/)": 200,
        "verify, valid (/ar/)": 200,
        "verify, revoked": 200,
        "verify, unknown code": 404,
        "verify, malformed code": 404,
        "verify JSON (/api/)": 200,
        "PDF download, cached (/ar/)": 200,
    }
    for page in pages:
        if page.status != expected.get(page.label, 200):
            notes.append(f"{page.label}: status {page.status}")
    return notes


def run(args, workdir: Path) -> int:
    import logging

    print(f"Preparing a temporary platform in {workdir} ...", flush=True)
    setup_django(workdir)
    logging.getLogger("django.request").setLevel(logging.ERROR)
    from django.db import connections

    try:
        started = time.monotonic()
        by_script = build(args.count)
        total = sum(len(certificates) for certificates in by_script.values())
        print(f"  {total:,} certificates in {time.monotonic() - started:.1f} s", flush=True)
        first_ms = first_pdf(by_script["Latin"][0])
        started = time.monotonic()
        baseline, uncached, cached = measure_pdfs(by_script, args.count)
        print(f"  PDFs measured in {time.monotonic() - started:.1f} s", flush=True)
        pages = measure_pages(by_script, args.repeat)
    finally:
        connections.close_all()
    report(first_ms, baseline, uncached, cached, pages, args.count)
    notes = problems(uncached, pages)
    for note in notes:
        print(f"Note: {note}")
    return 1 if notes else 0


def main() -> None:
    args = parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="opentraining-certificates-bench-") as workdir:
        status = run(args, Path(workdir))
    print(f"Total wall time: {time.monotonic() - started:.1f} s")
    sys.exit(status)


if __name__ == "__main__":
    main()
