"""Real server processes stopped while a participant's question is being written. Stopped
by SIGTERM, uvicorn answers the question before closing with 1012 and refuses with
"restarting" an action sent during the stop; killed outright, a worker answers nothing.
Either way the page's copies, sent to the next server under their keys, are stored once."""

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from live.models import Question, Room
from tests.live.factories import live_room_setup
from tests.live.test_two_processes import (
    free_port,
    server_environment,
    session_cookie,
    wait_until_listening,
)

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="the server process shares the test's database: set DATABASE_URL to PostgreSQL",
    ),
]

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 30.0


def start_uvicorn(port: int, log: Path) -> subprocess.Popen:
    """uvicorn as deploy/ starts it (its lifespan on), on a TCP port."""
    command = [sys.executable, "-m", "uvicorn", "config.asgi:application"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--ws", "websockets-sansio"]
    command += ["--lifespan", "on", "--timeout-graceful-shutdown", "20"]
    return subprocess.Popen(  # noqa: S603 - our own virtualenv's uvicorn
        command,
        cwd=ROOT,
        env=server_environment(),
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


@contextlib.contextmanager
def open_room(port: int, room_id: int, cookie: str):
    """A participant's websocket, its snapshot read."""
    with connect(
        f"ws://127.0.0.1:{port}/ws/live/{room_id}/",
        origin=f"http://127.0.0.1:{port}",
        additional_headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}"},
        open_timeout=TIMEOUT,
    ) as ws:
        assert next_frame(ws)["type"] == "snapshot"
        yield ws


def next_frame(ws) -> dict:
    """The next frame other than presence counts and events."""
    while True:
        frame = json.loads(ws.recv(timeout=TIMEOUT))
        if frame["type"] not in ("presence", "event"):
            return frame


def close_code(ws) -> tuple[int | None, list[dict]]:
    """Reads until the server closes; returns the close code and the frames read (other
    than presence counts and events)."""
    frames = []
    try:
        while True:
            frames.append(next_frame(ws))
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None, frames


def wait_for_a_writer_waiting_on_the_room(timeout=TIMEOUT) -> None:
    """Until the server's transaction waits for the room's row, which this test locked."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            # Within a transaction, the statistics views keep their first reading unless
            # told to read again.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    pytest.fail("the server never started writing the question")


def stop(server: subprocess.Popen, log: Path) -> int:
    """The server's exit status, once it has stopped by itself."""
    try:
        return server.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
        pytest.fail(f"the server did not stop:\n{log.read_text()}")


def ask(key: str, text: str, ref) -> str:
    return json.dumps({"action": "ask", "ref": ref, "key": key, "text": text})


def test_a_server_stopped_mid_question_answers_it_and_the_rest_is_sent_again(tmp_path):
    setup = live_room_setup()
    learner_cookie = session_cookie(setup.learner)
    trainer_cookie = session_cookie(setup.trainer)
    room_id = setup.room.pk
    first_port, second_port = free_port(), free_port()
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    first = start_uvicorn(first_port, first_log)
    second = None
    try:
        wait_until_listening(first, first_port, first_log)
        with (
            open_room(first_port, room_id, learner_cookie) as learner,
            open_room(first_port, room_id, trainer_cookie) as idle,
        ):
            with transaction.atomic():
                # The room's row locked: the question's transaction waits for it.
                Room.objects.select_for_update().get(pk=room_id)
                learner.send(ask("under-way", "Asked before the stop", 1))
                wait_for_a_writer_waiting_on_the_room()
                first.send_signal(signal.SIGTERM)
                # A connection with nothing under way is closed at once: the stop has begun.
                assert close_code(idle) == (1012, [])
                learner.send(ask("too-late", "Asked during the stop", 2))
                refused = next_frame(learner)
                assert (refused["type"], refused["key"], refused["code"]) == (
                    "error",
                    "too-late",
                    "restarting",
                )
            code, frames = close_code(learner)
        [ack] = frames
        assert (code, ack["type"], ack["key"], ack["ref"]) == (1012, "ack", "under-way", 1)
        # uvicorn ends as SIGTERM asks, once it has stopped cleanly.
        assert stop(first, first_log) == -signal.SIGTERM, first_log.read_text()

        # The page reconnects to the next server and sends both again: it cannot tell
        # whether the first was stored before the connection closed.
        second = start_uvicorn(second_port, second_log)
        wait_until_listening(second, second_port, second_log)
        with open_room(second_port, room_id, learner_cookie) as learner:
            learner.send(ask("under-way", "Asked before the stop", 3))
            assert next_frame(learner) == {**ack, "ref": 3}
            learner.send(ask("too-late", "Asked during the stop", 4))
            second_ack = next_frame(learner)
        assert (second_ack["type"], second_ack["key"]) == ("ack", "too-late")
        texts = sorted(Question.objects.values_list("text", flat=True))
        assert texts == ["Asked before the stop", "Asked during the stop"]
    finally:
        for server in (first, second):
            if server is not None and server.poll() is None:
                server.kill()
                server.wait()


def test_a_server_killed_mid_question_stores_it_once_when_sent_again(tmp_path):
    """A worker killed outright (SIGKILL, a crash) answers nothing; the question it was
    writing is rolled back or kept, and the page's copy sent to the next server under the
    same key is stored once either way."""
    setup = live_room_setup()
    learner_cookie = session_cookie(setup.learner)
    room_id = setup.room.pk
    first_port, second_port = free_port(), free_port()
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    first = start_uvicorn(first_port, first_log)
    second = None
    try:
        wait_until_listening(first, first_port, first_log)
        with open_room(first_port, room_id, learner_cookie) as learner:
            with transaction.atomic():
                Room.objects.select_for_update().get(pk=room_id)
                learner.send(ask("under-way", "Asked before the crash", 1))
                wait_for_a_writer_waiting_on_the_room()
                first.send_signal(signal.SIGKILL)
                first.wait(timeout=TIMEOUT)
            _code, frames = close_code(learner)
        assert frames == []
        second = start_uvicorn(second_port, second_log)
        wait_until_listening(second, second_port, second_log)
        with open_room(second_port, room_id, learner_cookie) as learner:
            for ref in (2, 3):
                learner.send(ask("under-way", "Asked before the crash", ref))
                ack = next_frame(learner)
                assert (ack["type"], ack["ref"], ack["key"]) == ("ack", ref, "under-way")
        assert Question.objects.filter(text="Asked before the crash").count() == 1
    finally:
        for server in (first, second):
            if server is not None and server.poll() is None:
                server.kill()
                server.wait()
