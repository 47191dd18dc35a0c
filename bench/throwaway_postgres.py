"""The benchmarks' throw-away PostgreSQL databases: each bench creates its own on the server
DATABASE_URL names, through a maintenance database, and drops it at the end."""

import sys
from urllib.parse import urlsplit, urlunsplit

MAINTENANCE_DATABASES = ("postgres", "template1")


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def admin_connection(url: str):
    """An autocommit connection to a database of the server that is not the bench's own."""
    import psycopg

    problems = []
    for name in MAINTENANCE_DATABASES:
        try:
            return psycopg.connect(with_database(url, name), autocommit=True, connect_timeout=10)
        except psycopg.OperationalError as error:
            problems.append(f"{name}: {error}")
    sys.exit("Cannot reach the PostgreSQL server:\n" + "\n".join(problems))


def recreate_database(url: str, name: str, *, create: bool) -> None:
    """Drop the database `name` (its connections too), then create it again if asked."""
    with admin_connection(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            connection.execute(f'CREATE DATABASE "{name}"')
