"""What one pass of a crowd's arrivals costs (live.selectors.welcomes): the same queries for
five people as for forty, and nothing read that the room cannot hold."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enrollment.factories import EnrollmentFactory
from live import selectors
from live.factories import PollFactory, QuestionFactory
from live.models import PollOption, PollState, QuestionStatus, QuestionVote
from tests.live.conftest import login_cookie
from tests.live.factories import live_room_setup

pytestmark = pytest.mark.django_db

# The sessions, their users, the users' roles; the room with its session; the trainers and
# the confirmed learners among the arrivals; the arrivals' questions and question votes, in
# one query.
QUERIES_OF_A_PASS = 7


def knocks_of(room, users):
    return [selectors.Knock(room.pk, None, session_key=login_cookie(user)) for user in users]


def shared_snapshots(room, users):
    """A first pass, which reads the room's shared snapshot; the next ones reuse it."""
    welcomes, built = selectors.welcomes(knocks_of(room, users))
    assert all(welcome.access.allowed for welcome in welcomes)
    return {(room.pk, shared.moderator): shared for shared in built}


def queries_of_a_pass(room, knocks, known) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        welcomes, _built = selectors.welcomes(knocks, known)
    assert all(welcome.snapshot is not None for welcome in welcomes)
    return [query["sql"] for query in queries.captured_queries]


def test_five_or_forty_arrivals_cost_the_same_queries():
    setup = live_room_setup()
    QuestionFactory(room=setup.room, text="Everyone's")
    learners = [EnrollmentFactory(session=setup.room.session).user for _ in range(40)]
    known = shared_snapshots(setup.room, [setup.learner, setup.trainer])
    everyone = knocks_of(setup.room, [setup.trainer, *learners])

    five = queries_of_a_pass(setup.room, everyone[:5], known)
    forty = queries_of_a_pass(setup.room, everyone, known)

    assert len(five) == len(forty) == QUERIES_OF_A_PASS
    assert not [sql for sql in forty if "live_pollvote" in sql]


def test_ballots_are_read_once_a_poll_opened():
    """Only an open poll takes ballots: a draft poll costs no query; an open one does, and
    the learner's ballot is in their own part."""
    setup = live_room_setup()
    poll = PollFactory(room=setup.room, question="Draft")
    knocks = knocks_of(setup.room, [setup.learner])

    with_a_draft = queries_of_a_pass(
        setup.room, knocks, shared_snapshots(setup.room, [setup.learner])
    )
    poll.state = PollState.OPEN
    poll.save()
    option = poll.options.first()
    poll.ballots.create(user=setup.learner).options.add(option)
    welcomes, _built = selectors.welcomes(knocks)

    assert len(with_a_draft) == QUERIES_OF_A_PASS
    assert not [sql for sql in with_a_draft if "live_pollvote" in sql]
    assert welcomes[0].me["ballots"] == {str(poll.pk): [option.pk]}


def test_own_questions_awaiting_moderation_are_read_only_for_their_authors():
    setup = live_room_setup(premoderation=True)
    shown = QuestionFactory(room=setup.room, author=setup.learner, text="Shown")
    knocks = knocks_of(setup.room, [setup.learner])
    known = shared_snapshots(setup.room, [setup.learner])

    all_shown = queries_of_a_pass(setup.room, knocks, known)
    waiting = QuestionFactory(
        room=setup.room, author=setup.learner, text="Waiting", status=QuestionStatus.PENDING
    )
    one_waiting = queries_of_a_pass(setup.room, knocks, known)
    welcomes, _built = selectors.welcomes(knocks, known)

    assert len(all_shown) == QUERIES_OF_A_PASS
    assert len(one_waiting) == QUERIES_OF_A_PASS + 1
    assert welcomes[0].me["questions"] == sorted([shown.pk, waiting.pk])
    assert [data["text"] for _created, data in welcomes[0].own_pending] == ["Waiting"]


def test_own_parts_of_several_people_come_in_one_query_with_answers_in_the_polls_order():
    setup = live_room_setup()
    other = EnrollmentFactory(session=setup.room.session).user
    poll = PollFactory(room=setup.room, state=PollState.OPEN, multiple=True, options=["A", "B"])
    first, second = poll.options.all()
    # The second answer moved to the top after the first was created: its position rules.
    first.position, second.position = 1, 0
    PollOption.objects.bulk_update([first, second], ["position"])
    asked = QuestionFactory(room=setup.room, author=setup.learner)
    voted = QuestionFactory(room=setup.room)
    QuestionVote.objects.create(question=voted, user=setup.learner)
    QuestionVote.objects.create(question=asked, user=other)
    poll.ballots.create(user=setup.learner).options.add(first, second)

    with CaptureQueriesContext(connection) as queries:
        mine = selectors.mine_in_room(setup.room, [setup.learner.pk, other.pk, setup.trainer.pk])

    assert len(queries.captured_queries) == 1
    assert mine == {
        setup.learner.pk: {
            "questions": [asked.pk],
            "voted": [voted.pk],
            "ballots": {str(poll.pk): [second.pk, first.pk]},
        },
        other.pk: {"questions": [], "voted": [asked.pk], "ballots": {}},
    }
