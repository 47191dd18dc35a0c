"""`migrate` then `setup_platform` on an empty PostgreSQL database, as an administrator
would run them, and the pages a visitor then sees."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bench.throwaway_postgres import recreate_database, with_database

ROOT = Path(__file__).resolve().parents[2]
SERVER = "postgres://postgres@127.0.0.1:5432/postgres"

# Run inside the platform's process: what a browser would get at each address.
FETCH = """
import json
from django.test import Client
client = Client(HTTP_HOST="training.example.org")
pages = {}
for url in ["/en/", "/ar/", "/fr/", "/en/catalog/", "/ar/catalog/", "/fr/catalog/",
            "/en/impact/", "/ar/impact/", "/en/about/"]:
    response = client.get(url, secure=True)
    pages[url] = [response.status_code, response.content.decode()]
print("PAGES " + json.dumps(pages))
"""


def postgres_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5432), 2).close()
    except OSError:
        return False
    return True


@pytest.fixture
def empty_postgres():
    if not postgres_answers():
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL does not answer on 127.0.0.1:5432 under CI")
        pytest.skip("PostgreSQL does not answer on 127.0.0.1:5432")
    name = f"opentraining_setup_{os.getpid()}"
    recreate_database(SERVER, name, create=True)
    yield with_database(SERVER, name)
    recreate_database(SERVER, name, create=False)


def manage(database_url: str, *arguments: str) -> str:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "REDIS_URL"}
    }
    environment.update(
        DJANGO_ENV="dev",
        ALLOWED_HOSTS="training.example.org",
        DATABASE_URL=database_url,
        OPENTRAINING_ADMIN_PASSWORD="a-long-first-password",
    )
    completed = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return completed.stdout


def test_first_start_on_an_empty_postgresql_database(empty_postgres):
    """On PostgreSQL, migrate and setup_platform give a home,
    a catalog and an impact page in each chosen language; running it again adds nothing."""
    manage(empty_postgres, "migrate", "--no-input", "-v", "0")
    first = manage(
        empty_postgres,
        "setup_platform",
        "--name",
        "Knowledge Centre",
        "--host",
        "training.example.org",
        "--languages",
        "en,ar,fr",
        "--admin-email",
        "director@example.org",
    )
    again = manage(
        empty_postgres,
        "setup_platform",
        "--name",
        "Knowledge Centre",
        "--host",
        "training.example.org",
        "--languages",
        "en,ar,fr",
    )
    fetched = manage(empty_postgres, "shell", "-c", FETCH)
    pages = json.loads(fetched.split("PAGES ", 1)[1])

    assert "15 pages created" in first and "Administrator director@example.org created" in first
    assert "0 pages created" in again
    assert {url: status for url, (status, _html) in pages.items()} == dict.fromkeys(pages, 200)
    assert "Knowledge Centre" in pages["/en/"][1]
    assert "Welcome to your new Wagtail site!" not in pages["/en/"][1]
    assert 'lang="ar"' in pages["/ar/"][1] and 'dir="rtl"' in pages["/ar/"][1]
    assert "الفهرس" in pages["/ar/catalog/"][1]
    assert "Catalogue" in pages["/fr/catalog/"][1]
    assert 'href="/ar/impact/"' in pages["/ar/"][1]
