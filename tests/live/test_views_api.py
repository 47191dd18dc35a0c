"""The live room over plain HTTP, for networks that block websockets: the long poll of
events and the actions POST speak the websocket's frames."""

import asyncio
import json

import pytest
from asgiref.sync import ThreadSensitiveContext, sync_to_async
from channels.db import database_sync_to_async
from django.db import connections
from django.test import AsyncClient, Client

from live import services
from live.factories import QuestionFactory
from live.models import Announcement, Question, Room
from tests.live.factories import live_room_setup

pytestmark = pytest.mark.django_db


def events_url(room) -> str:
    return f"/api/live/{room.pk}/events"


def actions_url(room) -> str:
    return f"/api/live/{room.pk}/actions"


def announce(room, trainer, text) -> Announcement:
    """A trainer's announcement, through the service: it is numbered like any change."""
    room = Room.objects.get(pk=room.pk)
    access = services.room_access(trainer, room.session)
    return services.announce(room=room, by=trainer, access=access, text_=text)


def post_action(client, room, frame, *, csrf_token=None):
    headers = {"X-CSRFToken": csrf_token} if csrf_token else {}
    return client.post(
        actions_url(room), json.dumps(frame), content_type="application/json", headers=headers
    )


# --- Events -------------------------------------------------------------------------------


def test_events_without_since_is_a_snapshot(learner_client, setup):
    """A client that knows nothing gets the whole room, with the presence counts."""
    QuestionFactory(room=setup.room, text="Visible question")
    response = learner_client.get(events_url(setup.room), {"lang": "en"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    [snapshot] = response.json()["frames"]
    assert snapshot["type"] == "snapshot"
    assert snapshot["room"]["state"] == "live"
    assert [q["text"] for q in snapshot["questions"]] == ["Visible question"]
    assert snapshot["me"]["moderator"] is False
    assert set(snapshot["presence"]) == {"online", "checked_in"}


def test_events_since_returns_what_came_after(learner_client, setup):
    """With ?since=N the client gets the events numbered after N, in order."""
    announce(setup.room, setup.trainer, "First")
    announce(setup.room, setup.trainer, "Second")
    announce(setup.room, setup.trainer, "Third")
    frames = learner_client.get(events_url(setup.room), {"since": 1}).json()["frames"]
    assert [(f["seq"], f["kind"], f["data"]["text"]) for f in frames] == [
        (2, "announcement", "Second"),
        (3, "announcement", "Third"),
    ]


def test_events_since_ahead_of_the_room_is_a_snapshot(learner_client, setup):
    """A client ahead of the log (it saw a database since replaced) starts over."""
    frames = learner_client.get(events_url(setup.room), {"since": 50}).json()["frames"]
    assert [f["type"] for f in frames] == ["snapshot"]


def test_events_too_far_behind_is_a_snapshot(learner_client, setup, settings):
    """A client that missed more than the replay limit gets a snapshot instead."""
    settings.LIVE_REPLAY_LIMIT = 1
    announce(setup.room, setup.trainer, "One")
    announce(setup.room, setup.trainer, "Two")
    frames = learner_client.get(events_url(setup.room), {"since": 0}).json()["frames"]
    assert [f["type"] for f in frames] == ["snapshot"]
    assert frames[0]["seq"] == 2


# While the request waits, the hub counts presence through channels' database_sync_to_async,
# which closes a connection left inside a test's transaction: commit for real here.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_events_wait_then_answer_with_presence(learner_client, setup, settings):
    """With nothing new, the request waits LIVE_LONG_POLL_SECONDS then answers with the
    presence counts."""
    settings.LIVE_LONG_POLL_SECONDS = 0.2
    response = learner_client.get(events_url(setup.room), {"since": 0})
    assert response.status_code == 200
    [frame] = response.json()["frames"]
    assert frame["type"] == "presence"
    assert frame["online"] >= 1  # the poller itself counts
    assert frame["checked_in"] == 0


def test_moderator_events_carry_pending_questions(client, setup):
    """A trainer's events carry the text of a question awaiting moderation; a learner's
    only its number."""
    room = Room.objects.get(pk=setup.room.pk)
    room.premoderation = True
    room.save()
    learner_access = services.room_access(setup.learner, room.session)
    services.question_ask(room=room, user=setup.learner, access=learner_access, text_="Pending?")
    client.force_login(setup.trainer)
    [trainer_frame] = client.get(events_url(room), {"since": 0}).json()["frames"]
    assert trainer_frame["data"]["text"] == "Pending?"
    client.force_login(setup.learner)
    [learner_frame] = client.get(events_url(room), {"since": 0}).json()["frames"]
    assert learner_frame["kind"] == "question.submitted"
    assert "text" not in learner_frame["data"]


def test_events_refuse_anonymous_with_401(client, setup):
    response = client.get(events_url(setup.room), {"since": 0})
    assert response.status_code == 401
    assert response.json() == {
        "type": "refused",
        "reason": "login_required",
        "message": "Log in to join the live room.",
    }


def test_events_refuse_outsider_with_403(client, setup):
    client.force_login(setup.outsider)
    response = client.get(events_url(setup.room), {"since": 0, "lang": "en"})
    assert response.status_code == 403
    assert response.json()["reason"] == "not_enrolled"
    assert response.json()["message"] == (
        "The live room is open to the session's confirmed learners."
    )


def test_events_of_no_room(learner_client):
    response = learner_client.get("/api/live/999999/events")
    assert response.status_code == 403
    assert response.json()["reason"] == "no_such_room"


def test_api_has_no_language_prefix(learner_client, setup):
    """/api/ paths are answered as they are, never redirected to /<lang>/."""
    response = learner_client.get(events_url(setup.room), {"since": "x"})
    assert response.status_code == 200


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_long_poll_returns_as_soon_as_an_event_happens(settings):
    """A waiting request answers with the new event at once, not at the end of its wait."""
    settings.LIVE_LONG_POLL_SECONDS = 10
    setup = await database_sync_to_async(live_room_setup)()
    client = AsyncClient()
    await client.aforce_login(setup.learner)

    async def long_poll():
        # As the ASGI server runs a request: its synchronous parts in a thread of its own.
        async with ThreadSensitiveContext():
            response = await client.get(events_url(setup.room), {"since": 0})
            await sync_to_async(connections.close_all)()  # that thread's, before it ends
            return response

    waiting = asyncio.create_task(long_poll())
    await asyncio.sleep(0.5)
    assert not waiting.done()
    started = asyncio.get_running_loop().time()
    await database_sync_to_async(announce)(setup.room, setup.trainer, "Lunch is served")
    response = await asyncio.wait_for(waiting, timeout=5)
    assert asyncio.get_running_loop().time() - started < 5
    [frame] = response.json()["frames"]
    assert (frame["seq"], frame["kind"], frame["data"]["text"]) == (
        1,
        "announcement",
        "Lunch is served",
    )


# --- Actions ------------------------------------------------------------------------------


def test_action_is_acknowledged(learner_client, setup):
    """An action frame runs like one sent over the socket, and its ack echoes the ref."""
    frame = {"action": "ask", "ref": 7, "text": "Over HTTP?", "anonymous": True}
    response = post_action(learner_client, setup.room, frame)
    assert response.status_code == 200
    question = Question.objects.get(room=setup.room)
    assert question.anonymous
    assert response.json() == {
        "type": "ack",
        "ref": 7,
        "action": "ask",
        "question": question.pk,
        "status": "visible",
    }


def test_refused_action_is_a_400_error_frame(learner_client, setup):
    response = post_action(learner_client, setup.room, {"action": "ask", "ref": "a", "text": ""})
    assert response.status_code == 400
    assert response.json() == {
        "type": "error",
        "ref": "a",
        "code": "empty",
        "message": "Type a question first.",
    }


def test_forbidden_action_is_403(learner_client, setup):
    question = QuestionFactory(room=setup.room)
    frame = {"action": "moderate", "do": "hide", "question": question.pk}
    response = post_action(learner_client, setup.room, frame)
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_rate_limited_action_is_429(learner_client, setup, settings, rate_limit_clock):
    settings.LIVE_RATE_LIMITS = {"ask": 1, "vote": 60, "poll_vote": 30, "moderate": 300}
    post_action(learner_client, setup.room, {"action": "ask", "text": "One"})
    response = post_action(learner_client, setup.room, {"action": "ask", "text": "Two"})
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert response.json()["message"] == "Too many actions at once: wait a minute and try again."


def test_action_over_4_kb_is_413(learner_client, setup):
    frame = {"action": "ask", "text": "x" * 5000}
    response = post_action(learner_client, setup.room, frame)
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert not Question.objects.exists()


@pytest.mark.parametrize("body", ["not json", "[1, 2]", '{"text": "no action"}'])
def test_malformed_action_is_400(learner_client, setup, body):
    response = learner_client.post(actions_url(setup.room), body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "malformed"


def test_unknown_action_is_400(learner_client, setup):
    response = post_action(learner_client, setup.room, {"action": "explode"})
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_action"


def test_action_refuses_outsider(client, setup):
    client.force_login(setup.outsider)
    response = post_action(client, setup.room, {"action": "ask", "text": "Hi"})
    assert response.status_code == 403
    assert response.json()["type"] == "refused"


def test_action_refuses_anonymous(setup):
    response = post_action(Client(), setup.room, {"action": "ask", "text": "Hi"})
    assert response.status_code == 401


def test_actions_need_the_csrf_token(setup):
    """Without the page's CSRF token the action is refused; with it, it runs."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(setup.learner)
    client.get(f"/en/live/{setup.room.pk}/")  # sets the CSRF cookie, as the page does
    refused = post_action(client, setup.room, {"action": "ask", "text": "No token"})
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf"
    assert refused.json()["message"] == "This page has expired: reload it and try again."
    token = client.cookies["csrftoken"].value
    accepted = post_action(
        client, setup.room, {"action": "ask", "text": "With token"}, csrf_token=token
    )
    assert accepted.status_code == 200
    assert list(Question.objects.values_list("text", flat=True)) == ["With token"]


def test_actions_need_a_post(learner_client, setup):
    assert learner_client.get(actions_url(setup.room)).status_code == 405
