import gzip
import re

import pytest

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

FIRST_ROUND_TRIP_BYTES = 14 * 1024
# Anything the browser fetches by itself: stylesheets, scripts, images, fonts, frames.
SUBRESOURCE = re.compile(r"<(?:script|img|iframe|source|link)\b[^>]*\b(?:src|href)=\"([^\"]+)\"")


@pytest.mark.parametrize("path", ["/en/", "/ar/", "/zh-hans/", "/en/about/", "/fr/accounts/login/"])
def test_key_pages_fit_the_first_round_trip(client, home, path):
    """Each key page's HTML is at most 14 KB compressed, so it arrives in one round trip."""
    StandardPageFactory(parent=home, title="About", slug="about", show_in_menus=True)
    response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert len(response.content) <= FIRST_ROUND_TRIP_BYTES
    assert len(gzip.decompress(response.content)) > len(response.content)


@pytest.mark.parametrize("path", ["/en/", "/ar/", "/en/accounts/signup/", "/en/no-such-page/"])
def test_pages_request_nothing_from_another_origin(client, home, path):
    """No stylesheet, script, image or font comes from a CDN or any other origin."""
    html = client.get(path).content.decode()
    for url in SUBRESOURCE.findall(html):
        assert url.startswith("/") and not url.startswith("//"), url


def test_pages_load_no_script(client, home):
    """Public pages work without JavaScript because they ship none."""
    html = client.get("/en/").content.decode()
    assert "<script" not in html
