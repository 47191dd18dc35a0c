"""The live room's page sends an unanswered action again, under the same key, once it has
reconnected: a question whose answer was lost with the connection is stored and shown once."""

import json

import pytest
from playwright.sync_api import expect

from live.models import ActionReceipt, Question
from tests.browser.conftest import wait_for
from tests.browser.test_browser_live import open_logged_in, wait_live
from tests.live.factories import live_room_setup

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_question_whose_ack_was_lost_is_sent_again_and_stored_once(asgi_contexts, home):
    setup = live_room_setup()
    room = f"/en/live/{setup.room.pk}/"
    context = asgi_contexts()
    connections = []
    sent = []

    def through_the_network(page_side):
        """Every websocket of the page passes here; the first one breaks just as the server
        answers the question: the answer never reaches the page."""
        server_side = page_side.connect_to_server()
        number = len(connections)
        connections.append(page_side)

        def to_server(message):
            sent.append((number, json.loads(message)))
            server_side.send(message)

        def to_page(message):
            frame = json.loads(message)
            if number == 0 and frame.get("type") == "ack" and frame.get("action") == "ask":
                server_side.close()
                page_side.close(code=1000)
                return
            page_side.send(message)

        page_side.on_message(to_server)
        server_side.on_message(to_page)

    context.route_web_socket("**/ws/live/**", through_the_network)
    learner = open_logged_in(context, room, setup.learner)
    wait_live(learner)

    learner.fill("#live-ask-text", "Will the recording be online?")
    learner.get_by_role("button", name="Send my question").click()
    wait_for(learner, "liveRoom.unanswered === 0 && liveRoom.mode === 'live'", timeout_ms=15_000)

    asks = [(number, frame) for number, frame in sent if frame.get("action") == "ask"]
    assert [number for number, _frame in asks] == [0, 1]
    assert asks[0][1]["key"] == asks[1][1]["key"]
    assert Question.objects.filter(text="Will the recording be online?").count() == 1
    assert ActionReceipt.objects.count() == 1
    shown = learner.locator("#live-questions li", has_text="Will the recording be online?")
    expect(shown).to_have_count(1)
    expect(learner.locator("#live-ask-text")).to_have_value("")
    assert learner.script_errors == [], learner.script_errors
