"""The figures read from attempts: a learner's quiz score in a course, and item analysis."""

import uuid

import pytest

from accounts.factories import UserFactory
from enrollment import steps
from enrollment.factories import EnrollmentFactory
from learning.factories import LessonPageFactory
from learning.selectors.quizzes import course_quiz_results, lesson_item_analysis
from learning.services.quizzes import quiz_submit
from tests.learning.quiz_world import questions, quiz_world

pytestmark = pytest.mark.django_db


def submit(world, user, lesson=None, **changes):
    return quiz_submit(
        user=user,
        lesson=lesson or world.lesson,
        answers=world.answers(**changes),
        token=uuid.uuid4(),
    )


def learner(world):
    user = UserFactory()
    EnrollmentFactory(user=user, session=world.session)
    return user


def test_quiz_score_is_the_mean_of_best_scores(home):
    """Two graded quizzes: best 100 in one, none taken in the other: 50%; knowledge checks
    do not count."""
    world = quiz_world(home, max_attempts=0)
    LessonPageFactory(parent=world.module, questions=questions(), graded=True)
    check = LessonPageFactory(parent=world.module, questions=questions(), graded=False)
    submit(world, world.learner, single="0", multiple="")  # 60
    submit(world, world.learner)  # 100
    submit(world, world.learner, single="0")  # 80: the best stays 100
    quiz_submit(
        user=world.learner, lesson=check, answers={}, token=uuid.uuid4()
    )  # a knowledge check failed
    assert steps.measure(steps.QUIZ_SCORE, world.learner, world.course) == 50
    assert steps.measure(steps.QUIZ_SCORE, UserFactory(), world.course) == 0


def test_a_course_without_graded_quiz_scores_full_marks(home):
    """With no graded quiz, nothing stands between the learner and a rule asking a score:
    the measure is 100, whatever the knowledge checks gave."""
    world = quiz_world(home, graded=False)
    submit(world, world.learner)
    assert steps.measure(steps.QUIZ_SCORE, world.learner, world.course) == 100


def test_item_analysis_counts(home, django_assert_max_num_queries):
    """Four learners: the share of right answers per question, the most chosen wrong
    answer with its label, the pass rate and mean score of the quiz."""
    world = quiz_world(home, max_attempts=0)
    learners = [world.learner, *(learner(world) for _ in range(3))]
    submit(world, learners[0])  # 100
    submit(world, learners[1], single="0", numeric="9,7")  # 60
    submit(world, learners[2], single="0", short="Mombasa")  # 60
    submit(world, learners[3], single="2", multiple="0", true_false="")  # 50
    with django_assert_max_num_queries(8):
        (result,) = course_quiz_results(world.course, "en")
    assert (result.attempts, result.learners, result.learners_passed) == (4, 4, 1)
    assert result.pass_percent == 25 and result.mean_score == 67.5
    single, multiple, true_false, numeric, short = result.questions
    assert (single.answered, single.right, single.right_percent) == (4, 1, 25)
    assert (single.wrong_label, single.wrong_count) == ("Anemometer", 2)
    assert (multiple.right_percent, multiple.wrong_label) == (75, "Solar")
    assert (true_false.right_percent, true_false.wrong_label) == (75, "")  # blank is no choice
    assert (numeric.wrong_label, numeric.wrong_count) == ("9.7 m/s²", 1)
    assert (short.wrong_label, short.right_percent) == ("Mombasa", 75)


def test_item_analysis_queries_do_not_grow(home, django_assert_max_num_queries):
    """More lessons and attempts, the same number of queries."""
    world = quiz_world(home, max_attempts=0)
    for _ in range(3):
        lesson = LessonPageFactory(parent=world.module, questions=questions(), graded=True)
        submit(world, learner(world), lesson=lesson)
    with django_assert_max_num_queries(8):
        results = course_quiz_results(world.course, "en")
    assert len(results) == 4
    assert lesson_item_analysis(lesson, "en").attempts == 1


def test_item_analysis_in_the_readers_language(home):
    """A wrong choice made in English is named in French on the French results."""
    from cms.factories import locale, translate

    world = quiz_world(home)
    submit(world, world.learner, single="0")
    theme = world.course.get_parent()
    for page in [theme.get_parent(), theme, world.course, world.module]:
        if not page.has_translation(locale("fr")):
            translate(page, "fr")
    raw = list(world.lesson.questions.raw_data)
    raw[0]["value"]["choices"][0]["value"]["text"] = "Anémomètre"
    translate(world.lesson, "fr", questions=raw)
    (result,) = course_quiz_results(world.course, "fr")
    assert result.lesson.locale.language_code == "fr"
    assert (result.attempts, result.questions[0].wrong_label) == (1, "Anémomètre")
