"""Ralph, the LRS openfun maintains, started by the tests on 127.0.0.1 with its file-system
backend. Its LRS extra pins uvicorn 0.30 (the platform pins a newer one), so it lives in
a virtualenv of its own, built once under pytest's cache directory with the version the
dev extra pins (`ralph-malph==…`)."""

import contextlib
import fcntl
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from base64 import b64encode
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import pytest

# Ralph 5.1.0's API imports requests without its LRS extra declaring it.
RALPH_EXTRAS = ["requests==2.34.2"]
STARTUP_DEADLINE_SECONDS = 120
# Ralph's file-system LRS backend writes each POST with its default operation, "index",
# which refuses to write to its file once the first POST created it: it is made to append,
# as its Mongo or Elasticsearch backends would add to their store. Everything else
# (validation, deduplication by id, authentication, queries) is Ralph's own.
LAUNCH = """
import sys
import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


@pytest.fixture(scope="session")
def ralph_python(request) -> Path:
    ralph = version("ralph-malph")
    home = Path(request.config.cache.mkdir(f"ralph-lrs-{ralph}"))
    python = home / "venv" / "bin" / "python"
    ready = home / "installed"
    # pytest-xdist's workers share the cache directory: one builds, the others wait.
    with open(home / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not ready.exists():
            subprocess.run(  # noqa: S603 - our own interpreter and paths
                [sys.executable, "-m", "venv", "--clear", str(home / "venv")], check=True
            )
            with open(home / "install.log", "w") as log:
                subprocess.run(  # noqa: S603 - pinned requirements
                    [
                        str(python),
                        "-m",
                        "pip",
                        "install",
                        f"ralph-malph[lrs]=={ralph}",
                        *RALPH_EXTRAS,
                    ],
                    check=True,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            ready.touch()
    return python


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Ralph:
    """One Ralph LRS: its users (username → password), where it keeps statements, and its
    process while it runs."""

    python: Path
    home: Path
    users: dict[str, str]
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def start(self) -> "Ralph":
        data = self.home / "data"
        data.mkdir(parents=True, exist_ok=True)
        auth = self.home / "auth.json"
        if not auth.exists():
            auth.write_text(json.dumps(self._credentials()))
        env = {
            **{key: value for key, value in os.environ.items() if not key.startswith("RALPH_")},
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_AUTH_FILE": str(auth),
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(data),
            "RALPH_BACKENDS__DATA__FS__DEFAULT_DIRECTORY_PATH": str(data),
            "RALPH_APP_DIR": str(self.home),
        }
        self.process = subprocess.Popen(  # noqa: S603 - Ralph's virtualenv
            [str(self.python), "-c", LAUNCH, str(self.port)],
            env=env,
            cwd=self.home,
            stdout=(self.home / "server.log").open("ab"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + STARTUP_DEADLINE_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((self.home / "server.log").read_text())
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__lbheartbeat__", timeout=5)
                return self
            time.sleep(0.1)
        raise RuntimeError(f"Ralph did not answer within {STARTUP_DEADLINE_SECONDS} s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.process = None

    def _credentials(self) -> list[dict]:
        hashes = subprocess.run(  # noqa: S603 - Ralph's virtualenv
            [
                str(self.python),
                "-c",
                "import bcrypt, json, sys; print(json.dumps([bcrypt.hashpw(p.encode(), "
                "bcrypt.gensalt(4)).decode() for p in json.loads(sys.argv[1])]))",
                json.dumps(list(self.users.values())),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        return [
            {
                "username": username,
                "hash": hashed,
                "scopes": ["all"],
                "agent": {"mbox": f"mailto:{username}@lrs.example.org"},
            }
            for username, hashed in zip(self.users, json.loads(hashes.stdout), strict=True)
        ]

    def statements(self, username: str | None = None, **params) -> list[dict]:
        """GET /xAPI/statements as an LRS reader would, every page."""
        username = username or next(iter(self.users))
        credentials = b64encode(f"{username}:{self.users[username]}".encode()).decode()
        query = "&".join(f"{key}={value}" for key, value in {"limit": 500, **params}.items())
        url = f"{self.endpoint}statements?{query}"
        found = []
        while url:
            request = urllib.request.Request(  # noqa: S310 - the test's own server
                url,
                headers={
                    "Authorization": f"Basic {credentials}",
                    "X-Experience-API-Version": "1.0.3",
                },
            )
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                page = json.load(response)
            found += page["statements"]
            more = page.get("more")
            url = f"http://127.0.0.1:{self.port}{more}" if more else None
        return found


@pytest.fixture
def ralph(ralph_python, tmp_path):
    """`ralph(users={"name": "password"})` starts an LRS; each stops at the test's end."""
    started = []

    def start(users=None, name="lrs") -> Ralph:
        server = Ralph(
            ralph_python, tmp_path / f"{name}-{len(started)}", users or {"platform": "s3cret"}
        )
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()
