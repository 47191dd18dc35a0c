import json

import pytest

from cms import health

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_when_database_and_channel_layer_answer(client):
    """A load balancer sees 200 and JSON naming each dependency as ok."""
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {
        "status": "ok",
        "checks": {"database": "ok", "channel_layer": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]


def test_healthz_names_the_channel_layer_when_it_fails(client, monkeypatch):
    """A broken channel layer gives 503 and names it, while the database still says ok."""

    def broken():
        raise ConnectionError("redis is down")

    monkeypatch.setitem(health.CHECKS, "channel_layer", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "error"
    assert body["failing"] == ["channel_layer"]
    assert body["checks"]["database"] == "ok"
    assert "redis is down" in body["checks"]["channel_layer"]


def test_healthz_names_the_database_when_it_fails(client, monkeypatch):
    """A broken database gives 503 naming the database."""

    def broken():
        raise OSError("database unreachable")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["failing"] == ["database"], response.content


def test_healthz_needs_no_language_prefix(client):
    """Monitoring calls /healthz directly, without a redirect."""
    response = client.get("/healthz", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200, response.content
