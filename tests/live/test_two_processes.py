"""Two Daphne processes share a live room through Redis and PostgreSQL: what happens on one
reaches participants connected to the other, and a participant whose server died resumes
on the other without missing anything."""

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from live.models import Question
from tests.live.factories import live_room_setup

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL") or connection.vendor != "postgresql",
        reason="two server processes need a shared database and channel layer: "
        "set DATABASE_URL to PostgreSQL and REDIS_URL",
    ),
]

ROOT = Path(__file__).resolve().parents[2]
DAPHNE = Path(sys.executable).with_name("daphne")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment() -> dict:
    """The test's own database (the one pytest-django created) and Redis prefix."""
    url = urlsplit(os.environ["DATABASE_URL"])
    database = url._replace(path="/" + connection.settings_dict["NAME"]).geturl()
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database,
        "TEST_RUN_PREFIX": settings.CACHES["default"]["KEY_PREFIX"],
    }


def start_server(port: int, log: Path) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - our own virtualenv's daphne
        [str(DAPHNE), "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"],
        cwd=ROOT,
        env=server_environment(),
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def wait_until_listening(process: subprocess.Popen, port: int, log: Path, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"daphne on port {port} exited:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"daphne on port {port} did not start:\n{log.read_text()}")


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


async def open_room(port, room_id, cookie, query=""):
    return await connect(
        f"ws://127.0.0.1:{port}/ws/live/{room_id}/" + (f"?{query}" if query else ""),
        origin=f"http://127.0.0.1:{port}",
        additional_headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}"},
    )


async def next_frame(ws, timeout=10.0) -> dict:
    """The next frame other than presence counts."""
    while True:
        frame = json.loads(await asyncio.wait_for(ws.recv(), timeout))
        if frame["type"] != "presence":
            return frame


async def online_count(ws, wanted, timeout=10.0) -> int:
    """Reads until a presence frame whose count satisfies `wanted` (other frames are not
    expected meanwhile)."""
    while True:
        frame = json.loads(await asyncio.wait_for(ws.recv(), timeout))
        assert frame["type"] == "presence", frame
        if wanted(frame["online"]):
            return frame["online"]


async def frames_until(ws, done, timeout=10.0) -> list[dict]:
    frames = [await next_frame(ws, timeout)]
    while not done(frames):
        frames.append(await next_frame(ws, timeout))
    return frames


def by_type(frames, kind) -> dict:
    [frame] = [f for f in frames if f["type"] == kind]
    return frame


def test_two_servers_share_a_room_and_a_participant_survives_one_of_them(tmp_path):
    setup = live_room_setup()
    learner_cookie = session_cookie(setup.learner)
    trainer_cookie = session_cookie(setup.trainer)
    room_id = setup.room.pk
    port_a, port_b = free_port(), free_port()
    log_a, log_b = tmp_path / "a.log", tmp_path / "b.log"
    server_a = start_server(port_a, log_a)
    server_b = start_server(port_b, log_b)
    try:
        wait_until_listening(server_a, port_a, log_a)
        wait_until_listening(server_b, port_b, log_b)

        async def scenario():
            trainer = await open_room(port_b, room_id, trainer_cookie)
            assert (await next_frame(trainer))["me"]["moderator"] is True
            learner = await open_room(port_a, room_id, learner_cookie)
            assert (await next_frame(learner))["type"] == "snapshot"
            # B counts the learner connected to A.
            assert await online_count(trainer, lambda online: online == 2) == 2

            await learner.send(json.dumps({"action": "ask", "ref": 1, "text": "From A?"}))
            frames = await frames_until(learner, lambda f: len(f) == 2)
            asked = by_type(frames, "event")
            assert (asked["kind"], asked["seq"]) == ("question.asked", 1)
            assert await next_frame(trainer) == asked

            question = asked["data"]["id"]
            await trainer.send(json.dumps({"action": "vote", "ref": 2, "question": question}))
            frames = await frames_until(trainer, lambda f: len(f) == 2)
            assert by_type(frames, "ack")["votes"] == 1
            tally = await next_frame(learner)
            assert (tally["kind"], tally["data"]["questions"]) == ("tally", {str(question): 1})
            seen = tally["seq"]

            server_a.send_signal(signal.SIGKILL)
            server_a.wait(timeout=10)
            await trainer.send(json.dumps({"action": "announce", "ref": 3, "text": "Missed?"}))
            await frames_until(trainer, lambda f: len(f) == 2)
            await trainer.send(
                json.dumps({"action": "moderate", "ref": 4, "question": question, "do": "answer"})
            )
            await frames_until(trainer, lambda f: len(f) == 2)

            back = await open_room(port_b, room_id, learner_cookie, f"since={seen}")
            missed = [await next_frame(back), await next_frame(back)]
            assert [(f["seq"], f["kind"]) for f in missed] == [
                (seen + 1, "announcement"),
                (seen + 2, "question.updated"),
            ]
            assert missed[0]["data"]["text"] == "Missed?"
            assert missed[1]["data"]["answered"] is True
            # The learner's first connection died with its server.
            with pytest.raises(ConnectionClosed):
                await asyncio.wait_for(learner.recv(), 5)
            for ws in (back, trainer, learner):
                await ws.close()

        asyncio.run(scenario())
    finally:
        for server in (server_a, server_b):
            if server.poll() is None:
                server.terminate()
                try:
                    server.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
    assert Question.objects.get().answered is True
