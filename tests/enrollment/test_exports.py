"""Roster exports, parsed back as a spreadsheet program would read them."""

import csv
import io
from datetime import UTC, date, datetime

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from accounts.factories import AdministratorFactory, TrainerFactory, UserFactory
from courses.factories import (
    CoursePageFactory,
    ThemePageFactory,
    TrainerSnippetFactory,
    TrainingSessionFactory,
)
from enrollment.factories import EnrollmentFactory, LearnerProfileFactory
from enrollment.models import AttendanceSource, Enrollment, EnrollmentStatus, Gender, Sector
from enrollment.services import attendance_record

pytestmark = pytest.mark.django_db

HEADERS = [
    "Name",
    "Email",
    "Country",
    "Gender",
    "Organisation",
    "Sector",
    "Status",
    "Requested at",
    "Days attended",
    "Attendance rate",
]


@pytest.fixture
def trainer():
    return TrainerFactory()


@pytest.fixture
def session(home, trainer):
    """Two days in Tokyo: 3 March 09:00 to 4 March 17:00 local time."""
    return TrainingSessionFactory(
        course=CoursePageFactory(parent=ThemePageFactory(parent=home)),
        timezone="Asia/Tokyo",
        starts_at=datetime(2025, 3, 3, 0, tzinfo=UTC),
        ends_at=datetime(2025, 3, 4, 8, tzinfo=UTC),
        trainers=[TrainerSnippetFactory(user=trainer)],
    )


def requested_on(enrollment, *when) -> None:
    Enrollment.objects.filter(pk=enrollment.pk).update(created_at=datetime(*when, tzinfo=UTC))


@pytest.fixture
def enrollments(session):
    """An Arabic-named engineer who came one day of two, a waitlisted learner whose name
    and organisation try formulas, and a cancelled request without a profile."""
    layla = EnrollmentFactory(
        session=session,
        user=UserFactory(first_name="ليلى", last_name="حسن", email="layla@example.org"),
    )
    LearnerProfileFactory(
        user=layla.user,
        country="EG",
        gender=Gender.WOMAN,
        organisation="Cairo University",
        sector=Sector.ACADEMIA,
    )
    attendance_record(enrollment=layla, day=date(2025, 3, 3), source=AttendanceSource.ROSTER)
    waiting = EnrollmentFactory(
        session=session,
        status=EnrollmentStatus.WAITLISTED,
        user=UserFactory(
            first_name='=HYPERLINK("http://evil")', last_name="", email="w@example.org"
        ),
    )
    LearnerProfileFactory(user=waiting.user, country="BR", organisation="+1 Ltd", sector="")
    cancelled = EnrollmentFactory(
        session=session,
        status=EnrollmentStatus.CANCELLED,
        user=UserFactory(first_name="Tom", last_name="Gone", email="tom@example.org"),
    )
    requested_on(layla, 2025, 2, 1, 6, 30)
    requested_on(waiting, 2025, 2, 2)
    requested_on(cancelled, 2025, 2, 3)
    return layla, waiting, cancelled


def read_csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def xlsx_body(response) -> io.BytesIO:
    assert response.streaming  # sent from a temporary file, not held in memory
    return io.BytesIO(b"".join(response.streaming_content))


def read_xlsx(response) -> list[list]:
    sheet = openpyxl.load_workbook(xlsx_body(response)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def export_url(session, extension):
    return reverse(f"enrollment:roster_{extension}", kwargs={"session_id": session.pk})


def test_the_csv_export_lists_every_enrollment(client, session, trainer, enrollments):
    """The CSV opens with the column names and one row per enrollment, in the session's time
    zone, with days attended and the rate; a formula typed by a learner stays text."""
    client.force_login(trainer)
    response = client.get(export_url(session, "csv"))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'attachment; filename="roster-' in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0] == HEADERS
    assert rows[1] == [
        "ليلى حسن",
        "layla@example.org",
        "Egypt",
        "Woman",
        "Cairo University",
        "Academia",
        "Confirmed",
        "2025-02-01 15:30+09:00",
        "1",
        "0.5",
    ]
    assert rows[2][0] == "'=HYPERLINK(\"http://evil\")"
    assert rows[2][4] == "'+1 Ltd"
    assert rows[2][6:] == ["On the waiting list", "2025-02-02 09:00+09:00", "0", "0.0"]
    assert rows[3][:2] == ["Tom Gone", "tom@example.org"]
    assert rows[3][2:6] == ["", "", "", ""]
    assert rows[3][6] == "Cancelled"
    assert len(rows) == 4


def test_the_xlsx_export_reads_back_with_the_same_rows(client, session, trainer, enrollments):
    """The Excel file has the same columns; dates are dates and the rate a number."""
    client.force_login(trainer)
    response = client.get(export_url(session, "xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    workbook = openpyxl.load_workbook(xlsx_body(response))
    sheet = workbook.active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADERS
    assert rows[1][:7] == [
        "ليلى حسن", "layla@example.org", "Egypt", "Woman", "Cairo University", "Academia",
        "Confirmed",
    ]
    assert rows[1][7] == datetime(2025, 2, 1, 15, 30)
    assert rows[1][8:] == [1, 0.5]
    assert rows[2][0] == "'=HYPERLINK(\"http://evil\")"
    assert sheet.cell(row=3, column=1).data_type == "s"  # text, not a formula
    assert len(rows) == 4


def test_the_export_follows_the_reader_language(client, session, trainer, enrollments):
    """Column names, countries and statuses are in the language of the page it came from."""
    client.force_login(trainer)
    with translation.override("fr"):
        response = client.get(export_url(session, "csv"))
        text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert export_url(session, "csv").startswith("/en/")
    first = next(csv.reader(io.StringIO(text)))
    assert len(first) == len(HEADERS)
    assert "Égypte" in text


def test_an_empty_roster_exports_the_header_only(client, session, trainer):
    """No enrollment yet: both files hold the column names and nothing else."""
    client.force_login(trainer)
    assert read_csv(client.get(export_url(session, "csv"))) == [HEADERS]
    assert read_xlsx(client.get(export_url(session, "xlsx"))) == [HEADERS]


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_only_the_sessions_trainers_and_administrators_export(client, session, extension):
    """Another trainer and a learner get a 404; an administrator gets the file; someone
    logged out is sent to log in."""
    other = TrainerFactory()
    TrainingSessionFactory(course=session.course, trainers=[TrainerSnippetFactory(user=other)])
    url = export_url(session, extension)
    assert client.get(url).status_code == 302
    for user in (other, UserFactory()):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(AdministratorFactory())
    assert client.get(url).status_code == 200


def test_the_export_runs_in_a_fixed_number_of_queries(
    client, session, trainer, django_assert_max_num_queries
):
    """Many learners do not mean many queries: the rows come from one annotated query."""
    for _ in range(30):
        enrollment = EnrollmentFactory(session=session)
        LearnerProfileFactory(user=enrollment.user)
    client.force_login(trainer)
    with django_assert_max_num_queries(12):
        rows = read_csv(client.get(export_url(session, "csv")))
    assert len(rows) == 31
