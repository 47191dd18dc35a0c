"""What a platform's home page offers besides its title: a search box sending to the
catalog, the next sessions, featured courses and themes, the other platforms on the
master, and the way back to the master on a sub-platform."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.factories import HomePageFactory, make_site, translate
from courses.factories import (
    CatalogPageFactory,
    CoursePageFactory,
    ThemePageFactory,
    TrainingSessionFactory,
)
from courses.models import SessionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def master(home):
    """The master platform with its catalog, two themes and three courses."""
    catalog = CatalogPageFactory(parent=home)
    translate(catalog, "ar", title="دليل الدورات")
    floods = ThemePageFactory(parent=home, title="Water", slug="water", featured=True)
    translate(floods, "ar", title="المياه")
    ThemePageFactory(parent=home, title="Cities", slug="cities")
    warning = CoursePageFactory(parent=floods, title="Flood early warning", featured=True)
    translate(warning, "ar", title="الإنذار المبكر بالفيضانات")
    CoursePageFactory(parent=floods, title="Drought monitoring")
    return home


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_the_search_box_sends_to_the_catalog(client, master):
    """The home page has a search box whose GET form goes to the catalog."""
    html = client.get("/en/").content.decode()
    search = section(html, "home-search-heading")
    assert '<form method="get" action="/en/catalog/" role="search">' in search
    assert '<input type="search" name="q" id="home-q" maxlength="200">' in search
    arabic = client.get("/ar/").content.decode()
    assert 'action="/ar/catalog/"' in section(arabic, "home-search-heading")


def test_the_next_sessions_are_listed_soonest_first(client, master):
    """Upcoming sessions appear in date order with their course; ended and cancelled
    ones do not."""
    warning = master.get_descendants().type(CoursePageFactory._meta.model).get(
        title="Flood early warning"
    ).specific
    drought = master.get_descendants().get(title="Drought monitoring").specific
    now = timezone.now()
    TrainingSessionFactory(course=drought, starts_at=now + timedelta(days=20))
    TrainingSessionFactory(course=warning, starts_at=now + timedelta(days=10))
    TrainingSessionFactory(
        course=warning, starts_at=now + timedelta(days=5), status=SessionStatus.CANCELLED
    )
    TrainingSessionFactory(
        course=drought, starts_at=now - timedelta(days=9), ends_at=now - timedelta(days=8)
    )
    sessions = section(client.get("/en/").content.decode(), "home-sessions-heading")
    assert sessions.count('<li class="session-summary">') == 2
    assert sessions.index("Flood early warning") < sessions.index("Drought monitoring")
    assert "Open for enrollment" in sessions
    arabic = section(client.get("/ar/").content.decode(), "home-sessions-heading")
    assert "الإنذار المبكر بالفيضانات" in arabic


def test_featured_courses_and_themes_are_shown_in_the_readers_language(client, master):
    """Only featured courses are shown; featured themes replace the full list of themes,
    and an Arabic reader sees their Arabic titles."""
    html = client.get("/en/").content.decode()
    courses = section(html, "home-courses-heading")
    assert "Flood early warning" in courses
    assert "Drought monitoring" not in courses
    themes = section(html, "home-themes-heading")
    assert "Water" in themes
    assert "Cities" not in themes
    arabic = client.get("/ar/").content.decode()
    assert "الإنذار المبكر بالفيضانات" in section(arabic, "home-courses-heading")
    assert "المياه" in section(arabic, "home-themes-heading")


def test_without_featured_themes_every_theme_is_listed(client, home):
    """When no theme is featured, the home page lists them all rather than none."""
    ThemePageFactory(parent=home, title="Water", slug="water")
    ThemePageFactory(parent=home, title="Cities", slug="cities")
    themes = section(client.get("/en/").content.decode(), "home-themes-heading")
    assert "Water" in themes and "Cities" in themes


def test_a_sub_platform_shows_its_own_courses_and_links_back_to_the_master(client, master):
    """A sub-platform's home shows its own sessions only, and a link to the master's home
    in the reader's language."""
    drr = HomePageFactory(title="Disaster Risk Reduction", slug="drr")
    make_site(drr, hostname="drr.localhost", is_default=False)
    translate(drr, "ar", title="الحد من مخاطر الكوارث")
    hazards = ThemePageFactory(parent=drr, title="Hazards")
    own = CoursePageFactory(parent=hazards, title="Hazard maps")
    TrainingSessionFactory(course=own)
    other = master.get_descendants().get(title="Drought monitoring").specific
    TrainingSessionFactory(course=other)

    html = client.get("/en/", HTTP_HOST="drr.localhost").content.decode()
    sessions = section(html, "home-sessions-heading")
    assert "Hazard maps" in sessions
    assert "Drought monitoring" not in sessions
    assert '<a href="http://testserver/en/">Part of Training Centre: all our platforms' in html
    arabic = client.get("/ar/", HTTP_HOST="drr.localhost").content.decode()
    assert 'href="http://testserver/ar/"' in arabic
    assert "مركز التدريب" in arabic


def test_the_master_does_not_link_to_itself(client, master):
    assert "Part of" not in client.get("/en/").content.decode()
