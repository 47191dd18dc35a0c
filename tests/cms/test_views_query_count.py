import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import HomePageFactory, StandardPageFactory, make_site, translate

pytestmark = pytest.mark.django_db


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
    assert large <= 14
