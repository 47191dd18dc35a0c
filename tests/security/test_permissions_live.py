"""Who may do what in the live room: every websocket action, for the six roles of the
permission matrix, against one table. People the room refuses are refused at connection
(and their actions through the HTTP fallback are refused too); the rest get an
acknowledgement or an error frame and stay connected."""

import json
from dataclasses import dataclass

import pytest
from channels.db import database_sync_to_async
from django.test import Client
from django.urls import reverse

from live.models import Poll, PollState, Question
from tests.live.conftest import (  # noqa: F401 (fixtures)
    _channel_layer_per_test,
    _close_consumer_connections,
    close_code,
    next_frame,
    send,
    sockets,
)
from tests.security.conftest import ROLES, World, build_world

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SNAPSHOT = "snapshot"
PONG = "pong"
ACK = "ack"
LOGIN_REQUIRED = "refused:login_required"
NOT_ENROLLED = "refused:not_enrolled"


def error(code: str) -> str:
    return f"error:{code}"


FORBIDDEN = error("forbidden")


@dataclass
class Action:
    """One frame a client sends, and what each role receives, in the order of ROLES:
    anonymous, learner A, learner B, the session's trainer, another trainer, an
    administrator. Sent in table order, over one connection per role."""

    name: str
    frame: dict
    outcomes: tuple[str, ...]


def room_action(name, frame, learner_a, learner_b, moderator, administrator=None):
    """The two refused roles are refused whatever they send."""
    return Action(
        name,
        frame,
        (LOGIN_REQUIRED, learner_a, learner_b, moderator, NOT_ENROLLED, administrator or moderator),
    )


QUESTION = "{question}"  # learner A's anonymous question
POLL = "{poll}"  # an open poll A answered
OPTION = "{option}"  # an option of that poll
DRAFT = "{draft}"  # a draft poll

# Each row: the action, its frame, then learner A, learner B, the trainer, (the admin).
TABLE = [
    room_action("ping", {"action": "ping"}, PONG, PONG, PONG),
    room_action("resume", {"action": "resume"}, SNAPSHOT, SNAPSHOT, SNAPSHOT),
    room_action("ask", {"action": "ask", "text": "Are the slides shared?"}, ACK, ACK, ACK),
    # Nobody votes for their own question.
    room_action("vote", {"action": "vote", "question": QUESTION}, error("own_question"), ACK, ACK),
    room_action("unvote", {"action": "unvote", "question": QUESTION}, ACK, ACK, ACK),
    room_action(
        "poll_vote",
        {"action": "poll_vote", "poll": POLL, "options": [OPTION]},
        error("already_voted"),
        ACK,
        ACK,
    ),
    room_action(
        "moderate answer",
        {"action": "moderate", "question": QUESTION, "do": "answer"},
        FORBIDDEN,
        FORBIDDEN,
        ACK,
    ),
    room_action(
        "moderate pin",
        {"action": "moderate", "question": QUESTION, "do": "pin"},
        FORBIDDEN,
        FORBIDDEN,
        ACK,
    ),
    room_action(
        "moderate hide",
        {"action": "moderate", "question": QUESTION, "do": "hide"},
        FORBIDDEN,
        FORBIDDEN,
        ACK,
    ),
    room_action(
        "moderate approve",
        {"action": "moderate", "question": QUESTION, "do": "approve"},
        FORBIDDEN,
        FORBIDDEN,
        ACK,
    ),
    room_action(
        "poll_create",
        {"action": "poll_create", "question": "Next topic?", "options": ["Maps", "Wells"]},
        FORBIDDEN,
        FORBIDDEN,
        ACK,
    ),
    room_action("poll_open", {"action": "poll_open", "poll": DRAFT}, FORBIDDEN, FORBIDDEN, ACK),
    room_action("poll_close", {"action": "poll_close", "poll": POLL}, FORBIDDEN, FORBIDDEN, ACK),
    room_action(
        "announce", {"action": "announce", "text": "Break until 11:00"}, FORBIDDEN, FORBIDDEN, ACK
    ),
    room_action("room_close", {"action": "room_close"}, FORBIDDEN, FORBIDDEN, ACK),
    room_action("room_open", {"action": "room_open"}, FORBIDDEN, FORBIDDEN, ACK),
    room_action(
        "an unknown action",
        {"action": "dance"},
        error("unknown_action"),
        error("unknown_action"),
        error("unknown_action"),
    ),
]


def filled(frame: dict, w: World) -> dict:
    ids = {
        QUESTION: w.question_id,
        POLL: w.poll_id,
        OPTION: w.poll_option_id,
        DRAFT: w.draft_poll_id,
    }

    def fill(value):
        if isinstance(value, list):
            return [fill(item) for item in value]
        return ids.get(value, value)

    return {key: fill(value) for key, value in frame.items()}


async def over_the_socket(communicator, name: str, frame: dict) -> str:
    """The answer to `frame`: the snapshot, pong, ack or error bearing its ref; events the
    action caused are passed over."""
    await send(
        communicator, frame["action"], ref=name, **{k: v for k, v in frame.items() if k != "action"}
    )
    while True:
        answer = await next_frame(communicator)
        if answer["type"] == "snapshot":
            return SNAPSHOT
        if answer["type"] in ("pong", "ack", "error") and answer.get("ref") == name:
            return answer["type"] if answer["type"] != "error" else error(answer["code"])


@database_sync_to_async
def over_http(user, w: World, frame: dict) -> str:
    """The same frame through the HTTP fallback, for people the socket refused."""
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.post(
        reverse("live_api:actions", args=[w.session.pk]),
        json.dumps(frame),
        content_type="application/json",
    )
    answer = response.json()
    if answer["type"] == "refused":
        return f"refused:{answer['reason']}"
    return answer["type"] if answer["type"] != "error" else error(answer["code"])


CONNECT = ("connect", (LOGIN_REQUIRED, SNAPSHOT, SNAPSHOT, SNAPSHOT, NOT_ENROLLED, SNAPSHOT))


@pytest.mark.parametrize("role", ROLES)
async def test_live_room_actions(sockets, role):  # noqa: F811
    """Each role receives, for each action in turn, what the table says."""
    w = await database_sync_to_async(build_world)()
    user = w.users[role]
    column = ROLES.index(role)
    expected = {CONNECT[0]: CONNECT[1][column]}
    expected.update({action.name: action.outcomes[column] for action in TABLE})

    communicator, _connected = await sockets(user, w.session.pk)
    first = await next_frame(communicator)
    observed = {
        "connect": first["type"] if first["type"] != "refused" else f"refused:{first['reason']}"
    }
    if first["type"] == "refused":
        assert await close_code(communicator) == 4403
        for action in TABLE:
            observed[action.name] = await over_http(user, w, filled(action.frame, w))
    else:
        for action in TABLE:
            observed[action.name] = await over_the_socket(
                communicator, action.name, filled(action.frame, w)
            )
    assert observed == expected


async def test_ids_from_another_room_reach_nothing(sockets):  # noqa: F811
    """Another trainer, in the room of their own session, cannot moderate, vote on or close
    what belongs to this session's room by sending its ids."""
    w = await database_sync_to_async(build_world)()
    communicator, _connected = await sockets(w.users["other_trainer"], w.other_session.pk)
    assert (await next_frame(communicator))["type"] == SNAPSHOT
    observed = {}
    for name, frame in {
        "moderate": {"action": "moderate", "question": w.question_id, "do": "hide"},
        "vote": {"action": "vote", "question": w.question_id},
        "poll_vote": {"action": "poll_vote", "poll": w.poll_id, "options": [w.poll_option_id]},
        "poll_open": {"action": "poll_open", "poll": w.draft_poll_id},
        "poll_close": {"action": "poll_close", "poll": w.poll_id},
    }.items():
        observed[name] = await over_the_socket(communicator, name, frame)
    # A poll of another room is, from this one, a poll that is not open.
    assert observed == {
        **dict.fromkeys(observed, error("not_found")),
        "poll_vote": error("poll_closed"),
    }

    question = await database_sync_to_async(Question.objects.get)(pk=w.question_id)
    poll = await database_sync_to_async(Poll.objects.get)(pk=w.poll_id)
    assert (question.status, question.votes) == ("visible", 0)
    assert (poll.state, poll.voters) == (PollState.OPEN, 0)
