"""The HTTP fallback's actions take the same keys as the websocket's, in the frame or as
an Idempotency-Key header: an action posted again is answered as the first time."""

import json

import pytest

from live import draining
from live.models import ActionReceipt, Question

pytestmark = pytest.mark.django_db


def post(client, room, frame, **headers):
    return client.post(
        f"/api/live/{room.pk}/actions",
        json.dumps(frame),
        content_type="application/json",
        headers=headers,
    )


def test_a_question_posted_twice_under_one_header_key_is_stored_once(learner_client, setup):
    """A POST whose answer was lost is posted again with the same Idempotency-Key: the same
    ack, one question."""
    frame = {"action": "ask", "ref": 3, "text": "Posted twice?"}
    first = post(learner_client, setup.room, frame, **{"Idempotency-Key": "h-1"})
    again = post(learner_client, setup.room, frame, **{"Idempotency-Key": "h-1"})
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    assert first.json()["key"] == "h-1"
    assert Question.objects.count() == 1


def test_the_websockets_key_in_the_frame_works_over_http(learner_client, setup):
    """An action first sent by websocket (key in the frame) and then, the socket blocked,
    posted: the post gets the first answer."""
    frame = {"action": "ask", "ref": 1, "key": "from-the-socket", "text": "Either way"}
    first = post(learner_client, setup.room, frame)
    again = post(learner_client, setup.room, {**frame, "ref": 2})
    assert again.json() == {**first.json(), "ref": 2}
    assert ActionReceipt.objects.get().key == "from-the-socket"
    assert Question.objects.count() == 1


def test_a_header_key_that_differs_from_the_frames_is_refused(learner_client, setup):
    frame = {"action": "ask", "key": "one", "text": "Which key?"}
    response = post(learner_client, setup.room, frame, **{"Idempotency-Key": "two"})
    assert response.status_code == 400
    assert response.json()["code"] == "bad_key"
    assert Question.objects.count() == 0


def test_a_bad_header_key_is_a_400_error_frame(learner_client, setup):
    response = post(
        learner_client, setup.room, {"action": "ask", "text": "?"}, **{"Idempotency-Key": "a b"}
    )
    assert response.status_code == 400
    assert response.json()["code"] == "bad_key"
    assert "letters, digits, hyphens or underscores" in response.json()["message"]


def test_a_stopping_server_refuses_actions_with_503(learner_client, setup):
    """Posted while the process stops: 503 with the "restarting" error; the page posts it
    again, with its key, to the next server."""
    draining._state["stopping"] = True
    try:
        response = post(learner_client, setup.room, {"action": "ask", "key": "k", "text": "?"})
    finally:
        draining.reset()
    assert response.status_code == 503
    assert (response.json()["code"], response.json()["key"]) == ("restarting", "k")
    assert Question.objects.count() == 0
