"""What learners do reaches the LMS's gradebook only for learners launched from an LMS,
and costs the others a single query."""

import uuid

import pytest
from django_tasks_db.models import DBTaskResult

from accounts.factories import UserFactory
from learning.services.progress import lesson_mark_done
from lti.models import LtiGradeLink, LtiPlatform
from lti.selectors import course_result, language_of
from lti.services import grade_links_notify

pytestmark = pytest.mark.django_db


def platform():
    return LtiPlatform.objects.create(
        name="LMS",
        issuer="https://lms.example.org",
        client_id="tool",
        auth_login_url="https://lms.example.org/auth",
        auth_token_url="https://lms.example.org/token",
        key_set_url="https://lms.example.org/jwks",
        deployment_ids="1",
    )


def test_a_learner_not_launched_from_an_lms_costs_one_query(django_assert_num_queries):
    """No gradebook column: one query, no task; none at all while nobody came from an LMS."""
    from lti.selectors import forget_grade_links

    user = UserFactory()
    forget_grade_links()
    grade_links_notify(user_id=user.pk, course_key_of=lambda: uuid.uuid4())
    with django_assert_num_queries(0):
        assert grade_links_notify(user_id=user.pk, course_key_of=lambda: uuid.uuid4()) == 0
    LtiGradeLink.objects.create(
        platform=platform(),
        user=UserFactory(),
        subject="s",
        course_key=uuid.uuid4(),
        lineitem="https://lms.example.org/lineitems/9",
        scopes=[],
    )
    with django_assert_num_queries(2):  # is there a link (read once), then the learner's
        assert grade_links_notify(user_id=user.pk, course_key_of=lambda: uuid.uuid4()) == 0
    with django_assert_num_queries(1):
        assert grade_links_notify(user_id=user.pk, course_key_of=lambda: uuid.uuid4()) == 0
    assert not DBTaskResult.objects.filter(task_path__startswith="lti.").exists()


def test_a_lesson_done_enqueues_the_score_with_the_change(course):
    """Ticking a lesson enqueues a score for the learner's column in that course only."""
    user = UserFactory()
    lms = platform()
    LtiGradeLink.objects.create(
        platform=lms,
        user=user,
        subject="s",
        course_key=course.page.translation_key,
        lineitem="https://lms.example.org/lineitems/1",
        scopes=[],
    )
    LtiGradeLink.objects.create(
        platform=lms,
        user=user,
        subject="s",
        course_key=uuid.uuid4(),
        lineitem="https://lms.example.org/lineitems/2",
        scopes=[],
    )
    lesson_mark_done(user=user, lesson=course.reading)
    (task,) = DBTaskResult.objects.filter(task_path__startswith="lti.")
    assert task.task_path == "lti.tasks.send_score"


def test_the_result_is_the_share_of_lessons_until_the_quiz_is_taken(course):
    """Without a graded quiz taken the score is the quiz mean (0) and the course is not
    complete, even with its reading done."""
    user = UserFactory()
    assert course_result(user, course.page.translation_key).completed is False
    lesson_mark_done(user=user, lesson=course.reading)
    result = course_result(user, course.page.translation_key)
    assert (result.score, result.completed) == (0, False)


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        ("ar", "ar"),
        ("zh-CN", "zh-hans"),
        ("zh_Hans", "zh-hans"),
        ("fr-CA", "fr"),
        ("ru", "ru"),
        ("es-419", "es"),
        ("en-GB", "en"),
        ("de", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_the_lms_locale_picks_one_of_the_six_languages(locale, language):
    """A launch's locale lands in one of the platform's six languages, else English."""
    assert language_of(locale) == language


def test_a_passed_quiz_enqueues_one_score_for_the_attempt_and_its_lesson(course):
    """Passing ticks the quiz's lesson in the same transaction: the gradebook gets one
    score, not one for the attempt and another for the tick."""
    from enrollment.factories import EnrollmentFactory
    from learning.services.quizzes import quiz_submit

    user = EnrollmentFactory(session=course.run).user
    LtiGradeLink.objects.create(
        platform=platform(),
        user=user,
        subject="s",
        course_key=course.page.translation_key,
        lineitem="https://lms.example.org/lineitems/1",
        scopes=[],
    )
    attempt = quiz_submit(
        user=user, lesson=course.quiz, answers=course.answers(), token=uuid.uuid4()
    )
    assert attempt.passed
    assert DBTaskResult.objects.filter(task_path="lti.tasks.send_score").count() == 1
