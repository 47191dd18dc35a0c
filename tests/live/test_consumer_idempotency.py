"""An action sent again under the key the client chose for it (after a lost connection, on
another connection or another server) is answered as the first time and not done twice."""

import pytest
from channels.db import database_sync_to_async
from django.utils import translation
from django.utils.translation import gettext

from live.factories import PollFactory, QuestionFactory
from live.models import ActionReceipt, Event, PollState, PollVote, Question, QuestionVote
from tests.live.conftest import (
    ack_and_event,
    joined,
    next_frame,
    quiet,
    send,
)

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


count = database_sync_to_async(lambda model, **where: model.objects.filter(**where).count())


async def test_a_question_sent_again_on_a_new_connection_is_stored_once(room, sockets):
    """The learner's connection drops before the ack arrives; the page reconnects and sends
    the question again under its key: the same ack, one question, one event for everyone."""
    await send(room.learner_socket, "ask", ref=1, key="k-ask-1", text="Slides after class?")
    first_ack, asked = await ack_and_event(room.learner_socket)
    await room.learner_socket.disconnect()
    assert await next_frame(room.trainer_socket) == asked

    again, _snapshot = await joined(sockets, room.learner, room.room)
    await send(again, "ask", ref=7, key="k-ask-1", text="Slides after class?")
    second_ack = await next_frame(again)
    assert second_ack == {**first_ack, "ref": 7}
    assert first_ack["key"] == "k-ask-1"
    assert await count(Question) == 1
    assert await count(Event, kind="question.asked") == 1
    assert await quiet(room.trainer_socket) == []
    assert await quiet(again) == []


async def test_a_vote_a_poll_answer_and_a_moderation_sent_twice_count_once(room):
    """Sent twice under one key, a vote counts once, a poll answer gets its ack again
    instead of "already answered", a moderation causes no second event."""
    question = await database_sync_to_async(QuestionFactory)(room=room.room)
    poll = await database_sync_to_async(PollFactory)(
        room=room.room, state=PollState.OPEN, options=["Yes", "No"]
    )
    option = await database_sync_to_async(lambda: poll.options.first().pk)()
    frames = [
        (room.learner_socket, {"action": "vote", "question": question.pk, "key": "v1"}),
        (room.learner_socket, {"action": "poll_vote", "poll": poll.pk, "options": [option]}),
        (room.trainer_socket, {"action": "moderate", "question": question.pk, "do": "answer"}),
    ]
    for number, (socket, frame) in enumerate(frames):
        frame.setdefault("key", f"key-{number}")
        await quiet(socket)  # the tallies of the learner's votes, on the trainer's side
        await socket.send_json_to(frame)
        first, _event = await ack_and_event(socket)
        await socket.send_json_to(frame)
        assert await next_frame(socket) == first
        assert await quiet(socket) == []
    assert await count(QuestionVote) == 1
    assert await count(PollVote) == 1
    assert await count(Event, kind="question.updated") == 1
    refreshed = await database_sync_to_async(Question.objects.get)(pk=question.pk)
    assert (refreshed.votes, refreshed.answered) == (1, True)


async def test_a_key_belongs_to_its_sender(room):
    """The trainer using the learner's key does their own action: keys are per person."""
    await send(room.learner_socket, "announce", key="same")
    refused = await next_frame(room.learner_socket)
    assert refused["code"] == "forbidden"
    await send(room.learner_socket, "ask", key="same", text="Mine")
    _ack, asked = await ack_and_event(room.learner_socket)
    assert await next_frame(room.trainer_socket) == asked
    await send(room.trainer_socket, "ask", key="same", text="Theirs")
    ack, _event = await ack_and_event(room.trainer_socket)
    assert ack["status"] == "visible"
    assert await count(Question) == 2


async def test_a_refused_action_is_not_remembered(room):
    """A refusal is final for the page, but nothing was done: the same key may succeed
    once the room opens."""
    await send(room.trainer_socket, "room_close")
    await ack_and_event(room.trainer_socket)
    await next_frame(room.learner_socket)
    await send(room.learner_socket, "ask", key="later", text="Now?")
    assert (await next_frame(room.learner_socket))["code"] == "not_live"
    await send(room.trainer_socket, "room_open")
    await ack_and_event(room.trainer_socket)
    await next_frame(room.learner_socket)
    await send(room.learner_socket, "ask", key="later", text="Now?")
    ack, _event = await ack_and_event(room.learner_socket)
    assert ack["status"] == "visible"


@pytest.mark.parametrize(
    "key", [42, "", "x" * 65, "has space", "naïve", ["k"], True], ids=lambda key: repr(key)[:12]
)
async def test_a_bad_key_gets_an_error_and_the_connection_stays_open(room, key):
    """A key that is not 1 to 64 letters, digits, hyphens or underscores is refused with a
    message saying so; nothing is stored."""
    await send(room.learner_socket, "ask", ref="bad", key=key, text="With a bad key")
    error = await next_frame(room.learner_socket)
    with translation.override("en"):
        message = gettext(
            "An action's key is 1 to %(limit)d letters, digits, hyphens or underscores."
        ) % {"limit": 64}
    assert error == {"type": "error", "ref": "bad", "code": "bad_key", "message": message}
    assert await count(Question) == 0
    await send(room.learner_socket, "ping", ref="p")
    assert await next_frame(room.learner_socket) == {"type": "pong", "ref": "p"}


async def test_a_key_used_for_another_action_is_refused(room):
    question = await database_sync_to_async(QuestionFactory)(room=room.room)
    await send(room.learner_socket, "vote", key="reused", question=question.pk)
    await ack_and_event(room.learner_socket)
    await send(room.learner_socket, "unvote", ref="u", key="reused", question=question.pk)
    error = await next_frame(room.learner_socket)
    assert (error["code"], error["key"]) == ("bad_key", "reused")
    assert error["message"] == "This key was already used for another action."
    assert await count(QuestionVote) == 1


async def test_an_action_without_a_key_is_still_accepted(room):
    """Clients that send no key (a page loaded before keys existed) are served as before,
    without protection against doubles."""
    await send(room.learner_socket, "ask", ref="old", text="No key")
    ack, _event = await ack_and_event(room.learner_socket)
    assert "key" not in ack
    assert await count(ActionReceipt) == 0
