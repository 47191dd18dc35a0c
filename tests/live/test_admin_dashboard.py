"""The admin dashboard of a trainer: the live rooms of their sessions where questions wait
for moderation, linked to the console; nothing of another trainer's rooms."""

import pytest

from accounts.factories import TrainerFactory
from live.factories import QuestionFactory
from live.models import QuestionStatus
from tests.live.factories import live_room_setup

pytestmark = pytest.mark.django_db


def dashboard(client, user) -> str:
    client.force_login(user)
    return client.get("/admin/").content.decode()


def test_trainer_sees_questions_waiting_in_their_room(client, home):
    """Three questions awaiting moderation (a visible one does not count) show as "3
    questions to moderate", linked to the room's console."""
    setup = live_room_setup(premoderation=True)
    QuestionFactory.create_batch(3, room=setup.room, status=QuestionStatus.PENDING)
    QuestionFactory(room=setup.room, status=QuestionStatus.VISIBLE)
    html = dashboard(client, setup.trainer)
    assert "Questions waiting in your live rooms" in html
    assert "3 questions to moderate" in html
    assert f'href="/en/live/{setup.room.pk}/console/"' in html


def test_no_panel_without_waiting_questions_or_for_another_trainer(client, home):
    """A room with nothing to moderate shows no panel; another trainer never sees it."""
    setup = live_room_setup(premoderation=True)
    assert "Questions waiting in your live rooms" not in dashboard(client, setup.trainer)
    QuestionFactory(room=setup.room, status=QuestionStatus.PENDING)
    html = dashboard(client, TrainerFactory())
    assert "Questions waiting in your live rooms" not in html
    assert f"/live/{setup.room.pk}/console/" not in html
