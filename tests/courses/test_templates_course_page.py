import gzip
import json
import re
from datetime import UTC, datetime, timedelta
from html import unescape

import pytest
from django.utils import timezone

from cms.factories import locale, translate
from courses.factories import (
    CoursePageFactory,
    CourseTrainerProfileFactory,
    CurriculumPageFactory,
    ThemePageFactory,
    TrainingSessionFactory,
)
from courses.models import CourseTrainer, SessionKind, SessionMode, SessionStatus

pytestmark = pytest.mark.django_db

FIRST_ROUND_TRIP_BYTES = 14 * 1024
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
SUBRESOURCE = re.compile(r"<(?:script|img|iframe|source|link)\b[^>]*\b(?:src|href)=\"([^\"]+)\"")
YEAR = timezone.now().year + 2


def session(course, starts_at=None, **fields):
    starts_at = starts_at or timezone.now() + timedelta(days=14)
    return TrainingSessionFactory(
        course=course, starts_at=starts_at, ends_at=starts_at + timedelta(hours=3), **fields
    )


def page_html(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def structured_data(html: str) -> dict:
    return json.loads(JSON_LD.search(html).group(1))


@pytest.fixture
def theme(home):
    return ThemePageFactory(parent=home, title="Disaster risk reduction", slug="drr")


@pytest.fixture
def course(theme):
    return CoursePageFactory(
        parent=theme,
        title="Flood early warning",
        slug="floods",
        summary="Build an early warning system for floods.",
        level="intermediate",
        duration_hours=24,
        prerequisites="Basic hydrology.",
        licence="cc-by-sa-4.0",
        objectives=[("objective", "Read a rainfall forecast"), ("objective", "Warn a village")],
    )


def test_course_page_shows_the_course_details(client, course):
    """A reader sees the summary, objectives, level, duration, prerequisites and licence."""
    course.instruction_languages.set([locale("en"), locale("fr")])
    course.save_revision().publish()
    html = page_html(client, "/en/drr/floods/")
    assert '<h1 dir="auto">Flood early warning</h1>' in html
    assert "Build an early warning system for floods." in html
    assert '<li dir="auto">Read a rainfall forecast</li>' in html
    assert "<dd>Intermediate</dd>" in html
    assert "<dd>24 hours</dd>" in html
    assert "Basic hydrology." in html
    assert '<span lang="en">English</span>, <span lang="fr">Français</span>' in html
    assert 'href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>' in html
    assert '<a href="/en/drr/" dir="auto">Disaster risk reduction</a>' in html


def test_course_page_lists_upcoming_sessions_in_their_time_zone(client, course):
    """A session in Nairobi shows its local time, its time zone and UTC offset, where it is
    held, seats left and its state."""
    session(
        course,
        starts_at=datetime(YEAR, 6, 1, 6, 0, tzinfo=UTC),
        timezone="Africa/Nairobi",
        mode=SessionMode.IN_ROOM,
        venue="UN Gigiri",
        city="Nairobi",
        country="KE",
        capacity=30,
    )
    html = page_html(client, "/en/drr/floods/")
    assert f'<time datetime="{YEAR}-06-01T09:00:00+03:00">June 1, {YEAR}, 9 a.m.</time>' in html
    assert '<bdi class="zone" dir="ltr">(Africa/Nairobi, UTC+0300)</bdi>' in html
    assert "In the room, <bdi>UN Gigiri</bdi>, <bdi>Nairobi</bdi>, Kenya" in html
    assert "30 seats left" in html
    assert "Open for enrollment" in html


def test_course_page_hides_past_and_cancelled_sessions(client, course):
    """Ended and cancelled sessions are not offered."""
    session(
        course,
        starts_at=timezone.now() - timedelta(days=30),
        city="Pastville",
        mode=SessionMode.IN_ROOM,
    )
    session(course, city="Cancelville", mode=SessionMode.IN_ROOM, status=SessionStatus.CANCELLED)
    html = page_html(client, "/en/drr/floods/")
    assert "Pastville" not in html and "Cancelville" not in html
    assert "No session is scheduled yet." in html


def test_enroll_link_leads_to_the_sessions_enrollment_page(client, course):
    """An open session offers "Enroll", which opens that session's enrollment page."""
    upcoming = session(course, capacity=None)
    html = page_html(client, "/en/drr/floods/")
    assert (
        f'<a class="button enroll" href="/en/sessions/{upcoming.pk}/enroll/" '
        f'aria-describedby="session-{upcoming.pk}">Enroll</a>'
    ) in html
    response = client.get(f"/en/sessions/{upcoming.pk}/enroll/")
    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next=/en/sessions/{upcoming.pk}/enroll/"
    assert "No seat limit" in html


def test_a_full_session_offers_the_waiting_list(client, course):
    """A session without seats left offers to join the waiting list instead."""
    full = session(course, capacity=2)
    type(full).objects.filter(pk=full.pk).update(seats_taken=2)
    html = page_html(client, "/en/drr/floods/")
    assert "0 seats left" in html
    assert "Join the waiting list" in html
    assert ">Full</span>" in html


def test_a_session_not_yet_open_offers_no_enrollment(client, course):
    """Before its enrollment opens, a session says it is upcoming and offers no link."""
    session(course, enrollment_opens_at=timezone.now() + timedelta(days=3))
    html = page_html(client, "/en/drr/floods/")
    assert ">Upcoming</span>" in html
    assert "button enroll" not in html


def test_each_session_links_to_its_calendar_file(client, course):
    """Each session offers its .ics file."""
    upcoming = session(course)
    html = page_html(client, "/en/drr/floods/")
    assert f'href="/en/sessions/{upcoming.pk}.ics"' in html


def test_sessions_are_shared_by_every_translation(client, home, theme, course):
    """A session scheduled on the English course shows on its French and Arabic pages."""
    translate(home, "fr", title="Centre de formation")
    translate(theme, "fr", title="Réduction des risques")
    translate(theme, "ar", title="الحد من المخاطر")
    translate(course, "fr", title="Alerte précoce aux crues")
    translate(course, "ar", title="الإنذار المبكر بالفيضانات")
    session(course, city="Dakar", country="SN", mode=SessionMode.IN_ROOM)
    for path in ("/en/drr/floods/", "/fr/drr/floods/", "/ar/drr/floods/"):
        assert "Dakar" in page_html(client, path), path


def test_sessions_scheduled_on_a_translation_show_on_the_original(client, home, theme, course):
    """A session attached to the Arabic page also shows on the English page."""
    translate(theme, "ar", title="الحد من المخاطر")
    arabic = translate(course, "ar", title="الإنذار المبكر بالفيضانات")
    session(arabic, city="Amman", country="JO", mode=SessionMode.IN_ROOM, language="ar")
    html = page_html(client, "/en/drr/floods/")
    assert "Amman" in html
    assert '<span lang="ar">العربية</span>' in html


def test_trainers_are_shown_in_the_reader_language(client, theme, course):
    """Trainers appear with their organisation and country; the Arabic page shows the
    Arabic translation of a trainer's biography."""
    trainer = CourseTrainerProfileFactory(
        name="Amina Diallo", organisation="UNDRR", country="SN", bio="Hydrologist."
    )
    arabic_trainer = trainer.copy_for_translation(locale("ar"))
    arabic_trainer.bio = "خبيرة في علم المياه."
    arabic_trainer.save()
    CourseTrainer.objects.create(page=course, trainer=trainer)
    translate(theme, "ar", title="الحد من المخاطر")
    translate(course, "ar", title="الإنذار المبكر بالفيضانات")

    english = page_html(client, "/en/drr/floods/")
    assert "<strong><bdi>Amina Diallo</bdi></strong>, <bdi>UNDRR</bdi> (Senegal)" in english
    assert "Hydrologist." in english
    arabic = page_html(client, "/ar/drr/floods/")
    assert "خبيرة في علم المياه." in arabic
    assert "Hydrologist." not in arabic


def test_course_page_lists_the_curricula_it_belongs_to(client, theme, course):
    """The learning paths that include the course are linked from it."""
    CurriculumPageFactory(
        parent=theme, title="Resilient cities", slug="resilient", courses=[course]
    )
    CurriculumPageFactory(parent=theme, title="Unrelated path", slug="other", courses=[])
    html = page_html(client, "/en/drr/floods/")
    assert '<a href="/en/drr/resilient/" dir="auto">Resilient cities</a>' in html
    assert "Unrelated path" not in html


def test_course_page_describes_the_course_for_search_engines(client, course):
    """The page carries schema.org Course data, with each session as a CourseInstance."""
    session(
        course,
        starts_at=datetime(YEAR, 6, 1, 6, 0, tzinfo=UTC),
        timezone="Africa/Nairobi",
        mode=SessionMode.HYBRID,
        venue="UN Gigiri",
        city="Nairobi",
        country="KE",
        language="fr",
    )
    session(course, starts_at=datetime(YEAR, 7, 1, 12, 0, tzinfo=UTC), mode=SessionMode.ONLINE)
    data = structured_data(page_html(client, "/en/drr/floods/"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Course"
    assert data["name"] == "Flood early warning"
    assert data["description"] == "Build an early warning system for floods."
    assert data["inLanguage"] == "en"
    assert data["provider"]["@type"] == "Organization"
    assert data["provider"]["name"] == "Training Centre"
    assert data["license"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    hybrid, online = data["hasCourseInstance"]
    assert hybrid["courseMode"] == "blended"
    assert hybrid["startDate"] == f"{YEAR}-06-01T09:00:00+03:00"
    assert hybrid["endDate"] == f"{YEAR}-06-01T12:00:00+03:00"
    assert hybrid["inLanguage"] == "fr"
    assert hybrid["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Nairobi",
        "addressCountry": "KE",
    }
    assert online["courseMode"] == "online"
    assert online["location"]["@type"] == "VirtualLocation"


def test_structured_data_cannot_break_out_of_its_script(client, theme):
    """A title with "</script>" stays data: it is escaped and parses back unchanged."""
    CoursePageFactory(parent=theme, title="Hack </script><b>bold</b> & co", slug="hack")
    html = page_html(client, "/en/drr/hack/")
    scripts = JSON_LD.findall(html)
    assert len(scripts) == 1
    assert "</script>" not in scripts[0] and "<b>" not in scripts[0]
    assert json.loads(scripts[0])["name"] == "Hack </script><b>bold</b> & co"


def test_arabic_course_page_is_right_to_left_and_in_arabic(client, theme, course):
    """The Arabic translation of a course reads right to left, with its JSON-LD in Arabic."""
    translate(theme, "ar", title="الحد من المخاطر")
    translate(course, "ar", title="الإنذار المبكر بالفيضانات", summary="نظام إنذار")
    html = page_html(client, "/ar/drr/floods/")
    assert '<html lang="ar" dir="rtl">' in html
    data = structured_data(html)
    assert data["name"] == "الإنذار المبكر بالفيضانات"
    assert data["inLanguage"] == "ar"
    assert unescape('<h1 dir="auto">الإنذار المبكر بالفيضانات</h1>') in html


def test_a_full_course_page_fits_the_first_round_trip(client, theme, course):
    """A course with three trainers and ten sessions is at most 14 KB
    compressed, and fetches nothing from another origin."""
    course.save_revision().publish()
    for number in range(3):
        trainer = CourseTrainerProfileFactory(bio="A long career in flood forecasting. " * 8)
        CourseTrainer.objects.create(page=course, trainer=trainer, sort_order=number)
    for days in range(10):
        session(
            course,
            starts_at=timezone.now() + timedelta(days=10 + days * 7),
            mode=SessionMode.HYBRID,
            venue="Centre",
            city="Bangkok",
            country="TH",
            capacity=40,
            kind=SessionKind.SEMINAR if days % 3 == 0 else SessionKind.TRAINING,
        )
    response = client.get("/en/drr/floods/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert len(response.content) <= FIRST_ROUND_TRIP_BYTES
    html = gzip.decompress(response.content).decode()
    assert html.count('class="session"') == 10
    for url in SUBRESOURCE.findall(html):
        assert url.startswith("/") and not url.startswith("//"), url
