"""Every page carries the Content Security Policy: the public site's strict one, with the
live room's websocket origin, Wagtail's admin a relaxed one; and no template of the
project writes inline script or style the strict policy would block."""

import re
from pathlib import Path

import pytest
from django.http import HttpResponse

from cms.csp import ContentSecurityPolicyMiddleware
from tests.live.factories import live_room_setup

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parents[2]
APPS = ("accounts", "cms", "courses", "enrollment", "live", "surveys", "certificates", "reporting")


def policy(response) -> dict[str, list[str]]:
    """The header's directives, by name."""
    directives = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return {name: values for name, *values in directives}


STRICT = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'", "ws://testserver"],
    # The live broadcast's player feeds the video element through Media Source: blob: only.
    "media-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


@pytest.mark.parametrize("path", ["/en/", "/ar/", "/en/accounts/login/", "/en/no-such-page/"])
def test_public_pages_carry_the_strict_policy(client, home, path):
    """Pages, forms and error pages alike: only this site's scripts, styles, images, media
    and websocket; no plugin, no framing, forms post only here."""
    assert policy(client.get(path)) == STRICT


def test_the_live_room_may_open_its_secure_websocket(client, home):
    """Under HTTPS the room's socket is wss:// to the same host."""
    setup = live_room_setup()
    client.force_login(setup.learner)
    response = client.get(f"/en/live/{setup.room.pk}/", secure=True)
    assert response.status_code == 200
    assert policy(response)["connect-src"] == ["'self'", "wss://testserver"]


def test_wagtail_admin_gets_inline_code_but_nothing_from_elsewhere(admin_client, home):
    directives = policy(admin_client.get("/admin/"))
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["default-src"] == ["'self'"]


# What the strict policy blocks: style attributes and elements, event handler attributes,
# javascript: links, and scripts without src. JSON-LD is data and may stay inline.
INLINE_CODE = re.compile(
    r"""\sstyle\s*=|<style\b|\son[a-z]+\s*=\s*["'{]|javascript:"""
    r"""|<script(?![^>]*\bsrc=)(?![^>]*type=["']application/(?:ld\+)?json["'])[^>]*>""",
    re.IGNORECASE,
)
LD_JSON = '<script type="application/ld+json">{{ json_ld }}</script>'


def test_no_template_writes_inline_script_or_style():
    found = [
        f"{template.relative_to(PROJECT)}: {match.group(0).strip()}"
        for app in APPS
        for template in sorted((PROJECT / app / "templates").rglob("*.html"))
        for match in INLINE_CODE.finditer(template.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_pattern_finds_what_the_policy_blocks():
    """The search above is not blind."""
    for markup in (
        '<p style="color:red">',
        "<style>p{}</style>",
        '<a onclick="go()">',
        '<a href="javascript:go()">',
        "<script>go()</script>",
    ):
        assert INLINE_CODE.search(markup), markup
    for markup in ('<script src="/static/live/live.js" defer></script>', LD_JSON):
        assert not INLINE_CODE.search(markup), markup


def test_files_that_cannot_run_scripts_carry_no_policy(rf):
    """A PDF opens in the browser's own viewer, which a page policy would leave blank; an
    SVG can hold scripts, so it keeps the policy."""

    def served(content_type):
        middleware = ContentSecurityPolicyMiddleware(lambda request: None)
        response = HttpResponse(b"", content_type=content_type)
        return middleware.process_response(rf.get("/en/"), response)

    assert "Content-Security-Policy" not in served("application/pdf")
    assert "Content-Security-Policy" not in served("text/css")
    assert "Content-Security-Policy" in served("image/svg+xml")
    assert "Content-Security-Policy" in served("text/html; charset=utf-8")


def test_a_pages_preview_keeps_the_public_policy_but_may_be_framed_by_the_admin(home):
    """Wagtail's preview of a page (a made-up request through the middleware) has the
    public policy, except that the editor beside it may frame it."""
    response = home.make_preview_request()
    assert policy(response) == {**STRICT, "frame-ancestors": ["'self'"]}
