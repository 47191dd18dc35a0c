"""What production settings promise a browser: HTTPS only, cookies out of scripts' and
other sites' reach, no framing, and the learner's own address for rate limits."""

import runpy

import pytest

PRODUCTION_ENV = {"SECRET_KEY": "kq8#Zt1-vN4@pW7!rX2$hY5^mB9&cL3*dF6(gJ0)sA_e+uT=oI~" * 2}


@pytest.fixture
def production(monkeypatch):
    """The production settings module's values, read with a minimal environment."""
    monkeypatch.setenv("SECRET_KEY", PRODUCTION_ENV["SECRET_KEY"])
    monkeypatch.setenv("ALLOWED_HOSTS", "training.example.org")
    for name in ("DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "TRUSTED_PROXY_COUNT"):
        monkeypatch.delenv(name, raising=False)
    return runpy.run_module("config.settings.production")


def test_https_is_required_and_remembered(production):
    """Plain HTTP is redirected, and browsers are told to use HTTPS for a year, subdomains
    included, from the preload list on."""
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert production["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_HSTS_PRELOAD"] is True


def test_cookies_travel_only_over_https_and_the_session_stays_out_of_scripts(production):
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True


def test_pages_cannot_be_framed_or_leak_their_address(production):
    """No other site frames a page, opens it into its own window group, or reads where a
    learner came from."""
    assert production["X_FRAME_OPTIONS"] == "DENY"
    assert production["SECURE_CROSS_ORIGIN_OPENER_POLICY"] == "same-origin"
    assert production["SECURE_REFERRER_POLICY"] == "same-origin"
    assert production["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    directives = production["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in directives["script-src"] + directives["style-src"]


def test_rate_limits_count_the_address_behind_the_proxy(production):
    """Behind one reverse proxy, the learner's address is the last X-Forwarded-For entry."""
    assert production["ALLAUTH_TRUSTED_PROXY_COUNT"] == 1
    assert production["DEBUG"] is False
