"""The HTTP fallback's actions while another connection holds SQLite's write lock (the
websocket consumer or another worker writing): the vote waits and goes through, and a
database that stays busy answers a "busy, try again" frame, never a server error."""

import json
import threading

import pytest
from django.db import connection, connections, transaction

from cms import database
from live.factories import QuestionFactory
from live.models import Question

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "sqlite",
        reason="SQLite refuses a second writer; PostgreSQL queues it on the row lock",
    ),
]


def vote(client, room, question):
    frame = {"action": "vote", "ref": "v1", "question": question.pk}
    return client.post(
        f"/api/live/{room.pk}/actions", json.dumps(frame), content_type="application/json"
    )


class WriteLock:
    """Another connection (a thread of its own) writing to the questions table, holding the
    write lock until released."""

    def __init__(self, question):
        self.question = question
        self.taken, self.release, self.released = (threading.Event() for _ in range(3))
        self.errors = []
        self.thread = threading.Thread(target=self.hold)

    def hold(self):
        try:
            with transaction.atomic():
                Question.objects.filter(pk=self.question.pk).update(text=self.question.text)
                self.taken.set()
                self.release.wait(timeout=60)  # a safety net only: the test releases it
        except Exception as error:
            self.errors.append(error)
        finally:
            connections.close_all()
            self.released.set()

    def __enter__(self):
        self.thread.start()
        assert self.taken.wait(timeout=60)
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.thread.join(timeout=60)


def test_a_vote_while_the_database_is_busy_waits_and_counts(learner_client, setup, monkeypatch):
    """The vote meets the lock, waits for it to be released and is counted: 200, one vote."""
    question = QuestionFactory(room=setup.room, text="Why do rivers flood?")
    pauses = []

    with WriteLock(question) as lock:

        def release_the_lock(seconds):
            pauses.append(seconds)
            lock.release.set()
            assert lock.released.wait(timeout=60)

        monkeypatch.setattr(database, "pause", release_the_lock)
        response = vote(learner_client, setup.room, question)

    assert lock.errors == []
    assert pauses, "the vote never met the lock"
    assert response.status_code == 200
    assert response.json()["votes"] == 1
    assert Question.objects.get(pk=question.pk).votes == 1


def test_a_database_that_stays_busy_answers_try_again(learner_client, setup, monkeypatch):
    """When the lock outlasts every retry, the fallback answers a 503 "busy" frame the room
    shows, and nothing is counted."""
    question = QuestionFactory(room=setup.room, text="Why do rivers flood?")
    pauses = []
    monkeypatch.setattr(database, "pause", pauses.append)

    with WriteLock(question):
        response = vote(learner_client, setup.room, question)

    assert len(pauses) == len(database.PAUSES)
    assert response.status_code == 503
    assert response.json()["code"] == "busy"
    assert response.json()["message"] == "The room is very busy: try again in a moment."
    assert Question.objects.get(pk=question.pk).votes == 0
