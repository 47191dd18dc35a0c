"""The websocket consumer when the database stays busy past the retries: an error frame
saying to try again, and the connection stays open."""

import pytest
from django.db import OperationalError

from cms import database
from live import actions
from tests.live.conftest import joined, next_frame, send, setup_room

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


async def test_a_busy_database_answers_try_again_and_keeps_the_socket(sockets, monkeypatch):
    """A vote that keeps meeting a locked database gets a "busy" error frame; the learner
    is still connected and can ping."""
    setup = await setup_room()
    socket, _snapshot = await joined(sockets, setup.learner, setup.room)
    tries = []

    def locked(room, user, access, frame):
        tries.append(frame["action"])
        raise OperationalError("database table is locked: live_question")

    monkeypatch.setitem(actions.ACTIONS, "vote", locked)
    monkeypatch.setattr(database, "pause", lambda seconds: None)

    await send(socket, "vote", ref="v", question=1)

    assert await next_frame(socket) == {
        "type": "error",
        "ref": "v",
        "code": "busy",
        "message": "The room is very busy: try again in a moment.",
    }
    assert len(tries) == len(database.PAUSES) + 1
    await send(socket, "ping", ref="p")
    assert await next_frame(socket) == {"type": "pong", "ref": "p"}
