"""A server process that is stopping answers the actions it took, refuses the ones that
arrive after with an error saying they will be sent again, and closes with 1012."""

import asyncio
import json
import signal
import threading

import pytest
import pytest_asyncio
from channels.db import database_sync_to_async

from live import actions, draining
from live.models import Question
from tests.live.conftest import (
    close_code,
    joined,
    next_frame,
    next_message,
    send,
    setup_room,
)

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _not_stopping():
    draining.reset()
    yield
    draining.reset()


@pytest_asyncio.fixture
async def held(monkeypatch):
    """Actions wait, in the database thread, until `release` is set; `started` is set when
    one is waiting."""
    started, release = threading.Event(), threading.Event()
    perform = actions.perform

    def waiting_perform(*args, **kwargs):
        started.set()
        assert release.wait(30), "the test never released the action"
        return perform(*args, **kwargs)

    monkeypatch.setattr(actions, "perform", waiting_perform)
    yield started, release
    release.set()


async def test_a_stopping_server_answers_the_action_it_took_and_refuses_the_next(sockets, held):
    started, release = held
    setup = await setup_room()
    learner, _snapshot = await joined(sockets, setup.learner, setup.room)
    idle, _snapshot = await joined(sockets, setup.trainer, setup.room)

    await send(learner, "ask", ref=1, key="taken", text="Asked before the stop")
    assert await asyncio.to_thread(started.wait, 30)
    stopping = asyncio.ensure_future(draining.drain())
    # A connection with nothing under way closes at once, asking the client to reconnect.
    assert await close_code(idle) == draining.CLOSE_RESTARTING
    # The action under way does not hold the connection up: what arrives now is answered.
    await send(learner, "ask", ref=2, key="late", text="Asked during the stop")
    refused = await next_frame(learner)
    assert refused == {
        "type": "error",
        "ref": 2,
        "key": "late",
        "code": "restarting",
        "message": "The server is restarting: your action will be sent again.",
    }
    release.set()
    # The ack, then the close; the question's event may come before them or, through
    # another process's channel layer, be left for the client to resume after.
    answers = []
    while (message := await next_message(learner))["type"] == "websocket.send":
        frame = json.loads(message["text"])
        if frame["type"] not in ("event", "presence"):
            answers.append(frame)
    assert message["code"] == draining.CLOSE_RESTARTING
    [ack] = answers
    assert (ack["type"], ack["ref"], ack["key"], ack["status"]) == ("ack", 1, "taken", "visible")
    await asyncio.wait_for(stopping, 10)
    texts = await database_sync_to_async(list)(Question.objects.values_list("text", flat=True))
    assert texts == ["Asked before the stop"]


async def test_the_lifespan_start_up_puts_the_drain_before_the_servers_handler():
    """uvicorn --lifespan on: start-up and shut-down are acknowledged, and the handler of
    SIGINT (Python's own here; uvicorn's in a server) is wrapped by the drain's."""
    received = asyncio.Queue()
    for message in ("lifespan.startup", "lifespan.shutdown"):
        received.put_nowait({"type": message})
    sent = []

    async def send_(message):
        sent.append(message["type"])

    before = signal.getsignal(signal.SIGINT)
    try:
        await asyncio.wait_for(draining.lifespan({"type": "lifespan"}, received.get, send_), 5)
        assert signal.getsignal(signal.SIGINT) is not before
    finally:
        signal.signal(signal.SIGINT, before)
    assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
