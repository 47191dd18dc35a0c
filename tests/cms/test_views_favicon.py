"""The site's icon: linked from every page, and /favicon.ico answered instead of a 404."""

import pytest
from django.contrib.staticfiles import finders

from accounts.factories import AdministratorFactory

pytestmark = pytest.mark.django_db


def test_favicon_ico_leads_to_the_static_icon(client):
    """A browser asking /favicon.ico is sent to the platform's icon, which exists."""
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response.url.endswith("cms/favicon.ico")
    assert "max-age=86400" in response["Cache-Control"]
    assert finders.find("cms/favicon.ico") and finders.find("cms/favicon.svg")


def test_pages_link_the_icon(client, home):
    """The home page names its icon, so the browser does not guess."""
    html = client.get("/en/").content.decode()
    assert '<link rel="icon" href="/static/cms/favicon.svg" type="image/svg+xml">' in html


def test_dashboard_never_asks_wagtail_for_its_latest_version(client, home):
    """A superuser's dashboard carries no update check, which would call another origin."""
    client.force_login(AdministratorFactory(is_superuser=True))
    html = client.get("/admin/").content.decode()
    assert "Dashboard" in html
    assert "w-upgrade" not in html
