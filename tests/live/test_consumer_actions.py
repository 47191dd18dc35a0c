import pytest
from channels.db import database_sync_to_async

from enrollment.factories import EnrollmentFactory
from live.factories import QuestionFactory
from live.models import Question
from tests.live.conftest import (
    ack_and_event,
    joined,
    next_frame,
    next_frames,
    quiet,
    send,
    setup_room,
)

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


async def test_a_question_reaches_the_learner_and_the_trainer(room):
    await send(room.learner_socket, "ask", ref="q1", text="Where are the slides?")
    ack, event = await ack_and_event(room.learner_socket)
    question = await database_sync_to_async(Question.objects.get)()
    assert ack == {
        "type": "ack",
        "ref": "q1",
        "action": "ask",
        "question": question.pk,
        "status": "visible",
    }
    assert event["seq"] == 1
    assert event["kind"] == "question.asked"
    assert event["data"]["text"] == "Where are the slides?"
    assert event["data"]["author"] == room.learner.get_full_name()
    assert await next_frame(room.trainer_socket) == event


async def test_an_anonymous_question_arrives_without_a_name(room):
    await send(room.learner_socket, "ask", text="Is this recorded?", anonymous=True)
    _ack, event = await ack_and_event(room.learner_socket)
    assert event["data"]["author"] is None
    trainer_sees = await next_frame(room.trainer_socket)
    assert trainer_sees["data"]["author"] is None
    assert room.learner.get_full_name() not in str(trainer_sees)


async def test_moderation_reaches_the_learner(room):
    question = await database_sync_to_async(QuestionFactory)(room=room.room, author=room.learner)
    await send(room.trainer_socket, "moderate", question=question.pk, do="answer")
    ack, event = await ack_and_event(room.trainer_socket)
    assert ack["status"] == "visible"
    assert (event["kind"], event["data"]["answered"]) == ("question.updated", True)
    assert await next_frame(room.learner_socket) == event
    await send(room.trainer_socket, "moderate", question=question.pk, do="pin")
    frames = await next_frames(room.trainer_socket, 3)
    assert [f["type"] for f in frames].count("ack") == 1
    learner_sees = await next_frames(room.learner_socket, 2)
    assert [(f["seq"], f["kind"]) for f in learner_sees] == [
        (2, "question.updated"),
        (3, "room.updated"),
    ]
    assert learner_sees[1]["data"]["pinned"] == question.pk


async def test_a_learner_cannot_moderate_and_stays_connected(room):
    question = await database_sync_to_async(QuestionFactory)(room=room.room)
    await send(room.learner_socket, "moderate", ref=7, question=question.pk, do="hide")
    error = await next_frame(room.learner_socket)
    assert error == {
        "type": "error",
        "ref": 7,
        "code": "forbidden",
        "message": "Only the session's trainers can do this.",
    }
    await send(room.learner_socket, "ping", ref="p")
    assert await next_frame(room.learner_socket) == {"type": "pong", "ref": "p"}
    assert await quiet(room.trainer_socket) == []


async def test_premoderated_questions_wait_for_the_trainer(sockets):
    setup = await setup_room(premoderation=True)
    other = await database_sync_to_async(EnrollmentFactory)(session=setup.room.session)
    trainer, _snapshot = await joined(sockets, setup.trainer, setup.room)
    learner, _snapshot = await joined(sockets, setup.learner, setup.room)
    neighbour, _snapshot = await joined(sockets, other.user, setup.room)

    await send(learner, "ask", text="Can we see the data?")
    ack, event = await ack_and_event(learner)
    assert ack["status"] == "pending"
    assert (event["kind"], event["data"]) == ("question.submitted", {"id": ack["question"]})
    assert await next_frame(neighbour) == event
    for_trainer = await next_frame(trainer)
    assert for_trainer["seq"] == event["seq"]
    assert for_trainer["data"]["text"] == "Can we see the data?"

    await send(trainer, "moderate", question=ack["question"], do="approve")
    _ack, approved = await ack_and_event(trainer)
    for participant in (learner, neighbour):
        assert await next_frame(participant) == approved
    assert approved["data"]["status"] == "visible"
    assert approved["data"]["text"] == "Can we see the data?"


async def test_votes_reach_everyone_as_a_tally(room):
    question = await database_sync_to_async(QuestionFactory)(room=room.room)
    await send(room.learner_socket, "vote", question=question.pk)
    ack, tally = await ack_and_event(room.learner_socket)
    assert ack == {
        "type": "ack",
        "ref": "vote",
        "action": "vote",
        "question": question.pk,
        "votes": 1,
    }
    assert tally["kind"] == "tally"
    assert tally["data"]["questions"] == {str(question.pk): 1}
    assert await next_frame(room.trainer_socket) == tally
    await send(room.learner_socket, "unvote", question=question.pk)
    ack, tally = await ack_and_event(room.learner_socket)
    assert (ack["votes"], tally["data"]["questions"]) == (0, {str(question.pk): 0})


async def test_the_same_open_question_gets_an_error_frame(room):
    """Asking again what is already open in the room, with other capitals and spaces, gets
    an error frame naming the reason; the trainer receives nothing more."""
    await send(room.learner_socket, "ask", text="Where are the slides?")
    await ack_and_event(room.learner_socket)
    assert len(await next_frames(room.trainer_socket, 1)) == 1
    await send(room.learner_socket, "ask", ref="again", text="  where ARE the   slides? ")
    error = await next_frame(room.learner_socket)
    assert (error["type"], error["ref"], error["code"]) == ("error", "again", "duplicate")
    assert error["message"] == "This question has already been asked: vote for it instead."
    assert await quiet(room.trainer_socket) == []
    assert await database_sync_to_async(Question.objects.count)() == 1


async def test_voting_for_ones_own_question_gets_an_error_frame(room):
    """A learner voting for their own question gets an error frame; no tally goes out."""
    question = await database_sync_to_async(QuestionFactory)(room=room.room, author=room.learner)
    await send(room.learner_socket, "vote", ref="mine", question=question.pk)
    error = await next_frame(room.learner_socket)
    assert (error["type"], error["ref"], error["code"]) == ("error", "mine", "own_question")
    assert error["message"] == "You cannot vote for your own question."
    assert await quiet(room.trainer_socket) == []


async def test_a_question_over_the_limit_gets_an_error_frame(room):
    """A question longer than the limit is refused with an error frame, never cut."""
    await send(room.learner_socket, "ask", ref="long", text="x" * 501)
    error = await next_frame(room.learner_socket)
    assert (error["type"], error["ref"], error["code"]) == ("error", "long", "too_long")
    assert error["message"] == "A question is at most 500 characters."
    assert await database_sync_to_async(Question.objects.count)() == 0


async def test_a_poll_from_draft_to_tally(room):
    await send(
        room.trainer_socket,
        "poll_create",
        question="Which tool?",
        options=["QGIS", "R", "Excel"],
        multiple=False,
    )
    ack, created = await ack_and_event(room.trainer_socket)
    poll_id = ack["poll"]
    assert created["kind"] == "poll.created"
    assert created["data"]["question"] == "Which tool?"
    assert created["data"]["state"] == "draft"
    options = [option["id"] for option in created["data"]["options"]]
    learner_sees = await next_frame(room.learner_socket)
    assert learner_sees == {**created, "data": {"id": poll_id}}

    await send(room.trainer_socket, "poll_open", poll=poll_id)
    _ack, opened = await ack_and_event(room.trainer_socket)
    assert await next_frame(room.learner_socket) == opened
    assert (opened["kind"], opened["data"]["state"]) == ("poll.updated", "open")
    assert [o["text"] for o in opened["data"]["options"]] == ["QGIS", "R", "Excel"]

    await send(room.learner_socket, "poll_vote", ref="b", poll=poll_id, options=[options[1]])
    ack, tally = await ack_and_event(room.learner_socket)
    assert ack == {"type": "ack", "ref": "b", "action": "poll_vote", "poll": poll_id}
    expected = {
        "voters": 1,
        "options": {str(options[0]): 0, str(options[1]): 1, str(options[2]): 0},
    }
    assert tally["data"]["polls"] == {str(poll_id): expected}
    assert await next_frame(room.trainer_socket) == tally

    await send(room.learner_socket, "poll_vote", ref="again", poll=poll_id, options=[options[0]])
    error = await next_frame(room.learner_socket)
    assert (error["type"], error["ref"], error["code"]) == ("error", "again", "already_voted")

    await send(room.trainer_socket, "poll_close", poll=poll_id)
    _ack, closed = await ack_and_event(room.trainer_socket)
    assert await next_frame(room.learner_socket) == closed
    assert closed["data"]["state"] == "closed"
    assert closed["data"]["options"][1]["votes"] == 1


async def test_a_learner_cannot_create_a_poll(room):
    await send(room.learner_socket, "poll_create", question="Mine?", options=["a", "b"])
    assert (await next_frame(room.learner_socket))["code"] == "forbidden"
    await send(room.trainer_socket, "poll_create", question="Bad", options="a,b")
    assert (await next_frame(room.trainer_socket))["code"] == "bad_request"


async def test_an_announcement_reaches_everyone(room):
    await send(room.trainer_socket, "announce", text="Back in 10 minutes")
    _ack, event = await ack_and_event(room.trainer_socket)
    assert (event["kind"], event["data"]["text"]) == ("announcement", "Back in 10 minutes")
    assert await next_frame(room.learner_socket) == event


async def test_closing_the_room_stops_questions(room):
    await send(room.trainer_socket, "room_close")
    ack, event = await ack_and_event(room.trainer_socket)
    assert ack["state"] == "ended"
    assert await next_frame(room.learner_socket) == event
    assert event["data"]["state"] == "ended"
    await send(room.learner_socket, "ask", text="Still there?")
    error = await next_frame(room.learner_socket)
    assert (error["code"], error["message"]) == ("not_live", "The live room is not open.")


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("{not json", "malformed"),
        ("[1, 2, 3]", "malformed"),
        ('"ask"', "malformed"),
        ('{"text": "no action"}', "malformed"),
        ('{"action": 42}', "malformed"),
        ('{"action": "explode", "ref": "x"}', "unknown_action"),
        ('{"action": "ask", "text": ["a list"]}', "bad_request"),
        ('{"action": "vote", "question": {"id": 1}}', "bad_request"),
        ('{"action": "ask", "text": "' + "x" * 5000 + '"}', "too_large"),
    ],
)
async def test_a_bad_frame_gets_an_error_and_the_connection_stays_open(room, frame, code):
    await room.learner_socket.send_to(text_data=frame)
    error = await next_frame(room.learner_socket)
    assert (error["type"], error["code"]) == ("error", code)
    assert error["message"]
    await send(room.learner_socket, "ping", ref=1)
    assert await next_frame(room.learner_socket) == {"type": "pong", "ref": 1}
    assert await database_sync_to_async(Question.objects.count)() == 0


async def test_a_binary_frame_gets_an_error_and_the_connection_stays_open(room):
    """A binary frame, even one holding a valid action, is not read: an error frame says to
    send JSON text, nothing is stored, and the next text frame is answered."""
    ask = b'{"action": "ask", "key": "bin-1", "text": "Sent as binary"}'
    await room.learner_socket.send_to(bytes_data=ask)
    error = await next_frame(room.learner_socket)
    assert error == {
        "type": "error",
        "ref": None,
        "code": "binary",
        "message": "This message is binary: send actions as JSON text.",
    }
    assert await database_sync_to_async(Question.objects.count)() == 0
    await send(room.learner_socket, "ping")
    assert (await next_frame(room.learner_socket))["type"] == "pong"


async def test_a_frame_of_exactly_four_kilobytes_is_accepted(room):
    padding = 4096 - len('{"action":"ping","ref":""}')
    await room.learner_socket.send_to(text_data='{"action":"ping","ref":"' + "p" * padding + '"}')
    assert (await next_frame(room.learner_socket))["type"] == "pong"


async def test_too_many_questions_get_a_rate_limit_error(room, rate_limit_clock):
    for n in range(5):
        await send(room.learner_socket, "ask", text=f"Question {n}")
        await ack_and_event(room.learner_socket)
    await send(room.learner_socket, "ask", ref="six", text="One more")
    error = await next_frame(room.learner_socket)
    assert (error["type"], error["ref"], error["code"]) == ("error", "six", "rate_limited")
    assert len(await next_frames(room.trainer_socket, 5)) == 5
    assert await quiet(room.trainer_socket) == []


async def test_opening_the_room_lets_learners_take_part(sockets):
    setup = await setup_room(state="scheduled")
    trainer, _snapshot = await joined(sockets, setup.trainer, setup.room)
    learner, snapshot = await joined(sockets, setup.learner, setup.room)
    assert snapshot["room"]["state"] == "scheduled"
    await send(learner, "ask", text="Too early?")
    assert (await next_frame(learner))["code"] == "not_live"
    await send(trainer, "room_open")
    ack, event = await ack_and_event(trainer)
    assert ack["state"] == "live"
    assert await next_frame(learner) == event
    assert (event["kind"], event["data"]["state"]) == ("room.updated", "live")
    await send(learner, "ask", text="Now?")
    ack, _event = await ack_and_event(learner)
    assert ack["status"] == "visible"


async def test_a_hidden_question_disappears_for_participants(room):
    question = await database_sync_to_async(QuestionFactory)(room=room.room, text="Spam")
    await send(room.trainer_socket, "moderate", question=question.pk, do="hide")
    frames = await next_frames(room.trainer_socket, 3)
    updated = next(f for f in frames if f.get("kind") == "question.updated")
    assert updated["data"]["text"] == "Spam"
    learner_sees = await next_frames(room.learner_socket, 2)
    assert learner_sees[0] == {
        "type": "event",
        "seq": updated["seq"],
        "kind": "question.updated",
        "data": {"id": question.pk, "status": "hidden"},
    }
    assert learner_sees[1]["kind"] == "room.updated"
    await send(room.learner_socket, "vote", question=question.pk)
    assert (await next_frame(room.learner_socket))["code"] == "not_found"
