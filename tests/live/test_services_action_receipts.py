"""Receipts of keyed actions: two copies of one action racing on two server processes are
done once; receipts older than a day are pruned."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from live import actions, services
from live.models import ActionReceipt, Question
from tests.live.factories import access_of, live_room_setup
from tests.live.test_services_concurrency import run_together


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="real concurrent transactions need PostgreSQL (SQLite serialises writers)",
)
def test_two_copies_of_one_question_at_the_same_instant_are_stored_once():
    """The page sent its question again on a new connection while the first server was
    still writing it: both copies get the same ack, and one question is stored."""
    setup = live_room_setup()
    access = access_of(setup.learner, setup.room)
    frame = {"action": "ask", "key": "twin", "text": "Asked on two servers"}
    answers = []

    def ask():
        answers.append(actions.perform(setup.room.pk, setup.learner, access, frame))

    assert run_together(ask, ask, ask) == []
    question = Question.objects.get()
    assert answers == [{"question": question.pk, "status": "visible"}] * 3
    assert ActionReceipt.objects.count() == 1


@pytest.mark.django_db
def test_receipts_older_than_a_day_are_pruned():
    setup = live_room_setup()
    access = access_of(setup.learner, setup.room)
    for key in ("old", "new"):
        actions.perform(
            setup.room.pk, setup.learner, access, {"action": "ask", "key": key, "text": key}
        )
    ActionReceipt.objects.filter(key="old").update(created_at=timezone.now() - timedelta(days=2))
    assert services.action_receipts_prune() == 1
    assert list(ActionReceipt.objects.values_list("key", flat=True)) == ["new"]
