import pytest

from enrollment.factories import EnrollmentFactory
from live import selectors, services
from live.factories import PollFactory
from live.models import Poll, PollState, PollVote, Room
from live.services import LiveError
from tests.live.factories import access_of, room_events

pytestmark = pytest.mark.django_db


def create(setup, question="Which day suits you?", options=("Monday", "Tuesday"), **kwargs):
    user = kwargs.pop("user", setup.trainer)
    return services.poll_create(
        room=setup.room,
        by=user,
        access=access_of(user, setup.room),
        question=question,
        options=list(options),
        **kwargs,
    )


def set_state(setup, poll, state, user=None):
    user = user or setup.trainer
    change = services.poll_open if state == "open" else services.poll_close
    return change(room=setup.room, by=user, access=access_of(user, setup.room), poll_id=poll.pk)


def ballot(setup, poll, user, *options):
    return services.poll_vote(
        room=Room.objects.get(pk=setup.room.pk),
        user=user,
        access=access_of(user, setup.room),
        poll_id=poll.pk,
        option_ids=[option.pk for option in options],
    )


def refused(call, *args, **kwargs) -> str:
    with pytest.raises(LiveError) as error:
        call(*args, **kwargs)
    return error.value.code


def option_ids(poll):
    return list(poll.options.values_list("pk", flat=True))


# --- Creating ---------------------------------------------------------------------------


def test_a_new_poll_is_a_draft_only_moderators_see(setup):
    poll = create(setup, options=["Monday", "  ", "Tuesday"], multiple=True)
    assert poll.state == PollState.DRAFT
    assert [o.text for o in poll.options.all()] == ["Monday", "Tuesday"]
    [event] = room_events(setup.room)
    assert (event["kind"], event["data"]) == ("poll.created", {"id": poll.pk})
    [for_moderators] = room_events(setup.room, moderator=True)
    assert for_moderators["data"] == {
        "id": poll.pk,
        "question": "Which day suits you?",
        "multiple": True,
        "state": "draft",
        "voters": 0,
        "options": [
            {"id": pk, "text": text, "votes": 0}
            for pk, text in poll.options.values_list("pk", "text")
        ],
    }
    learner = access_of(setup.learner, setup.room)
    assert selectors.snapshot(setup.room, setup.learner, learner)["polls"] == []
    trainer = access_of(setup.trainer, setup.room)
    [shown] = selectors.snapshot(setup.room, setup.trainer, trainer)["polls"]
    assert shown["id"] == poll.pk


@pytest.mark.parametrize(
    ("question", "options", "code"),
    [
        ("Pick one", ["Only"], "options"),
        ("Pick one", ["Only", "", "   "], "options"),
        ("Pick one", [str(n) for n in range(11)], "options"),
        ("", ["Yes", "No"], "empty"),
        ("x" * 301, ["Yes", "No"], "too_long"),
        ("Pick one", ["Yes", "n" * 201], "too_long"),
    ],
)
def test_invalid_polls_are_refused(setup, question, options, code):
    assert refused(create, setup, question=question, options=options) == code
    assert not Poll.objects.exists()
    assert room_events(setup.room) == []


def test_ten_options_and_long_texts_at_the_limit_are_accepted(setup):
    poll = create(setup, question="q" * 300, options=["o" * 200] + [str(n) for n in range(9)])
    assert poll.options.count() == 10


def test_learners_cannot_create_or_open_polls(setup):
    assert refused(create, setup, user=setup.learner) == "forbidden"
    poll = PollFactory(room=setup.room)
    assert refused(set_state, setup, poll, "open", user=setup.learner) == "forbidden"
    assert Poll.objects.get(pk=poll.pk).state == PollState.DRAFT


def test_opening_and_closing_shows_the_poll_to_everyone(setup):
    poll = create(setup)
    set_state(setup, poll, "open")
    event = room_events(setup.room)[-1]
    assert event["kind"] == "poll.updated"
    assert (event["data"]["state"], event["data"]["question"]) == ("open", "Which day suits you?")
    assert [o["text"] for o in event["data"]["options"]] == ["Monday", "Tuesday"]
    learner = access_of(setup.learner, setup.room)
    assert selectors.snapshot(setup.room, setup.learner, learner)["polls"][0]["state"] == "open"
    set_state(setup, poll, "close")
    assert room_events(setup.room)[-1]["data"]["state"] == "closed"


def test_opening_an_open_poll_again_sends_nothing(setup):
    poll = create(setup)
    set_state(setup, poll, "open")
    set_state(setup, poll, "open")
    assert [e["kind"] for e in room_events(setup.room)] == ["poll.created", "poll.updated"]


def test_a_poll_of_another_room_cannot_be_opened(setup):
    poll = PollFactory()
    assert refused(set_state, setup, poll, "open") == "not_found"


# --- Voting -----------------------------------------------------------------------------


@pytest.fixture
def open_poll(setup):
    poll = create(setup)
    set_state(setup, poll, "open")
    return poll


def test_one_ballot_per_person(setup, open_poll):
    monday, tuesday = open_poll.options.all()
    ballot(setup, open_poll, setup.learner, monday)
    assert refused(ballot, setup, open_poll, setup.learner, tuesday) == "already_voted"
    assert PollVote.objects.filter(poll=open_poll).count() == 1
    monday.refresh_from_db()
    tuesday.refresh_from_db()
    assert (monday.votes, tuesday.votes) == (1, 0)
    learner = access_of(setup.learner, setup.room)
    me = selectors.snapshot(setup.room, setup.learner, learner)["me"]
    assert me["ballots"] == {str(open_poll.pk): [monday.pk]}


def test_a_single_choice_poll_refuses_two_answers(setup, open_poll):
    monday, tuesday = open_poll.options.all()
    assert refused(ballot, setup, open_poll, setup.learner, monday, tuesday) == "one_choice"
    assert not PollVote.objects.exists()


def test_a_multiple_choice_poll_takes_several_answers(setup):
    poll = create(setup, options=["Maps", "Charts", "Tables"], multiple=True)
    set_state(setup, poll, "open")
    maps, _charts, tables = poll.options.all()
    ballot(setup, poll, setup.learner, maps, tables)
    votes = dict(poll.options.values_list("text", "votes"))
    assert votes == {"Maps": 1, "Charts": 0, "Tables": 1}
    assert Poll.objects.get(pk=poll.pk).voters == 1


def test_a_ballot_needs_an_answer_of_this_poll(setup, open_poll):
    other = PollFactory(room=setup.room)
    assert refused(ballot, setup, open_poll, setup.learner) == "no_choice"
    stranger = other.options.first()
    assert refused(ballot, setup, open_poll, setup.learner, stranger) == "no_choice"
    assert not PollVote.objects.exists()


@pytest.mark.parametrize("state", [PollState.DRAFT, PollState.CLOSED])
def test_draft_and_closed_polls_take_no_ballots(setup, state):
    poll = PollFactory(room=setup.room, state=state)
    code = refused(ballot, setup, poll, setup.learner, poll.options.first())
    assert code == "poll_closed"
    assert not PollVote.objects.exists()


def test_a_closed_poll_refuses_a_late_ballot(setup, open_poll):
    set_state(setup, open_poll, "close")
    assert refused(ballot, setup, open_poll, setup.learner, open_poll.options.first()) == (
        "poll_closed"
    )


def test_outsiders_cannot_vote(setup, open_poll):
    code = refused(ballot, setup, open_poll, setup.outsider, open_poll.options.first())
    assert code == "forbidden"


def test_tallies_carry_the_absolute_counts_of_every_option(
    setup, open_poll, django_capture_on_commit_callbacks
):
    monday, tuesday = open_poll.options.all()
    others = [EnrollmentFactory(session=setup.room.session).user for _ in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        ballot(setup, open_poll, setup.learner, monday)
        ballot(setup, open_poll, others[0], monday)
        ballot(setup, open_poll, others[1], tuesday)
    tallies = [e for e in room_events(setup.room) if e["kind"] == "tally"]
    assert tallies[-1]["data"] == {
        "questions": {},
        "polls": {
            str(open_poll.pk): {
                "voters": 3,
                "options": {str(monday.pk): 2, str(tuesday.pk): 1},
            }
        },
    }
    seqs = [e["seq"] for e in room_events(setup.room)]
    assert seqs == list(range(1, len(seqs) + 1))


def test_no_ballots_while_the_room_is_not_live(setup, open_poll):
    Room.objects.filter(pk=setup.room.pk).update(state="ended")
    assert refused(ballot, setup, open_poll, setup.learner, open_poll.options.first()) == (
        "not_live"
    )


def test_later_stages_hear_of_an_answer_once(setup, open_poll):
    from live.signals import poll_answered
    from tests.signal_capture import captured

    monday = open_poll.options.first()
    with captured(poll_answered) as sent:
        ballot(setup, open_poll, setup.learner, monday)
        refused(ballot, setup, open_poll, setup.learner, monday)
    assert [(s["poll"], s["user"], s["options"], s["in_transaction"]) for s in sent] == [
        (open_poll, setup.learner, [monday], True)
    ]
