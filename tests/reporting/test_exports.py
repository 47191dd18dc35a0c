"""The report as files, on the small centre: the dashboard's tables as CSV and XLSX, one row
per session streamed in chunks, all read back."""

import csv
import inspect
import io
from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from accounts.factories import AdministratorFactory
from courses.models import SessionKind
from reporting import exports
from reporting.filters import ReportFilters, parse_filters
from tests.reporting.factories import held, learner, took_part

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, centre):
    client.force_login(AdministratorFactory())
    return client


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))


def workbook(response):
    return load_workbook(io.BytesIO(body(response)), read_only=True)


def test_figures_csv_is_streamed_one_figure_per_row(admin_client):
    response = admin_client.get("/admin/reports/report.csv?year=2021")
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="report-2021-01-01-2021-12-31.csv"' in response["Content-Disposition"]
    content = body(response)
    assert content.startswith("\ufeff".encode())  # spreadsheets read Arabic right
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == ["table", "key", "label", "figure", "value"]
    assert ["headline", "", "Training sessions", "trainings", "2"] in rows
    assert [
        "headline",
        "",
        "Training sessions in the host country",
        "trainings_in_host_country",
        "1",
    ] in rows
    assert ["by_year", "2021", "2021", "participants", "4"] in rows
    assert ["by_theme", "health", "Health", "satisfaction_percent", "50.0"] in rows
    assert ["gender", "unstated", "Prefer not to say", "participants", "1"] in rows
    assert ["by_mode", "hybrid", "Hybrid", "trainings", "1"] in rows


def test_figures_xlsx_has_a_sheet_per_table(admin_client):
    response = admin_client.get("/admin/reports/report.xlsx")
    assert response["Content-Type"] == exports.XLSX_TYPE
    assert 'filename="report-all.xlsx"' in response["Content-Disposition"]
    book = workbook(response)
    assert book.sheetnames == [
        "Headline figures",
        "By year",
        "By theme",
        "By world region",
        "By country",
        "Gender",
        "By mode",
    ]
    headline = {row[0]: row[1] for row in book["Headline figures"].iter_rows(values_only=True)}
    assert headline["Figure"] == "Value"
    assert headline["Training sessions"] == 4
    assert headline["Women (%)"] == 50.0
    assert headline["Satisfaction (%)"] == 60.0
    assert headline["Seminar audience"] == 4
    years = list(book["By year"].iter_rows(values_only=True))
    assert years == [
        ("Year", "Training sessions", "Seminars", "Participants", "Participations"),
        ("2019", 1, 0, 2, 2),
        ("2020", 1, 1, 1, 1),
        ("2021", 2, 1, 4, 4),
    ]
    themes = list(book["By theme"].iter_rows(values_only=True))
    assert themes[1:] == [("Health", 2, 4, 3, 50.0), ("Water", 2, 3, 3, 66.7)]


def test_a_percentage_that_cannot_be_computed_is_an_empty_cell(centre):
    report = exports.build_report(parse_filters(country="KE"), language="en")
    destination = io.BytesIO()
    exports.report_workbook(report, destination)
    book = load_workbook(destination, read_only=True)
    headline = {row[0]: row[1:] for row in book["Headline figures"].iter_rows(values_only=True)}
    assert headline["Satisfaction (%)"] in ((), (None,))  # read-only mode drops empty cells
    assert headline["Participants"] == (1,)


def session_table(response) -> tuple[dict[str, list[str]], list[str]]:
    rows = csv_rows(response)
    return {row[3] + " " + row[1]: row for row in rows[1:]}, rows[0]


def test_sessions_csv_one_row_per_held_session(admin_client, centre):
    """Trainings and seminars held, with their counts; cancelled and future ones absent."""
    response = admin_client.get("/admin/reports/sessions.csv")
    assert response.streaming
    assert 'filename="sessions-all.csv"' in response["Content-Disposition"]
    sessions, header = session_table(response)
    assert header == [
        "Session",
        "Starts",
        "Ends",
        "Course",
        "Theme",
        "Kind",
        "Mode",
        "Country",
        "City",
        "Platform",
        "Participations",
        "Survey responses",
        "Satisfaction (%)",
        "Certificates issued",
    ]
    assert sorted(sessions) == [
        "Epidemics 2021-09-20",
        "Epidemics 2021-11-05",
        "Flood early warning 2019-03-10",
        "Safe wells 2020-06-15",
        "Water forum 2020-05-05",
        "Water forum 2021-05-05",
    ]
    s1 = sessions["Flood early warning 2019-03-10"]
    assert s1[4:11] == ["Water", "Training", "In the room", "CN", "Nairobi", "testserver", "2"]
    assert s1[11:] == ["2", "100.0", "1"]
    s4 = sessions["Epidemics 2021-11-05"]
    assert s4[9:] == ["health.example.org", "2", "1", "0.0", "0"]  # Gus's is revoked
    dana_s3 = sessions["Epidemics 2021-09-20"]
    assert dana_s3[10:] == ["2", "2", "100.0", "1"]  # Dana's response has no rating
    seminar = sessions["Water forum 2020-05-05"]
    assert seminar[5:7] == ["Seminar", "Online"]
    assert seminar[10] == "1"  # Kim, marked present


def test_sessions_by_learner_country_leave_responses_blank(admin_client):
    sessions, _header = session_table(admin_client.get("/admin/reports/sessions.csv?country=KE"))
    # Amina (Kenya) also joined both seminars' live rooms: they count for Kenya too.
    assert sorted(sessions) == [
        "Flood early warning 2019-03-10",
        "Safe wells 2020-06-15",
        "Water forum 2020-05-05",
        "Water forum 2021-05-05",
    ]
    assert sessions["Flood early warning 2019-03-10"][10:] == ["1", "", "", "1"]


def test_sessions_xlsx(admin_client):
    response = admin_client.get("/admin/reports/sessions.xlsx?year=2019")
    assert 'filename="sessions-2019-01-01-2019-12-31.xlsx"' in response["Content-Disposition"]
    rows = list(workbook(response)["Sessions"].iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][3:7] == ("Flood early warning", "Water", "Training", "In the room")
    assert rows[1][10:] == (2, 2, 100.0, 1)


def test_sessions_in_arabic_name_themes_in_arabic(centre):
    rows = list(exports.session_rows(parse_filters(year="2019"), language="ar"))
    assert rows[0][4] == "المياه"


def test_a_title_is_never_run_as_a_formula(admin_client, centre):
    """Spreadsheet programs would run a cell starting with '=': both files hold it as text."""
    course = centre.courses["floods"]
    course.title = '=HYPERLINK("http://evil.example")'
    course.save()
    rows = csv_rows(admin_client.get("/admin/reports/sessions.csv?year=2019"))
    assert rows[1][3] == '\'=HYPERLINK("http://evil.example")'
    book = load_workbook(
        io.BytesIO(body(admin_client.get("/admin/reports/sessions.xlsx?year=2019")))
    )
    cell = book["Sessions"].cell(row=2, column=4)
    assert (cell.value, cell.data_type) == ('\'=HYPERLINK("http://evil.example")', "s")


def test_sessions_stream_in_chunks_with_a_fixed_number_of_queries(centre, monkeypatch):
    """Rows come from a generator reading the database in chunks: more sessions, the
    same queries, and every session however small the chunk."""
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
    rows = exports.session_rows(ReportFilters(), language="en")
    assert inspect.isgenerator(rows)
    with CaptureQueriesContext(connection) as before:
        assert len(list(rows)) == 6
    for year in (2015, 2016, 2017):
        session = held(centre.courses["forum"], year=year, kind=SessionKind.SEMINAR)
        took_part(session, learner())
    with CaptureQueriesContext(connection) as after:
        assert len(list(exports.session_rows(ReportFilters(), language="en"))) == 9
    assert len(after) == len(before)


def test_trainer_scope_in_the_sessions_file(centre):
    filters = replace(ReportFilters(), trainer_user_id=centre.trainer.pk)
    rows = list(exports.session_rows(filters, language="en"))
    assert [row[1] for row in rows] == ["2019-03-10", "2021-09-20"]  # s3 once, not twice


def test_filenames():
    assert exports.filename(ReportFilters(), "csv") == "report-all.csv"
    assert (
        exports.filename(parse_filters(start="2015-01-01"), "xlsx", stem="sessions")
        == "sessions-2015-01-01.xlsx"
    )
