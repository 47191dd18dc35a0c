import re
from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from cms.factories import translate
from courses.factories import (
    CoursePageFactory,
    CurriculumPageFactory,
    ThemePageFactory,
    TrainingSessionFactory,
)
from courses.models import SessionMode

pytestmark = pytest.mark.django_db


def page_html(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def course_titles(html: str) -> list[str]:
    listing = html.split('class="course-list', 1)[1].split("</section>", 1)[0]
    return [unescape(title) for title in re.findall(r"<h3[^>]*><a [^>]*>([^<]+)</a>", listing)]


@pytest.fixture
def theme(home):
    return ThemePageFactory(
        parent=home, title="Smart cities", slug="smart-cities", description="Cities that learn."
    )


# --- theme page ---------------------------------------------------------------------------


def test_theme_page_lists_its_courses_and_learning_paths(client, theme):
    """A theme shows its description, its courses and its learning paths."""
    first = CoursePageFactory(parent=theme, title="Urban sensors", summary="Count the traffic.")
    CoursePageFactory(parent=theme, title="Open city data")
    CurriculumPageFactory(parent=theme, title="City data path", slug="path", courses=[first])
    html = page_html(client, "/en/smart-cities/")
    assert '<h1 dir="auto">Smart cities</h1>' in html
    assert "Cities that learn." in html
    assert course_titles(html) == ["Open city data", "Urban sensors"]
    assert "Count the traffic." in html
    assert '<a href="/en/smart-cities/path/" dir="auto">City data path</a>' in html


def test_theme_page_leaves_out_other_themes_and_drafts(client, home, theme):
    """Courses of another theme and unpublished courses are not listed."""
    CoursePageFactory(parent=theme, title="Urban sensors")
    CoursePageFactory(parent=theme, title="Draft course").unpublish()
    other = ThemePageFactory(parent=home, title="Big data", slug="big-data")
    CoursePageFactory(parent=other, title="Data lakes")
    assert course_titles(page_html(client, "/en/smart-cities/")) == ["Urban sensors"]


def test_theme_page_shows_the_next_session_of_each_course(client, theme):
    """Each course shows when its next session starts and where."""
    course = CoursePageFactory(parent=theme, title="Urban sensors")
    for days, city in ((30, "Later town"), (5, "Shanghai")):
        starts = timezone.now() + timedelta(days=days)
        TrainingSessionFactory(
            course=course,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            mode=SessionMode.IN_ROOM,
            city=city,
            country="CN",
        )
    CoursePageFactory(parent=theme, title="Open city data")
    html = page_html(client, "/en/smart-cities/")
    assert "In the room, <bdi>Shanghai</bdi>, China" in html
    assert "Later town" not in html
    assert "No upcoming session yet." in html


def test_theme_page_shows_courses_in_the_reader_language(client, home, theme):
    """The Arabic theme page shows translated courses in Arabic, first, then the others in
    their original language, marked as such."""
    translate(theme, "ar", title="المدن الذكية")
    translated = CoursePageFactory(parent=theme, title="Urban sensors")
    translate(translated, "ar", title="أجهزة الاستشعار الحضرية")
    CoursePageFactory(parent=theme, title="Open city data")
    html = page_html(client, "/ar/smart-cities/")
    assert '<h1 dir="auto">المدن الذكية</h1>' in html
    assert course_titles(html) == ["أجهزة الاستشعار الحضرية", "Open city data"]
    assert '<h3 lang="en" dir="ltr"><a href="/en/smart-cities/' in html
    assert "Urban sensors" not in html


def test_theme_page_lists_learning_paths_in_the_reader_language(client, home, theme):
    """A translated learning path shows under its translated title."""
    translate(home, "fr", title="Centre de formation")
    translate(theme, "fr", title="Villes intelligentes")
    course = CoursePageFactory(parent=theme, title="Urban sensors")
    path = CurriculumPageFactory(
        parent=theme, title="City data path", slug="path", courses=[course]
    )
    translate(path, "fr", title="Parcours données urbaines")
    html = page_html(client, "/fr/smart-cities/")
    assert "Parcours données urbaines" in html
    assert "City data path" not in html


def test_theme_page_links_to_its_calendar(client, theme):
    """A theme offers the calendar of its sessions."""
    html = page_html(client, "/en/smart-cities/")
    assert 'href="/en/themes/smart-cities/calendar.ics"' in html


# --- curriculum page ----------------------------------------------------------------------


@pytest.fixture
def path(theme):
    """A learning path of three courses, in an order that is not alphabetical."""
    courses = [
        CoursePageFactory(parent=theme, title="Urban sensors", duration_hours=12),
        CoursePageFactory(parent=theme, title="Data platforms", duration_hours=20),
        CoursePageFactory(parent=theme, title="City dashboards", duration_hours=8),
    ]
    return CurriculumPageFactory(
        parent=theme,
        title="City data path",
        slug="path",
        summary="From sensors to dashboards.",
        audience="City engineers.",
        courses=courses,
    )


def test_curriculum_page_lists_its_courses_in_order_with_total_hours(client, path):
    """A learning path lists its courses in the editor's order and adds up their hours."""
    html = page_html(client, "/en/smart-cities/path/")
    assert '<h1 dir="auto">City data path</h1>' in html
    assert "From sensors to dashboards." in html
    assert "City engineers." in html
    assert course_titles(html) == ["Urban sensors", "Data platforms", "City dashboards"]
    assert "<dd>40 hours</dd>" in html
    assert "<dd>3</dd>" in html


def test_curriculum_page_shows_courses_in_the_reader_language(client, theme, path):
    """On the Arabic learning path, translated courses show in Arabic, others in English."""
    translate(theme, "ar", title="المدن الذكية")
    translate(path, "ar", title="مسار البيانات الحضرية")
    sensors = theme.get_children().get(title="Urban sensors").specific
    translate(sensors, "ar", title="أجهزة الاستشعار الحضرية")
    html = page_html(client, "/ar/smart-cities/path/")
    assert course_titles(html) == ["أجهزة الاستشعار الحضرية", "Data platforms", "City dashboards"]
    assert "40" in html


def test_curriculum_page_skips_unpublished_courses(client, theme, path):
    """A course taken offline disappears from the path and from its total hours."""
    theme.get_children().get(title="Data platforms").specific.unpublish()
    html = page_html(client, "/en/smart-cities/path/")
    assert course_titles(html) == ["Urban sensors", "City dashboards"]
    assert "<dd>20 hours</dd>" in html
