"""Every action of the live room, over the websocket or the HTTP fallback (both run
live.actions.perform), counts against its sender's limit."""

import pytest

from live import actions
from live.factories import PollFactory, QuestionFactory
from live.models import Poll, PollState, Question, RoomState
from live.services import LiveError
from tests.live.factories import access_of

pytestmark = pytest.mark.django_db

NO_ACTION_ALLOWED = {"ask": 0, "vote": 0, "poll_vote": 0, "moderate": 0}


def frames(setup) -> dict[str, tuple[object, dict]]:
    """For each action, who sends it and a frame that would otherwise succeed."""
    question = QuestionFactory(room=setup.room)
    draft = PollFactory(room=setup.room)
    poll = PollFactory(room=setup.room, state=PollState.OPEN)
    option = poll.options.first().pk
    learner, trainer = setup.learner, setup.trainer
    return {
        "ask": (learner, {"text": "Why?"}),
        "vote": (learner, {"question": question.pk}),
        "unvote": (learner, {"question": question.pk}),
        "poll_vote": (learner, {"poll": poll.pk, "options": [option]}),
        "moderate": (trainer, {"question": question.pk, "do": "answer"}),
        "poll_create": (trainer, {"question": "Clear?", "options": ["Yes", "No"]}),
        "poll_open": (trainer, {"poll": draft.pk}),
        "poll_close": (trainer, {"poll": poll.pk}),
        "announce": (trainer, {"text": "Break until ten."}),
        "room_open": (trainer, {}),
        "room_close": (trainer, {}),
    }


def test_every_action_is_refused_past_its_limit(setup, settings):
    """With no action allowed this minute, each one is refused as rate limited and changes
    nothing: no question, no vote, no poll, no state change."""
    table = frames(setup)
    assert set(table) == set(actions.ACTIONS), "a live action without a rate-limit case"
    settings.LIVE_RATE_LIMITS = NO_ACTION_ALLOWED
    refused = {}
    for action, (user, frame) in table.items():
        with pytest.raises(LiveError) as error:
            actions.perform(
                setup.room.pk, user, access_of(user, setup.room), {"action": action, **frame}
            )
        refused[action] = error.value.code
    assert refused == dict.fromkeys(table, "rate_limited")
    assert Question.objects.count() == 1
    assert Question.objects.get().votes == 0
    assert list(Poll.objects.values_list("state", flat=True).order_by("pk")) == [
        PollState.DRAFT,
        PollState.OPEN,
    ]
    setup.room.refresh_from_db()
    assert setup.room.state == RoomState.LIVE


def test_the_same_frames_succeed_within_the_limits(setup):
    """The frames above are valid: under the default limits each action goes through."""
    for action, (user, frame) in frames(setup).items():
        actions.perform(
            setup.room.pk, user, access_of(user, setup.room), {"action": action, **frame}
        )
