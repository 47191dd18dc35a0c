"""The in-process benchmarks' throw-away platform: Django set up in this process on a
temporary SQLite file, or, when DATABASE_URL names a PostgreSQL server, on a throw-away
database of it (created here, dropped by `drop_database`), and migrated."""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_MODULE = "config.settings.dev"


def setup_django(workdir: Path, database: str, env: dict[str, str]) -> str:
    """The database's vendor once Django is set up and migrated; `env`: the benchmark's own
    settings, besides a development platform with DEBUG off whose files go to `workdir`."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        from throwaway_postgres import recreate_database, with_database

        recreate_database(url, database, create=True)
        os.environ["DATABASE_URL"] = with_database(url, database)
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.update(
        {
            "DJANGO_ENV": "dev",
            "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
            "DEBUG": "false",
            "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": str(workdir / "static"),
            **env,
        }
    )
    (workdir / "static").mkdir(exist_ok=True)
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    print(f"  migrate: {time.monotonic() - started:.1f} s", flush=True)
    return connection.vendor


def drop_database(url: str, database: str) -> None:
    """The throw-away database of the server `url` names, dropped (nothing for SQLite)."""
    if not url.startswith(("postgres://", "postgresql://")):
        return
    from django.db import connections
    from throwaway_postgres import recreate_database

    connections.close_all()
    recreate_database(url, database, create=False)
