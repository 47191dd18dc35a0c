"""`make run`'s `manage.py serve`: the web server, a task worker and the scheduler start
together; stopping it stops all three, and none is left behind."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil
import pytest

from live.ingest import missing as ingest_missing

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def environment(tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "REDIS_URL", "DATABASE_URL"}
    }
    environment.update(
        DJANGO_ENV="dev", DEBUG="false", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}"
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    return environment


def test_serve_runs_web_worker_and_scheduler_and_stops_them_all(environment, tmp_path):
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    serve = subprocess.Popen(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz") as response:
                    assert response.status == 200
                    break
            except OSError:
                if serve.poll() is not None or time.monotonic() > deadline:
                    pytest.fail((tmp_path / "serve.log").read_text())
                time.sleep(0.5)
        children = psutil.Process(serve.pid).children()
        commands = [" ".join(child.cmdline()) for child in children]
        # The broadcast's ingest (nginx with its RTMP module) joins them where installed.
        ingest = not ingest_missing()
        assert len(children) == 3 + ingest, commands
        assert any("nginx" in command for command in commands) == ingest
        assert any("uvicorn" in command for command in commands)
        assert any("db_worker" in command for command in commands)
        assert any("run_scheduler" in command for command in commands)

        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=60)
        _gone, alive = psutil.wait_procs(children, timeout=30)
        assert alive == []
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()
