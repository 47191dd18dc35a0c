"""uvicorn started as `make run` starts it: a websocket message far above the live room's
limit is refused by the server before it is read, a small one is answered."""

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from background.management.commands.serve import web_command
from live.conf import SERVER_MAX_MESSAGE_BYTES

ROOT = Path(__file__).resolve().parents[2]


def make_run_command() -> list[str]:
    """The uvicorn command `make run` starts: its recipe runs `manage.py serve`, which
    starts uvicorn beside the task worker and the scheduler."""
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^run:.*?\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1)
    assert "manage.py serve --host $(HOST) --port $(PORT)" in recipe
    return web_command("$(HOST)", "$(PORT)")


def systemd_command() -> list[str]:
    unit = (ROOT / "deploy/opentraining-uvicorn@.service").read_text()
    match = re.search(r"^ExecStart=(.*?[^\\])$", unit, re.MULTILINE | re.DOTALL)
    return match.group(1).replace("\\\n", " ").split()


def option(words: list[str], name: str) -> str:
    return words[words.index(name) + 1]


def test_both_ways_of_starting_uvicorn_pass_the_rooms_server_limit():
    """`make run` and the systemd template give uvicorn the same message limit, the one
    live/conf.py sets, the same websocket protocol, and the application's lifespan."""
    for words in (make_run_command(), systemd_command()):
        assert int(option(words, "--ws-max-size")) == SERVER_MAX_MESSAGE_BYTES
        assert option(words, "--ws") == "websockets-sansio"
        # The application's start-up installs the live room's drain before a stop.
        assert option(words, "--lifespan") == "on"
        assert "config.asgi:application" in words


@pytest.fixture
def make_run_server(tmp_path):
    """uvicorn with the Makefile's flags, on a free port of 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    words = make_run_command()
    command = [sys.executable, "-m", "uvicorn", *words[1:]]
    command = [
        {"$(HOST)": "127.0.0.1", "$(PORT)": str(port)}.get(word, word) for word in command
    ]
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(DJANGO_ENV="dev", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    log = (tmp_path / "uvicorn.log").open("wb")
    process = subprocess.Popen(  # noqa: S603 - our own virtualenv's uvicorn
        command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 120
    while True:
        if process.poll() is not None:
            pytest.fail(f"uvicorn exited:\n{(tmp_path / 'uvicorn.log').read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                pytest.fail("uvicorn did not answer in 120 s")
            time.sleep(0.2)
    yield port
    process.terminate()
    process.wait(timeout=30)
    log.close()


def test_a_64_kb_frame_is_refused_by_the_server_and_a_small_one_answered(make_run_server):
    """A small ping gets its pong; a frame somewhat too long gets the application's error
    frame; a 64 KB frame closes the connection with 1009 (message too big)."""
    url = f"ws://127.0.0.1:{make_run_server}/ws/ping/"
    with connect(url, origin=f"http://127.0.0.1:{make_run_server}", open_timeout=60) as ws:
        ws.send('{"action": "ping", "id": 1}')
        assert '"pong"' in ws.recv(timeout=60)
        ws.send("x" * 8 * 1024)
        assert "frame_too_large_or_binary" in ws.recv(timeout=60)
        ws.send("x" * 64 * 1024)
        with pytest.raises(ConnectionClosed) as closed:
            ws.recv(timeout=60)
    assert closed.value.rcvd.code == 1009
