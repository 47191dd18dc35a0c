"""The partner's LMS launches the platform as an LTI 1.3 tool over real HTTP: login
initiation, authorization, the signed launch; the learner is signed in, enrolled and lands
on the course in their LMS's language; scores go back to the LMS's gradebook."""

import pytest

from enrollment.models import Enrollment, EnrollmentStatus
from learning.services.progress import lesson_mark_done
from learning.services.quizzes import quiz_submit
from lti.models import LtiGradeLink, LtiIdentity
from tests.lti.platform import INSTRUCTOR, launch

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def follow(user_agent, live_server, response):
    assert response.status_code == 302, response.text
    location = response.headers["Location"]
    if location.startswith("/"):
        location = live_server.url + location
    return user_agent.get(location, timeout=30)


def test_a_learner_lands_on_the_course_in_french_signed_in_and_enrolled(
    user_agent, lms, course, live_server
):
    """A French LMS opens the course: the learner reads its French page, signed in, and is
    enrolled in its self-paced run."""
    response = launch(
        user_agent, lms, locale="fr-FR", custom={"course": str(course.page.translation_key)}
    )
    page = follow(user_agent, live_server, response)
    assert page.status_code == 200
    assert '<html lang="fr"' in page.text
    assert "Alerte aux crues" in page.text
    identity = LtiIdentity.objects.get(subject="lms-user-1")
    assert identity.user.email.endswith("@lti.invalid")
    enrollment = Enrollment.objects.get(user=identity.user)
    assert enrollment.session == course.run
    assert enrollment.status == EnrollmentStatus.CONFIRMED


def test_the_second_launch_signs_in_the_same_account(user_agent, lms, course):
    """The same LMS user launching twice has one account and one enrollment."""
    custom = {"session": str(course.run.pk)}
    assert launch(user_agent, lms, custom=custom).status_code == 302
    user_agent.cookies.clear()
    assert launch(user_agent, lms, custom=custom).status_code == 302
    assert LtiIdentity.objects.count() == 1
    assert Enrollment.objects.count() == 1


def test_a_live_session_sends_the_learner_to_its_room_until_it_is_full(user_agent, lms, course):
    """A dated session's link opens its live room; once its one seat is taken, the next
    learner is on the waiting list and lands on the course page."""
    custom = {"session": str(course.dated.pk)}
    first = launch(user_agent, lms, custom=custom, locale="es")
    assert first.headers["Location"] == f"/es/live/{course.dated.pk}/"
    user_agent.cookies.clear()
    second = launch(user_agent, lms, custom=custom, sub="lms-user-2")
    assert second.headers["Location"] == course.page.url
    statuses = sorted(Enrollment.objects.values_list("status", flat=True))
    assert statuses == [EnrollmentStatus.CONFIRMED, EnrollmentStatus.WAITLISTED]


def test_an_unknown_locale_lands_in_english(user_agent, lms, course):
    """A language the platform does not speak falls back to English."""
    response = launch(user_agent, lms, locale="de-DE", custom={"course": str(course.page.pk)})
    assert response.headers["Location"] == course.page.url


def test_a_teacher_is_signed_in_without_taking_a_seat(user_agent, lms, course):
    """An instructor opening a live session's link is not enrolled in it."""
    response = launch(user_agent, lms, roles=[INSTRUCTOR], custom={"session": str(course.dated.pk)})
    assert response.status_code == 302
    assert not Enrollment.objects.exists()


def test_a_trusted_lms_signs_in_the_account_with_the_same_address(user_agent, lms, course):
    """Only an LMS trusted for email reaches an existing account by its address."""
    from accounts.factories import UserFactory

    existing = UserFactory(email="amina@example.org")
    custom = {"course": str(course.page.translation_key)}
    launch(user_agent, lms, email="amina@example.org", custom=custom)
    assert LtiIdentity.objects.get().user != existing

    lms.record.trusted_for_email = True
    lms.record.save()
    user_agent.cookies.clear()
    launch(user_agent, lms, sub="lms-user-2", email="amina@example.org", custom=custom)
    assert LtiIdentity.objects.get(subject="lms-user-2").user == existing


def test_quiz_scores_and_completion_reach_the_lms_gradebook(user_agent, lms, course, run_tasks):
    """A graded quiz and the last lesson done send the score, then the completion, to the
    line item the launch named, each through a background task."""
    lineitem = lms.lineitem_url("flood-warning")
    launch(user_agent, lms, custom={"course": str(course.page.translation_key)}, lineitem=lineitem)
    link = LtiGradeLink.objects.get()
    user = link.user

    quiz_submit(
        user=user, lesson=course.quiz, answers=course.answers(short="Mombasa"), token=_token()
    )
    assert lms.scores == []  # never in the request: a task sends it
    run_tasks()
    # The passed quiz also ticks its lesson: each change sends the result as it then is.
    assert lms.scores
    item, score = lms.scores[-1]
    assert item == "flood-warning"
    assert score["userId"] == "lms-user-1"
    assert score["scoreGiven"] == 80
    assert score["scoreMaximum"] == 100
    assert score["activityProgress"] == "InProgress"

    lesson_mark_done(user=user, lesson=course.reading)
    run_tasks()
    assert lms.scores[-1][1]["activityProgress"] == "Completed"
    assert lms.scores[-1][1]["gradingProgress"] == "FullyGraded"


def test_a_gradebook_that_fails_is_tried_again_later(user_agent, lms, course, run_tasks):
    """An LMS that refuses a score gets it again on a later attempt; the error is kept."""
    from lti.services import score_send

    lineitem = lms.lineitem_url("flood-warning")
    launch(user_agent, lms, custom={"course": str(course.page.translation_key)}, lineitem=lineitem)
    link = LtiGradeLink.objects.get()
    lms.refuse_scores = True
    lesson_mark_done(user=link.user, lesson=course.reading)
    run_tasks()
    link.refresh_from_db()
    assert "503" in link.last_error
    assert lms.scores == []

    lms.refuse_scores = False
    assert score_send(link_id=link.pk, attempt=2) == "sent"
    assert len(lms.scores) == 1


def _token():
    import uuid

    return uuid.uuid4()
