import pytest

from accounts.factories import UserFactory
from cms import usertext
from enrollment.factories import EnrollmentFactory
from live import services
from live.factories import QuestionFactory
from live.models import Question, QuestionStatus, QuestionVote, Room
from live.services import LiveError
from tests.live.factories import access_of, live_room_setup, room_events

pytestmark = pytest.mark.django_db


def ask(setup, user=None, text_="When is the break?", **kwargs):
    user = user or setup.learner
    return services.question_ask(
        room=setup.room, user=user, access=access_of(user, setup.room), text_=text_, **kwargs
    )


def moderate(setup, question, action, user=None):
    user = user or setup.trainer
    return services.question_moderate(
        room=Room.objects.get(pk=setup.room.pk),
        by=user,
        access=access_of(user, setup.room),
        question_id=question.pk,
        action=action,
    )


def vote(setup, user, question, *, withdraw=False):
    return services.question_vote(
        room=setup.room,
        user=user,
        access=access_of(user, setup.room),
        question_id=question.pk,
        withdraw=withdraw,
    )


def refused(call, *args, **kwargs) -> str:
    with pytest.raises(LiveError) as error:
        call(*args, **kwargs)
    return error.value.code


# --- Asking -----------------------------------------------------------------------------


def test_a_question_reaches_everyone_with_its_authors_name(setup):
    question = ask(setup, text_="  Where are the slides?  ")
    [event] = room_events(setup.room)
    assert event["kind"] == "question.asked"
    assert event["data"] == {
        "id": question.pk,
        "text": "Where are the slides?",
        "author": setup.learner.get_full_name(),
        "anonymous": False,
        "status": "visible",
        "answered": False,
        "votes": 0,
        "created_at": question.created_at.isoformat(),
    }
    assert room_events(setup.room, moderator=True) == [event]


def test_a_learner_without_a_name_appears_without_one_never_by_email(setup):
    setup.learner.first_name = setup.learner.last_name = ""
    setup.learner.save()
    ask(setup)
    [event] = room_events(setup.room)
    assert event["data"]["author"] is None
    assert setup.learner.email not in str(event)


def test_an_anonymous_question_carries_no_name_but_the_database_knows_its_author(setup):
    question = ask(setup, anonymous=True)
    for moderator in (False, True):
        [event] = room_events(setup.room, moderator=moderator)
        assert event["data"]["author"] is None
        assert event["data"]["anonymous"] is True
        assert setup.learner.get_full_name() not in str(event)
    assert Question.objects.get(pk=question.pk).author == setup.learner


def test_control_characters_and_direction_overrides_are_removed(setup):
    """Invisible characters cannot disguise a question or reverse the text around it."""
    question = ask(setup, text_="Is\x00 this\u202e fine\u2066?\x1b\u200f\r\nYes")
    assert question.text == "Is this fine?\nYes"
    assert room_events(setup.room)[0]["data"]["text"] == "Is this fine?\nYes"


@pytest.mark.parametrize("invisible", ["\x7f", "\x85", "\x9b", "\x9f", "\u202a", "\u2069"])
def test_every_control_character_is_removed(setup, invisible):
    """The C0 and C1 control ranges (a terminal escape such as CSI included) and direction
    overrides; accented letters just above them stay."""
    question = ask(setup, text_=f"Caf{invisible}é\xa0ok")
    assert question.text == "Café\xa0ok"


def test_html_is_kept_as_typed_and_escaped_when_rendered(setup):
    """A `<script>` stays plain text: stored and sent as typed, shown escaped on pages."""
    typed = '<script>alert("hi")</script> & <b>bold</b>'
    question = ask(setup, text_=typed)
    assert Question.objects.get(pk=question.pk).text == typed
    assert room_events(setup.room)[0]["data"]["text"] == typed
    html = usertext.render(typed)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<b>" not in html


def test_rendered_links_open_elsewhere_without_passing_credit(setup):
    html = usertext.render("See https://example.org/notes and javascript:alert(1)")
    assert 'href="https://example.org/notes"' in html
    assert 'rel="nofollow noopener noreferrer ugc"' in html
    assert 'target="_blank"' in html
    assert 'href="javascript' not in html


def test_five_hundred_characters_fit_and_one_more_is_refused(setup):
    assert len(ask(setup, text_="a" * 500).text) == 500
    assert refused(ask, setup, text_="b" * 501) == "too_long"
    assert Question.objects.count() == 1


def test_accents_typed_as_two_characters_count_once(setup):
    """Normalised text: an accent typed separately does not eat into the limit."""
    question = ask(setup, text_="e\u0301" * 500)
    assert question.text == "é" * 500


@pytest.mark.parametrize("typed", ["", "   ", "\n\t\n", "\u202e\u200e"])
def test_an_empty_question_is_refused(setup, typed):
    assert refused(ask, setup, text_=typed) == "empty"
    assert not Question.objects.exists()
    assert room_events(setup.room) == []


def test_outsiders_cannot_ask(setup):
    assert refused(ask, setup, user=setup.outsider) == "forbidden"
    assert not Question.objects.exists()


@pytest.mark.parametrize("state", ["scheduled", "ended"])
def test_no_questions_before_the_room_opens_or_after_it_ends(setup, state):
    Room.objects.filter(pk=setup.room.pk).update(state=state)
    setup.room.refresh_from_db()
    assert refused(ask, setup) == "not_live"
    question = QuestionFactory(room=setup.room)
    assert refused(vote, setup, setup.learner, question) == "not_live"
    assert room_events(setup.room) == []


# --- Premoderation ----------------------------------------------------------------------


@pytest.fixture
def premoderated():
    return live_room_setup(premoderation=True)


def test_in_a_premoderated_room_participants_learn_only_that_a_question_waits(premoderated):
    question = ask(premoderated, text_="A delicate question")
    assert question.status == QuestionStatus.PENDING
    [event] = room_events(premoderated.room)
    assert event["kind"] == "question.submitted"
    assert event["data"] == {"id": question.pk}
    [for_moderators] = room_events(premoderated.room, moderator=True)
    assert for_moderators["seq"] == event["seq"]
    assert for_moderators["data"]["text"] == "A delicate question"
    assert for_moderators["data"]["status"] == "pending"


def test_approving_shows_the_question_to_everyone(premoderated):
    question = ask(premoderated)
    moderate(premoderated, question, "approve")
    event = room_events(premoderated.room)[-1]
    assert event["kind"] == "question.updated"
    assert event["data"]["id"] == question.pk
    assert event["data"]["text"] == "When is the break?"
    assert event["data"]["status"] == "visible"


def test_a_moderators_own_question_skips_premoderation(premoderated):
    question = ask(premoderated, user=premoderated.trainer)
    assert question.status == QuestionStatus.VISIBLE
    assert room_events(premoderated.room)[0]["kind"] == "question.asked"


def test_a_hidden_question_disappears_without_revealing_its_text(setup):
    question = ask(setup, text_="Off topic")
    moderate(setup, question, "hide")
    updated = [e for e in room_events(setup.room) if e["kind"] == "question.updated"]
    assert updated[-1]["data"] == {"id": question.pk, "status": "hidden"}
    moderated = [
        e for e in room_events(setup.room, moderator=True) if e["kind"] == updated[-1]["kind"]
    ]
    assert moderated[-1]["data"]["text"] == "Off topic"


# --- Votes ------------------------------------------------------------------------------


def test_each_person_upvotes_a_question_once(setup, django_capture_on_commit_callbacks):
    question = ask(setup)
    other = UserFactory()
    classmate = EnrollmentFactory(session=setup.room.session).user
    with django_capture_on_commit_callbacks(execute=True):
        assert vote(setup, classmate, question).votes == 1
        assert vote(setup, classmate, question).votes == 1
        assert vote(setup, setup.trainer, question).votes == 2
    assert QuestionVote.objects.filter(question=question).count() == 2
    assert refused(vote, setup, other, question) == "forbidden"
    tallies = [e for e in room_events(setup.room) if e["kind"] == "tally"]
    assert tallies[-1]["data"]["questions"] == {str(question.pk): 2}


def test_withdrawing_a_vote_lowers_the_count_once(setup, django_capture_on_commit_callbacks):
    question = ask(setup, user=setup.trainer)
    vote(setup, setup.learner, question)
    with django_capture_on_commit_callbacks(execute=True):
        assert vote(setup, setup.learner, question, withdraw=True).votes == 0
        assert vote(setup, setup.learner, question, withdraw=True).votes == 0
    assert not QuestionVote.objects.exists()
    tallies = [e for e in room_events(setup.room) if e["kind"] == "tally"]
    assert tallies[-1]["data"]["questions"] == {str(question.pk): 0}


def test_tallies_gather_votes_and_repeat_nothing(setup, django_capture_on_commit_callbacks):
    """Votes reach participants as absolute counts, in one event per flush."""
    first, second = ask(setup), ask(setup, text_="Another one")
    for user in UserFactory.create_batch(2):
        QuestionVote.objects.create(question=first, user=user)
    Question.objects.filter(pk=first.pk).update(votes=2, votes_changed=True)
    Question.objects.filter(pk=second.pk).update(votes=0, votes_changed=True)
    event = services.tally_flush(setup.room.pk)
    assert event.kind == "tally"
    assert event.data == {"questions": {str(first.pk): 2, str(second.pk): 0}, "polls": {}}
    assert services.tally_flush(setup.room.pk) is None


@pytest.mark.parametrize("status", [QuestionStatus.PENDING, QuestionStatus.HIDDEN])
def test_only_visible_questions_take_votes(setup, status):
    question = QuestionFactory(room=setup.room, status=status)
    assert refused(vote, setup, setup.learner, question) == "not_found"
    assert Question.objects.get(pk=question.pk).votes == 0


def test_a_question_of_another_room_takes_no_vote(setup):
    question = QuestionFactory()
    assert refused(vote, setup, setup.learner, question) == "not_found"


@pytest.mark.parametrize("question_id", [None, "abc", -1, 0, 2**70, [1]])
def test_a_malformed_question_id_is_refused(setup, question_id):
    code = refused(
        services.question_vote,
        room=setup.room,
        user=setup.learner,
        access=access_of(setup.learner, setup.room),
        question_id=question_id,
    )
    assert code == "bad_request"


# --- Moderation -------------------------------------------------------------------------


def test_answering_marks_the_question_for_everyone(setup):
    question = ask(setup)
    moderate(setup, question, "answer")
    event = room_events(setup.room)[-1]
    assert (event["kind"], event["data"]["answered"]) == ("question.updated", True)
    moderate(setup, question, "unanswer")
    assert room_events(setup.room)[-1]["data"]["answered"] is False


def test_one_question_is_pinned_at_a_time(setup):
    first, second = ask(setup), ask(setup, text_="Second")
    moderate(setup, first, "pin")
    event = room_events(setup.room)[-1]
    assert (event["kind"], event["data"]["pinned"]) == ("room.updated", first.pk)
    moderate(setup, second, "pin")
    assert room_events(setup.room)[-1]["data"]["pinned"] == second.pk
    assert Room.objects.get(pk=setup.room.pk).pinned_question == second
    moderate(setup, first, "unpin")
    assert Room.objects.get(pk=setup.room.pk).pinned_question == second
    moderate(setup, second, "unpin")
    assert room_events(setup.room)[-1]["data"]["pinned"] is None


def test_hiding_the_pinned_question_unpins_it(setup):
    question = ask(setup)
    moderate(setup, question, "pin")
    moderate(setup, question, "hide")
    assert Room.objects.get(pk=setup.room.pk).pinned_question is None
    assert room_events(setup.room)[-1]["kind"] == "room.updated"
    assert room_events(setup.room)[-1]["data"]["pinned"] is None


def test_a_question_participants_cannot_see_cannot_be_pinned(setup):
    question = ask(setup)
    moderate(setup, question, "hide")
    assert refused(moderate, setup, question, "pin") == "not_visible"
    assert Room.objects.get(pk=setup.room.pk).pinned_question is None


@pytest.mark.parametrize("action", ["approve", "hide", "answer", "pin"])
def test_only_moderators_moderate(setup, action):
    question = ask(setup)
    assert refused(moderate, setup, question, action, user=setup.learner) == "forbidden"
    question.refresh_from_db()
    assert (question.status, question.answered) == ("visible", False)
    assert len(room_events(setup.room)) == 1


def test_unknown_moderation_and_missing_questions_are_refused(setup):
    question = ask(setup)
    assert refused(moderate, setup, question, "delete") == "unknown_action"
    question.pk = 999_999
    assert refused(moderate, setup, question, "answer") == "not_found"


# --- Duplicates, own questions ----------------------------------------------------------------


def test_the_same_open_question_is_refused_whatever_its_case_and_spaces(setup):
    """A question already open in the room, typed again with other capitals and spaces, is
    refused with a clear reason, and nobody sees it twice."""
    classmate = EnrollmentFactory(session=setup.room.session).user
    ask(setup, text_="When is the  break?")
    with pytest.raises(LiveError) as error:
        ask(setup, user=classmate, text_="  when IS the\nbreak? ")
    assert error.value.code == "duplicate"
    assert str(error.value.message) == (
        "This question has already been asked: vote for it instead."
    )
    assert Question.objects.filter(room=setup.room).count() == 1


def test_an_answered_or_hidden_question_may_be_asked_again(setup):
    """Once the first one is answered (or hidden by a trainer), the same text is accepted."""
    first = ask(setup)
    moderate(setup, first, "answer")
    second = ask(setup)
    moderate(setup, second, "hide")
    ask(setup)
    assert Question.objects.filter(room=setup.room).count() == 3


def test_the_same_question_in_another_room_is_accepted(setup):
    """Another session's room does not count."""
    ask(setup)
    other = live_room_setup()
    ask(other)
    assert Question.objects.count() == 2


def test_a_learner_cannot_vote_for_their_own_question(setup):
    """Voting for one's own question is refused, and the count stays at zero."""
    question = ask(setup)
    with pytest.raises(LiveError) as error:
        vote(setup, setup.learner, question)
    assert error.value.code == "own_question"
    assert str(error.value.message) == "You cannot vote for your own question."
    question.refresh_from_db()
    assert question.votes == 0
    assert not QuestionVote.objects.exists()


def test_later_stages_hear_of_a_question_asked_inside_its_transaction(setup):
    from live.signals import question_asked
    from tests.signal_capture import captured

    with captured(question_asked) as sent:
        question = ask(setup)
    assert [(s["question"], s["in_transaction"]) for s in sent] == [(question, True)]
