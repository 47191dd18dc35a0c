"""Votes, tallies and moderation running at the same instant in several transactions, as
they do with several server processes."""

import threading

import pytest
from django.db import connection, connections

from enrollment.factories import EnrollmentFactory
from live import broadcast, services
from live.factories import QuestionFactory
from live.models import Event, Question
from tests.live.factories import access_of, live_room_setup

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="real concurrent transactions need PostgreSQL (SQLite serialises writers)",
    ),
]


def run_together(*works):
    """Run each callable in its own thread, released at the same instant; returns errors."""
    barrier = threading.Barrier(len(works))
    errors = []

    def worker(work):
        try:
            barrier.wait()
            work()
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(work,)) for work in works]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def last_tallied(room, question) -> int | None:
    count = None
    for data in (
        Event.objects.filter(room=room, kind="tally").order_by("seq").values_list("data", flat=True)
    ):
        count = data["questions"].get(str(question.pk), count)
    return count


def test_tallies_end_with_the_true_count_while_votes_pour_in():
    """However votes and tallies interleave, the last tally a participant sees is right."""
    setup = live_room_setup()
    question = QuestionFactory(room=setup.room)
    voters = [EnrollmentFactory(session=setup.room.session).user for _ in range(24)]
    done = threading.Event()

    def voting(user):
        def work():
            access = access_of(user, setup.room)
            for withdraw in (False, True, False):
                services.question_vote(
                    room=setup.room,
                    user=user,
                    access=access,
                    question_id=question.pk,
                    withdraw=withdraw,
                )

        return work

    def flushing():
        try:
            while not done.is_set():
                services.tally_flush(setup.room.pk)
        finally:
            connections.close_all()

    flusher = threading.Thread(target=flushing)
    flusher.start()
    try:
        errors = run_together(*(voting(user) for user in voters))
    finally:
        done.set()
        flusher.join(timeout=60)
    assert errors == []
    services.tally_flush(setup.room.pk)
    assert Question.objects.get(pk=question.pk).votes == len(voters)
    assert last_tallied(setup.room, question) == len(voters)
    seqs = list(Event.objects.filter(room=setup.room).order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))


def test_moderating_a_question_while_its_votes_are_tallied_never_deadlocks():
    setup = live_room_setup()
    question = QuestionFactory(room=setup.room)
    voters = [EnrollmentFactory(session=setup.room.session).user for _ in range(8)]

    def moderating():
        access = access_of(setup.trainer, setup.room)
        for n in range(30):
            services.question_moderate(
                room=setup.room,
                by=setup.trainer,
                access=access,
                question_id=question.pk,
                action="answer" if n % 2 else "unanswer",
            )

    def voting(user):
        def work():
            access = access_of(user, setup.room)
            for n in range(10):
                services.question_vote(
                    room=setup.room,
                    user=user,
                    access=access,
                    question_id=question.pk,
                    withdraw=bool(n % 2),
                )
                services.tally_flush(setup.room.pk)

        return work

    errors = run_together(moderating, *(voting(user) for user in voters))
    assert errors == []


def test_a_vote_committed_while_a_tally_is_written_reaches_the_next_tally(monkeypatch):
    """The vote lands between the tally reading the counts and marking them sent."""
    setup = live_room_setup()
    question = QuestionFactory(room=setup.room)
    latecomer = EnrollmentFactory(session=setup.room.session).user
    monkeypatch.setattr(broadcast, "request_tally", lambda room_id: None)

    def vote(user):
        services.question_vote(
            room=setup.room,
            user=user,
            access=access_of(user, setup.room),
            question_id=question.pk,
        )

    vote(setup.learner)
    voting = threading.Thread(target=lambda: run_together(lambda: vote(latecomer)))

    def vote_meanwhile(execute, sql, params, many, context):
        if 'FROM "live_poll"' in sql and not voting.is_alive() and voting.ident is None:
            voting.start()
            voting.join(timeout=1)  # a vote waiting for the tally's lock is fine too
        return execute(sql, params, many, context)

    with connection.execute_wrapper(vote_meanwhile):
        services.tally_flush(setup.room.pk)
    voting.join(timeout=10)
    services.tally_flush(setup.room.pk)
    assert Question.objects.get(pk=question.pk).votes == 2
    assert last_tallied(setup.room, question) == 2
