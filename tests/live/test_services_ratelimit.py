import pytest

from enrollment.factories import EnrollmentFactory
from live import services
from live.factories import QuestionFactory
from live.models import Question
from live.services import LiveError
from tests.live.factories import access_of

pytestmark = pytest.mark.django_db


def ask(setup, user, text_="Why?"):
    return services.question_ask(
        room=setup.room, user=user, access=access_of(user, setup.room), text_=text_
    )


def test_the_sixth_question_in_a_minute_is_refused(setup, rate_limit_clock):
    for n in range(5):
        ask(setup, setup.learner, f"Question {n}")
    with pytest.raises(LiveError) as error:
        ask(setup, setup.learner, "One too many")
    assert error.value.code == "rate_limited"
    assert str(error.value.message) == "Too many actions at once: wait a minute and try again."
    assert Question.objects.count() == 5


def test_each_person_has_their_own_limit(setup, rate_limit_clock):
    other = EnrollmentFactory(session=setup.room.session).user
    for n in range(5):
        ask(setup, setup.learner, f"Question {n}")
    assert ask(setup, other).pk
    assert Question.objects.filter(author=other).count() == 1


def test_the_limit_resets_the_next_minute(setup, rate_limit_clock):
    for n in range(5):
        ask(setup, setup.learner, f"Question {n}")
    rate_limit_clock.value += 60
    assert ask(setup, setup.learner).pk


def test_limits_come_from_settings(setup, rate_limit_clock, settings):
    settings.LIVE_RATE_LIMITS = {"ask": 1, "vote": 2}
    ask(setup, setup.learner)
    with pytest.raises(LiveError):
        ask(setup, setup.learner)
    question = QuestionFactory(room=setup.room)
    access = access_of(setup.learner, setup.room)
    for withdraw in (False, True):
        services.question_vote(
            room=setup.room,
            user=setup.learner,
            access=access,
            question_id=question.pk,
            withdraw=withdraw,
        )
    with pytest.raises(LiveError) as error:
        services.question_vote(
            room=setup.room, user=setup.learner, access=access, question_id=question.pk
        )
    assert error.value.code == "rate_limited"


def test_votes_and_questions_are_counted_apart(setup, rate_limit_clock, settings):
    settings.LIVE_RATE_LIMITS = {"ask": 1, "vote": 5}
    question = QuestionFactory(room=setup.room)
    services.question_vote(
        room=setup.room,
        user=setup.learner,
        access=access_of(setup.learner, setup.room),
        question_id=question.pk,
    )
    assert ask(setup, setup.learner).pk
