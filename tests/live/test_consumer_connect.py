import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.utils import translation
from django.utils.translation import gettext

from live.factories import PollFactory, QuestionFactory
from live.models import PollState, QuestionStatus
from tests.live.conftest import close_code, joined, next_frame, quiet, send, setup_room

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


async def test_a_learner_receives_a_snapshot_of_the_room(sockets):
    setup = await setup_room()
    question = await database_sync_to_async(QuestionFactory)(room=setup.room, text="Visible")
    await database_sync_to_async(QuestionFactory)(
        room=setup.room, text="Hidden", status=QuestionStatus.HIDDEN
    )
    await database_sync_to_async(PollFactory)(room=setup.room, question="A draft")
    learner, connected = await sockets(setup.learner, setup.room.pk)
    assert connected
    snapshot = await next_frame(learner)
    assert snapshot["type"] == "snapshot"
    assert snapshot["seq"] == 0
    assert snapshot["room"]["id"] == setup.room.pk
    assert snapshot["room"]["state"] == "live"
    assert [q["id"] for q in snapshot["questions"]] == [question.pk]
    assert snapshot["polls"] == []
    assert snapshot["me"] == {"moderator": False, "questions": [], "voted": [], "ballots": {}}
    assert snapshot["presence"] == {"online": 1, "checked_in": 0}


async def test_the_trainer_receives_the_moderators_snapshot(sockets):
    setup = await setup_room(premoderation=True)
    await database_sync_to_async(QuestionFactory)(
        room=setup.room, text="Waiting", status=QuestionStatus.PENDING
    )
    await database_sync_to_async(PollFactory)(room=setup.room, state=PollState.DRAFT)
    trainer, connected = await sockets(setup.trainer, setup.room.pk)
    assert connected
    snapshot = await next_frame(trainer)
    assert snapshot["me"]["moderator"] is True
    assert [q["text"] for q in snapshot["questions"]] == ["Waiting"]
    assert [p["state"] for p in snapshot["polls"]] == ["draft"]


async def test_an_outsider_is_refused_and_disconnected(sockets):
    setup = await setup_room()
    outsider, _connected = await sockets(setup.outsider, setup.room.pk)
    assert await next_frame(outsider) == {
        "type": "refused",
        "reason": "not_enrolled",
        "message": "The live room is open to the session's confirmed learners.",
    }
    assert await close_code(outsider) == 4403


async def test_an_anonymous_visitor_is_asked_to_log_in(sockets):
    setup = await setup_room()
    visitor, _connected = await sockets(None, setup.room.pk)
    frame = await next_frame(visitor)
    assert (frame["type"], frame["reason"]) == ("refused", "login_required")
    assert frame["message"] == "Log in to join the live room."
    assert await close_code(visitor) == 4403


async def test_a_room_that_does_not_exist_is_refused(sockets):
    setup = await setup_room()
    learner, _connected = await sockets(setup.learner, setup.room.pk + 1000)
    assert (await next_frame(learner))["reason"] == "no_such_room"
    assert await close_code(learner) == 4403


async def test_a_page_on_another_site_cannot_connect(sockets):
    setup = await setup_room()
    _learner, connected = await sockets(
        setup.learner, setup.room.pk, origin=b"https://evil.example.com"
    )
    assert not connected


async def test_a_refused_connection_ignores_what_it_is_sent(sockets):
    setup = await setup_room()
    outsider, _connected = await sockets(setup.outsider, setup.room.pk)
    await next_frame(outsider)
    await close_code(outsider)
    await outsider.send_json_to({"action": "ask", "text": "Let me in"})
    await outsider.send_json_to({"action": "ping"})
    assert await quiet(outsider) == []
    assert await database_sync_to_async(setup.room.questions.count)() == 0


def in_language(code, text_):
    with translation.override(code):
        return gettext(text_)


async def test_refusals_and_errors_speak_the_pages_language(sockets):
    setup = await setup_room()
    visitor, _connected = await sockets(None, setup.room.pk, "lang=fr")
    message = (await next_frame(visitor))["message"]
    assert message == in_language("fr", "Log in to join the live room.")
    assert message != "Log in to join the live room."

    learner, _snapshot = await joined(sockets, setup.learner, setup.room, "lang=ar")
    await send(learner, "announce", text="Not mine to say")
    error = await next_frame(learner)
    assert error["message"] == in_language("ar", "Only the session's trainers can do this.")
    assert error["message"] != "Only the session's trainers can do this."


async def test_an_unknown_language_falls_back_to_the_default(sockets):
    setup = await setup_room()
    visitor, _connected = await sockets(None, setup.room.pk, "lang=xx")
    assert (await next_frame(visitor))["message"] == "Log in to join the live room."


async def test_connections_take_no_channel_of_their_own(sockets, monkeypatch):
    """The hub receives the room's events once per process: people joining a room it
    follows ask the channel layer for no channel of their own."""
    setup = await setup_room()
    await joined(sockets, setup.learner, setup.room)
    layer = get_channel_layer()
    asked = []
    new_channel = layer.new_channel

    async def counted(*args, **kwargs):
        asked.append(args)
        return await new_channel(*args, **kwargs)

    monkeypatch.setattr(layer, "new_channel", counted)
    for _ in range(3):
        await joined(sockets, setup.learner, setup.room)
    assert asked == []
