"""How a self-paced run reads: on the course page ("Self-paced · start any time", or open
until its date), without a calendar file; out of the calendar feeds; in the API with no end."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.factories import (
    CatalogPageFactory,
    CoursePageFactory,
    SelfPacedRunFactory,
    ThemePageFactory,
    TrainingSessionFactory,
)
from tests.courses.test_views_catalog import catalog, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(home):
    theme = ThemePageFactory(parent=home, title="Disaster risk reduction", slug="drr")
    return CoursePageFactory(parent=theme, title="Flood early warning", slug="floods")


def test_course_page_shows_an_always_open_run(client, course):
    """The course page says "Self-paced · start any time" with an Enroll button and no
    calendar file."""
    run = SelfPacedRunFactory(course=course)
    html = client.get("/en/drr/floods/").content.decode()
    assert "Self-paced · start any time" in html
    assert "Online, at your own pace" in html
    assert f"/en/learning/sessions/{run.pk}/enroll/" in html or "Enroll" in html
    assert f"/en/sessions/{run.pk}.ics" not in html
    assert "2999" not in html


def test_course_page_shows_a_dated_run_open_until_its_end(client, course):
    """A dated run under way reads "Self-paced · open until <its end date>"."""
    end = timezone.now() + timedelta(days=40)
    SelfPacedRunFactory(course=course, ends_at=end)
    html = client.get("/en/drr/floods/").content.decode()
    assert "Self-paced · open until" in html
    assert str(end.year) in html


def test_self_paced_run_has_no_calendar_file_and_stays_out_of_feeds(client, course):
    """A self-paced run's .ics is not found, and the platform's feed lists only the dated
    session."""
    run = SelfPacedRunFactory(course=course)
    session = TrainingSessionFactory(course=course)
    assert client.get(f"/en/sessions/{run.pk}.ics").status_code == 404
    feed = client.get("/en/calendar.ics").content.decode()
    assert f"session-{session.pk}@" in feed
    assert f"session-{run.pk}@" not in feed
    theme_feed = client.get("/en/themes/drr/calendar.ics").content.decode()
    assert f"session-{run.pk}@" not in theme_feed


def test_api_says_always_open_with_no_end(client, course):
    """The sessions API gives an always-open run `always_open: true`, no end and no .ics."""
    run = SelfPacedRunFactory(course=course)
    data = client.get(f"/api/sessions/{run.pk}/").json()
    assert data["mode"] == "self_paced"
    assert data["always_open"] is True
    assert data["ends_at"] is None
    assert data["ics_url"] is None
    assert data["state"] == "open"
    assert data["lessons_required_percent"] == 0
    dated = client.get(f"/api/sessions/{TrainingSessionFactory(course=course).pk}/").json()
    assert dated["always_open"] is False
    assert dated["ends_at"]


def test_catalog_from_a_date_keeps_a_run_under_way(client, home):
    """Filtering the catalog from next month keeps an always-open run that started last
    month, and the "Self-paced" mode filter finds it."""
    CatalogPageFactory(parent=home)
    theme = ThemePageFactory(parent=home, title="Big data", slug="big-data")
    course = CoursePageFactory(parent=theme, title="At my pace")
    SelfPacedRunFactory(course=course, starts_at=timezone.now() - timedelta(days=30))
    ended = CoursePageFactory(parent=theme, title="Closed run")
    SelfPacedRunFactory(
        course=ended,
        starts_at=timezone.now() - timedelta(days=30),
        ends_at=timezone.now() + timedelta(days=2),
    )
    start = (timezone.now() + timedelta(days=30)).date().isoformat()
    assert titles(catalog(client, f"?from={start}")) == ["At my pace"]
    assert "At my pace" in titles(catalog(client, "?mode=self_paced"))
