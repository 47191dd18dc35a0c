"""The catalog's admin listings downloaded as CSV and XLSX (Wagtail's list_export written by
the platform's exporter); and no listing that downloads bypasses it."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.urls import get_resolver
from openpyxl import load_workbook
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.base import ViewSet
from wagtail.users.models import UserProfile

from accounts.factories import AdministratorFactory
from cms.exporting import ListingExport
from courses.factories import (
    CoursePageFactory,
    SelfPacedRunFactory,
    ThemePageFactory,
    TrainerSnippetFactory,
    TrainingSessionFactory,
)
from courses.models import SessionMode

pytestmark = pytest.mark.django_db

PAYLOADS = ['=HYPERLINK("http://evil","x")', "+1+1", "@SUM(1)", "-2+3"]


@pytest.fixture
def admin_client(client, home):
    client.force_login(AdministratorFactory())
    return client


def body(response) -> bytes:
    assert response.streaming
    return b"".join(response.streaming_content)


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))


def list_export(viewset) -> list:
    fields = getattr(viewset, "list_export", ViewSet.UNDEFINED)
    if fields is ViewSet.UNDEFINED:
        fields = getattr(getattr(viewset, "index_view_class", None), "list_export", [])
    return fields


def test_every_listing_that_downloads_uses_the_exporter():
    """Wagtail's own writer leaves formulas in a CSV: each exporting listing replaces it."""
    assert get_resolver().url_patterns  # the admin's URLs register every app's viewsets
    exporting = [viewset for viewset in viewsets.viewsets if list_export(viewset)]
    assert {viewset.model.__name__ for viewset in exporting} >= {
        "Certificate",
        "Trainer",
        "TrainingSession",
    }
    for viewset in exporting:
        assert issubclass(viewset.index_view_class, ListingExport), viewset


def test_trainers_csv_and_xlsx(admin_client):
    for payload in PAYLOADS:
        TrainerSnippetFactory(name=payload, organisation=payload, country="KE")
    response = admin_client.get("/admin/snippets/courses/trainer/?export=csv")
    assert response["Content-Disposition"] == 'attachment; filename="trainers.csv"'
    rows = read_csv(response)
    assert rows[0] == ["Name", "Organisation", "Country"]
    assert sorted(rows[1:]) == sorted([f"'{p}", f"'{p}", "Kenya"] for p in PAYLOADS)
    response = admin_client.get("/admin/snippets/courses/trainer/?export=xlsx")
    sheet = load_workbook(io.BytesIO(body(response))).active
    for row in sheet.iter_rows(min_row=2, max_col=2):
        assert {cell.data_type for cell in row} == {"s"}
        assert row[0].value.startswith("'")


def test_sessions_csv_follows_the_filters(admin_client, home):
    theme = ThemePageFactory(parent=home)
    online = TrainingSessionFactory(
        course=CoursePageFactory(parent=theme, title="+1+1"),
        starts_at=datetime(2030, 3, 3, 9, tzinfo=UTC),
        ends_at=datetime(2030, 3, 3, 12, tzinfo=UTC),
        city="@SUM(1)",
    )
    TrainingSessionFactory(
        course=CoursePageFactory(parent=theme, title="In the room"), mode=SessionMode.IN_ROOM
    )
    url = "/admin/snippets/courses/trainingsession/"
    rows = read_csv(admin_client.get(f"{url}?export=csv&mode={SessionMode.ONLINE}"))
    assert rows[0][:4] == ["Course", "Starts at", "Ends at", "Time zone"]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Course"] == "'+1+1"
    assert row["City"] == "'@SUM(1)"
    assert row["Mode"] == str(online.get_mode_display())
    assert row["Starts at"] == "2030-03-03 09:00+00:00"
    response = admin_client.get(f"{url}?export=xlsx&mode={SessionMode.ONLINE}")
    sheet = load_workbook(io.BytesIO(body(response))).active
    assert sheet.max_row == 2
    assert (sheet["A2"].value, sheet["A2"].data_type) == ("'+1+1", "s")
    assert sheet["B2"].value == datetime(2030, 3, 3, 9)


def test_sessions_csv_in_the_administrators_language_and_time_zone(client, home):
    """The rows are read as the file streams, after the view: still in the language and
    time zone the administrator chose, like the headings."""
    administrator = AdministratorFactory()
    UserProfile.objects.update_or_create(
        user=administrator,
        defaults={"preferred_language": "ar", "current_time_zone": "Asia/Tokyo"},
    )
    TrainingSessionFactory(
        course=CoursePageFactory(parent=ThemePageFactory(parent=home), title="Big data"),
        starts_at=datetime(2030, 3, 3, 9, tzinfo=UTC),
        ends_at=datetime(2030, 3, 3, 12, tzinfo=UTC),
    )
    client.force_login(administrator)
    rows = read_csv(client.get("/admin/snippets/courses/trainingsession/?export=csv"))
    assert rows[0][0] == "مقرر"
    row = rows[1]
    assert row[0] == "Big data"
    assert row[1] == "2030-03-03 18:00+09:00"
    assert row[5] == "عبر الإنترنت"


def test_sessions_csv_and_xlsx_leave_the_end_of_an_always_open_run_empty(admin_client, home):
    """An always-open self-paced run has an empty end in the download, not year 2999; a
    self-paced run with a closing date keeps it."""
    theme = ThemePageFactory(parent=home)
    SelfPacedRunFactory(course=CoursePageFactory(parent=theme, title="Always open"))
    SelfPacedRunFactory(
        course=CoursePageFactory(parent=theme, title="Until June"),
        ends_at=datetime(2030, 6, 30, 21, tzinfo=UTC),
    )
    url = f"/admin/snippets/courses/trainingsession/?mode={SessionMode.SELF_PACED}&export="
    rows = read_csv(admin_client.get(url + "csv"))
    ends = {row[0]: row[2] for row in rows[1:]}
    assert ends == {"Always open": "", "Until June": "2030-06-30 21:00+00:00"}
    sheet = load_workbook(io.BytesIO(body(admin_client.get(url + "xlsx")))).active
    ends = {row[0].value: row[2].value for row in sheet.iter_rows(min_row=2)}
    assert ends["Always open"] in ("", None)
    assert ends["Until June"] == datetime(2030, 6, 30, 21)
    assert "2999" not in body(admin_client.get(url + "csv")).decode("utf-8-sig")
