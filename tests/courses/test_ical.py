"""Calendar files of training sessions, parsed back with icalendar."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from cms.factories import HomePageFactory, make_site, translate
from courses.factories import CoursePageFactory, ThemePageFactory, TrainingSessionFactory
from courses.models import SessionMode, SessionStatus

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def local_time(days: int, hour: int, minute: int, zone: ZoneInfo) -> datetime:
    """A wall-clock time in `zone`, `days` from today."""
    day = (timezone.now() + timedelta(days=days)).astimezone(zone).date()
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def uids(calendar: Calendar) -> set[str]:
    return {str(event["UID"]) for event in calendar.events}


def uid(session) -> str:
    return f"session-{session.pk}@{session.site.hostname}"


@pytest.fixture
def theme(home):
    return ThemePageFactory(parent=home, title="Big data", slug="big-data")


@pytest.fixture
def course(theme):
    return CoursePageFactory(
        parent=theme,
        title="Data pipelines",
        slug="data-pipelines",
        summary="Build a pipeline from raw files to a dashboard.",
    )


@pytest.fixture
def french_course(home, theme, course):
    translate(home, "fr", title="Centre de formation")
    translate(theme, "fr", title="Mégadonnées", slug="megadonnees")
    return translate(
        course, "fr", title="Chaînes de traitement", summary="Construire une chaîne de données."
    )


def test_session_ics_keeps_the_session_time_zone_and_instant(client, course):
    """A learner's calendar shows the session at 09:30 Paris time, the right instant."""
    starts = local_time(30, 9, 30, PARIS)
    session = TrainingSessionFactory(
        course=course,
        timezone="Europe/Paris",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
    )

    response = client.get(f"/en/sessions/{session.pk}.ics")

    calendar = parse(response)
    [event] = calendar.events
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert event.start.replace(tzinfo=None) == starts.replace(tzinfo=None)
    assert event.start.astimezone(UTC) == session.starts_at.astimezone(UTC)
    assert event.end.astimezone(UTC) == session.ends_at.astimezone(UTC)
    assert [zone.tz_name for zone in calendar.timezones] == ["Europe/Paris"]
    assert f"DTSTART;TZID=Europe/Paris:{starts:%Y%m%dT093000}".encode() in response.content


def test_session_ics_describes_the_course(client, course):
    """The event carries the course title, summary, page address, place and a stable UID."""
    session = TrainingSessionFactory(course=course)

    response = client.get(f"/en/sessions/{session.pk}.ics")

    [event] = parse(response).events
    assert event["SUMMARY"] == "Data pipelines"
    assert "Build a pipeline from raw files to a dashboard." in event["DESCRIPTION"]
    assert str(event["URL"]) == "http://testserver/en/big-data/data-pipelines/"
    assert event["LOCATION"] == "Online"
    assert event["STATUS"] == "CONFIRMED"
    assert event["UID"] == f"session-{session.pk}@testserver"
    assert "DTSTAMP" in event
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert "data-pipelines-" in response["Content-Disposition"]


def test_session_ics_names_the_venue_city_and_country(client, course):
    """A session in a room gives the venue, the city and the country's name."""
    session = TrainingSessionFactory(
        course=course, mode=SessionMode.IN_ROOM, venue="Room 4", city="Lyon", country="FR"
    )

    [event] = parse(client.get(f"/en/sessions/{session.pk}.ics")).events

    assert event["LOCATION"] == "Room 4, Lyon, France"


def test_cancelled_session_ics_says_it_is_cancelled(client, course):
    """A cancelled session's file still downloads, marked cancelled in its status and title."""
    session = TrainingSessionFactory(course=course, status=SessionStatus.CANCELLED)

    response = client.get(f"/en/sessions/{session.pk}.ics")

    [event] = parse(response).events
    assert b"STATUS:CANCELLED" in response.content
    assert event["SUMMARY"] == "Cancelled: Data pipelines"


def test_session_ics_in_french_uses_the_french_course(client, course, french_course):
    """A French reader's file has the French title, summary and page address."""
    session = TrainingSessionFactory(course=course, status=SessionStatus.CANCELLED)

    response = client.get(f"/fr/sessions/{session.pk}.ics")

    [event] = parse(response).events
    assert "Chaînes de traitement" in event["SUMMARY"]
    assert "Data pipelines" not in event["SUMMARY"]
    assert "Construire une chaîne de données." in event["DESCRIPTION"]
    assert str(event["URL"]).startswith("http://testserver/fr/")
    assert event["STATUS"] == "CANCELLED"


def test_session_ics_of_a_french_course_read_in_english_falls_back(client, course, french_course):
    """A session attached to the French page reads in English as the English course."""
    session = TrainingSessionFactory(course=french_course)

    [event] = parse(client.get(f"/en/sessions/{session.pk}.ics")).events

    assert event["SUMMARY"] == "Data pipelines"


def test_unknown_or_unpublished_session_ics_is_not_found(client, course):
    """An unknown session, or one of an unpublished course, answers 404."""
    session = TrainingSessionFactory(course=course)
    assert client.get("/en/sessions/999999.ics").status_code == 404
    course.unpublish()
    assert client.get(f"/en/sessions/{session.pk}.ics").status_code == 404


@pytest.fixture
def sub_platform(home):
    sub_home = HomePageFactory(title="Disaster reduction", slug="disaster-reduction")
    site = make_site(sub_home, hostname="drr.localhost", is_default=False)
    theme = ThemePageFactory(parent=sub_home, title="Floods", slug="floods")
    return site, CoursePageFactory(parent=theme, title="Flood maps")


def test_master_feed_lists_every_platforms_upcoming_sessions(client, course, sub_platform):
    """The master platform's feed has upcoming and cancelled sessions of all platforms,
    not ended ones."""
    sub_site, sub_course = sub_platform
    upcoming = TrainingSessionFactory(course=course)
    cancelled = TrainingSessionFactory(course=course, status=SessionStatus.CANCELLED)
    ongoing = TrainingSessionFactory(
        course=course, starts_at=timezone.now() - timedelta(hours=1)
    )
    elsewhere = TrainingSessionFactory(course=sub_course, site=sub_site)
    TrainingSessionFactory(course=course, starts_at=timezone.now() - timedelta(days=3))

    response = client.get("/en/calendar.ics")

    calendar = parse(response)
    assert uids(calendar) == {uid(upcoming), uid(cancelled), uid(ongoing), uid(elsewhere)}
    statuses = {str(event["UID"]): str(event["STATUS"]) for event in calendar.events}
    assert statuses[uid(cancelled)] == "CANCELLED"
    assert str(calendar["X-WR-CALNAME"]) == "Training Centre: training sessions"
    assert "REFRESH-INTERVAL" in calendar


def test_sub_platform_feed_lists_only_its_own_sessions(client, course, sub_platform):
    """A sub-platform's feed has its own sessions and none of the master's."""
    sub_site, sub_course = sub_platform
    TrainingSessionFactory(course=course)
    own = TrainingSessionFactory(course=sub_course, site=sub_site)

    calendar = parse(client.get("/en/calendar.ics", HTTP_HOST="drr.localhost"))

    assert uids(calendar) == {uid(own)}


def test_feed_adds_one_time_zone_per_zone_used(client, course):
    """Sessions in Paris, Beijing and UTC bring the two named zones' definitions."""
    for zone in ("Europe/Paris", "Asia/Shanghai", "Asia/Shanghai", "UTC"):
        TrainingSessionFactory(course=course, timezone=zone)

    calendar = parse(client.get("/en/calendar.ics"))

    assert sorted(zone.tz_name for zone in calendar.timezones) == ["Asia/Shanghai", "Europe/Paris"]
    assert calendar.get_missing_tzids() == set()


def test_theme_feed_lists_the_themes_sessions_in_any_translation(
    client, home, theme, course, french_course
):
    """A theme's feed has its courses' sessions, whichever translation they point at, and
    none of another theme's."""
    other = CoursePageFactory(parent=ThemePageFactory(parent=home, slug="smart-cities"))
    english = TrainingSessionFactory(course=course)
    french = TrainingSessionFactory(course=french_course)
    TrainingSessionFactory(course=other)
    TrainingSessionFactory(course=course, starts_at=timezone.now() - timedelta(days=2))

    calendar = parse(client.get("/en/themes/big-data/calendar.ics"))

    assert uids(calendar) == {uid(english), uid(french)}
    assert {str(event["SUMMARY"]) for event in calendar.events} == {"Data pipelines"}
    assert str(calendar["X-WR-CALNAME"]) == "Big data"


def test_theme_feed_in_french_by_either_slug(client, theme, course, french_course):
    """The French feed answers at the French or the English slug, with French titles."""
    TrainingSessionFactory(course=course)

    for slug in ("megadonnees", "big-data"):
        calendar = parse(client.get(f"/fr/themes/{slug}/calendar.ics"))
        assert str(calendar["X-WR-CALNAME"]) == "Mégadonnées"
        assert [str(event["SUMMARY"]) for event in calendar.events] == ["Chaînes de traitement"]


def test_unknown_theme_feed_is_not_found(client, home, sub_platform):
    """An unknown theme, or another platform's, answers 404."""
    assert client.get("/en/themes/nothing/calendar.ics").status_code == 404
    assert client.get("/en/themes/floods/calendar.ics").status_code == 404


def queries_for(client, path: str) -> int:
    client.get(path)  # warm Wagtail's cached site root paths
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "path", ["/en/calendar.ics", "/fr/calendar.ics", "/en/themes/big-data/calendar.ics"]
)
def test_feed_queries_do_not_grow_with_sessions(client, theme, course, french_course, path):
    """A feed runs as many queries with two sessions as with twenty, in several zones."""
    zones = ["Europe/Paris", "Asia/Shanghai", "America/Bogota", "Africa/Nairobi"]

    def add_sessions(count):
        for number in range(count):
            target = CoursePageFactory(parent=theme) if number % 2 else course
            TrainingSessionFactory(course=target, timezone=zones[number % len(zones)])

    add_sessions(2)
    small = queries_for(client, path)
    add_sessions(18)
    large = queries_for(client, path)
    print(f"{path}: {small} queries at 2 sessions, {large} at 20")
    assert small == large
