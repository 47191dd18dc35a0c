import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.factories import HomePageFactory, StandardPageFactory, make_site, translate
from courses.factories import CatalogPageFactory, CoursePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _rendered_every_time(settings):
    """Counted without the public page cache, which answers a visitor's second request
    without any query (tests/cms/test_middleware_page_cache.py)."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0


def queries_for(client, path: str) -> int:
    client.get(path)  # warm Wagtail's cached site root paths
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


def add_platforms_and_pages(home, count: int, start: int) -> None:
    for number in range(start, start + count):
        sub = HomePageFactory(title=f"Platform {number}", slug=f"platform-{number}")
        make_site(sub, hostname=f"p{number}.localhost", is_default=False)
        translate(sub, "ar", title=f"منصة {number}")
        StandardPageFactory(
            parent=home, slug=f"page-{number}", show_in_menus=True, show_in_footer=True
        )


@pytest.mark.parametrize("path", ["/en/", "/ar/", "/en/page-0/"])
def test_page_queries_do_not_grow_with_platforms_or_menu_pages(client, home, path):
    """The master home and a standard page run as many queries with one sub-platform and
    one menu page as with six of each."""
    add_platforms_and_pages(home, 1, start=0)
    small = queries_for(client, path)
    add_platforms_and_pages(home, 5, start=1)
    large = queries_for(client, path)
    assert small == large
    # The home page's catalog section (search target, sessions, featured courses, themes)
    # costs a fixed handful of queries of its own, whatever their number.
    assert large <= 12


def add_catalog(home, count: int, start: int) -> None:
    """`count` featured themes, each with a featured course (translated) and a session."""
    from courses.factories import ThemePageFactory, TrainingSessionFactory

    for number in range(start, start + count):
        theme = ThemePageFactory(parent=home, slug=f"theme-{number}", featured=True)
        translate(theme, "ar", title=f"موضوع {number}")
        course = CoursePageFactory(parent=theme, slug=f"course-{number}", featured=True)
        translate(course, "ar", title=f"دورة {number}")
        TrainingSessionFactory(course=course)


@pytest.mark.parametrize("path", ["/en/", "/ar/"])
def test_home_queries_do_not_grow_with_sessions_courses_or_themes(client, home, path):
    """The home page's sessions, featured courses and themes cost as many queries with one
    of each as with six."""
    CatalogPageFactory(parent=home)
    add_catalog(home, 1, start=0)
    small = queries_for(client, path)
    add_catalog(home, 5, start=1)
    large = queries_for(client, path)
    assert small == large
    assert large <= 12
