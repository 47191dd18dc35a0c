"""The home page in a real browser: the next sessions are there, and its search box finds
a course in the catalog."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from courses.factories import (
    CatalogPageFactory,
    CoursePageFactory,
    ThemePageFactory,
    TrainingSessionFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_home_page_shows_sessions_and_searches_the_catalog(page, live_server, home):
    """A visitor sees the next session and a featured course on the home page, then types
    a word in its search box and lands on the catalog's matching results."""
    CatalogPageFactory(parent=home, title="Catalog", slug="catalog")
    water = ThemePageFactory(parent=home, title="Water", slug="water", featured=True)
    floods = CoursePageFactory(
        parent=water, title="Flood early warning", slug="floods", featured=True
    )
    CoursePageFactory(parent=water, title="Drought monitoring", slug="drought")
    TrainingSessionFactory(course=floods, starts_at=timezone.now() + timedelta(days=12))

    page.goto(f"{live_server.url}/en/")
    sessions = page.get_by_role("region", name="Upcoming sessions")
    expect(sessions.get_by_role("link", name="Flood early warning")).to_be_visible()
    featured = page.get_by_role("region", name="Featured courses")
    expect(featured.get_by_role("link", name="Flood early warning")).to_be_visible()
    themes = page.get_by_role("region", name="Themes")
    expect(themes.get_by_role("link", name="Water")).to_be_visible()

    search = page.get_by_role("search")
    search.get_by_label("Search").fill("drought")
    search.get_by_role("button", name="Search").click()

    expect(page).to_have_url(f"{live_server.url}/en/catalog/?q=drought")
    results = page.locator("main")
    expect(results.get_by_role("link", name="Drought monitoring")).to_be_visible()
    expect(results.get_by_role("link", name="Flood early warning")).to_have_count(0)
