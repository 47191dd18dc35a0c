"""Self-paced learning in a person's data: lessons followed, quizzes answered and discussion
messages are in their copy; erasing the account keeps the threads others replied in."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from courses.factories import SelfPacedRunFactory
from enrollment.factories import EnrollmentFactory
from learning.models import LessonProgress, Post, PostReport, PostVote, QuizAnswer, QuizAttempt
from learning.selectors.discussions import participation, thread
from learning.services import discussions
from privacy.services import KEEP, account_delete, inactive_accounts_purge, learner_data_export
from tests.learning.discussions import build_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return build_cast()


def write(user, lesson, text, **kwargs):
    return discussions.post_write(user=user, lesson=lesson, text=text, **kwargs)


def attempt(user, cast, *, score=80, passed=True):
    row = QuizAttempt.objects.create(
        user=user,
        course_key=cast.course.translation_key,
        lesson_key=cast.lesson.translation_key,
        number=1,
        token=uuid.uuid4(),
        score_percent=score,
        passed=passed,
        language="fr",
    )
    QuizAnswer.objects.create(
        attempt=row, lesson_key=row.lesson_key, question_id="q1", response="10 m", correct=True
    )
    return row


def progress(user, cast, **fields):
    now = timezone.now()
    return LessonProgress.objects.create(
        user=user,
        course_key=cast.course.translation_key,
        lesson_key=cast.lesson.translation_key,
        seen_at=now,
        done_at=now,
        **fields,
    )


def test_the_copy_holds_lessons_quizzes_and_messages_in_the_persons_language(cast):
    """Amina reads Arabic: her copy names the lesson in Arabic, with when she finished it,
    her quiz score and answers, and the question she wrote."""
    progress(cast.asker, cast, done_by="passed")
    attempt(cast.asker, cast)
    write(cast.asker, cast.lessons["fr"], "Quelle profondeur ?")
    data = learner_data_export(cast.asker)["self_paced_learning"]
    (row,) = data["lesson_progress"]
    assert row["lesson"] == "قراءة سجل البئر"
    assert row["done_at"] is not None and row["last_seen_at"] is not None
    assert row["course"]  # the course's title, not its key
    assert row["course"] != str(cast.course.translation_key)
    (quiz,) = data["quiz_attempts"]
    assert (quiz["score_percent"], quiz["passed"]) == (80, True)
    assert quiz["answers"] == [{"question": "q1", "answer": "10 m", "correct": True}]
    (post,) = data["discussion_posts"]
    assert post["text"] == "Quelle profondeur ?"
    assert post["lesson"] == "قراءة سجل البئر" and post["written_at"]


def test_the_copy_holds_nothing_of_other_learners(cast):
    """Bruno's copy has none of Amina's lessons, quizzes or messages."""
    progress(cast.asker, cast)
    attempt(cast.asker, cast)
    write(cast.asker, cast.lesson, "Which depth?")
    data = learner_data_export(cast.other)["self_paced_learning"]
    assert data["lesson_progress"] == data["quiz_attempts"] == data["discussion_posts"] == []


def test_erasing_the_asker_keeps_the_replies_others_wrote(cast):
    """Amina's question stays in the thread without her name or words; Bruno's reply and
    the trainer's accepted answer are still there under it."""
    question = write(cast.asker, cast.lesson, "Which depth is the water table?")
    reply = write(cast.other, cast.lesson, "About ten metres.", parent_id=question.pk)
    answer = write(cast.trainer, cast.lesson, "It depends on the season.", parent_id=question.pk)
    discussions.post_moderate(
        user=cast.asker,
        post=answer,
        role=participation(cast.asker, question.course_key),
        action="accept",
    )
    discussions.post_vote(
        user=cast.other, post=question, role=participation(cast.other, question.course_key)
    )
    account_delete(cast.asker, certificates=KEEP)
    question.refresh_from_db()
    assert question.anonymous
    assert "water table" not in question.text and question.text
    assert question.votes == 1  # Bruno's vote for it stays
    assert set(Post.objects.filter(parent=question)) == {reply, answer}
    assert Post.objects.get(pk=answer.pk).accepted
    (item,) = thread(cast.lesson.translation_key, cast.other, moderator=False)
    assert item.post == question and item.name == ""
    assert [r.post for r in item.replies] and {r.post for r in item.replies} == {reply, answer}


def test_erasing_a_learner_takes_back_their_votes_and_reports(cast):
    """Bruno voted for and reported Amina's question: once his account is erased it has one
    vote fewer, no report waiting, and his rows are gone."""
    question = write(cast.asker, cast.lesson, "Which depth?")
    role = participation(cast.other, question.course_key)
    discussions.post_vote(user=cast.other, post=question, role=role)
    discussions.post_report(user=cast.other, post=question, role=role, reason="off topic")
    account_delete(cast.other, certificates=KEEP)
    question.refresh_from_db()
    assert (question.votes, question.reports) == (0, 0)
    assert question.text == "Which depth?"
    assert not PostVote.objects.exists() and not PostReport.objects.exists()


def test_a_report_already_reviewed_does_not_make_the_count_negative(cast):
    """A trainer reviewed Bruno's report (count back to 0): erasing Bruno leaves it at 0."""
    question = write(cast.asker, cast.lesson, "Which depth?")
    discussions.post_report(
        user=cast.other, post=question, role=participation(cast.other, question.course_key)
    )
    discussions.post_moderate(
        user=cast.trainer,
        post=question,
        role=participation(cast.trainer, question.course_key),
        action="unhide",
    )
    account_delete(cast.other, certificates=KEEP)
    question.refresh_from_db()
    assert question.reports == 0


def test_erasing_a_learner_deletes_their_progress_and_attempts(cast):
    """Amina's ticks, quiz attempts and answers go; Bruno's stay."""
    progress(cast.asker, cast)
    attempt(cast.asker, cast)
    progress(cast.other, cast)
    attempt(cast.other, cast, score=40, passed=False)
    account_delete(cast.asker, certificates=KEEP)
    assert list(LessonProgress.objects.values_list("user", flat=True)) == [cast.other.pk]
    assert list(QuizAttempt.objects.values_list("user", flat=True)) == [cast.other.pk]
    assert QuizAnswer.objects.count() == 1


def test_an_always_open_run_has_no_end_in_the_copy(cast):
    """Amina's enrollment in an always-open run shows no end date, not year 2999; her
    session held on dates keeps its end."""
    EnrollmentFactory(user=cast.asker, session=SelfPacedRunFactory(course=cast.course))
    sessions = [row["session"] for row in learner_data_export(cast.asker)["enrollments"]]
    ends = sorted((row["always_open"], row["ends_at"] is None) for row in sessions)
    assert ends == [(False, False), (True, True)]
    assert "2999" not in str(sessions)


def test_the_retention_purge_erases_a_lapsed_learners_learning_too(cast, settings):
    """Amina has not logged in for years: the purge deletes her lesson progress and quiz
    attempts and keeps her question, anonymous, under Bruno's reply."""
    settings.PRIVACY_RETENTION_DAYS = 365
    question = write(cast.asker, cast.lesson, "Which depth is the water table?")
    reply = write(cast.other, cast.lesson, "About ten metres.", parent_id=question.pk)
    progress(cast.asker, cast)
    attempt(cast.asker, cast)
    type(cast.asker).objects.filter(pk=cast.asker.pk).update(
        last_login=timezone.now() - timedelta(days=800)
    )
    type(cast.other).objects.filter(pk=cast.other.pk).update(last_login=timezone.now())
    purge = inactive_accounts_purge()
    assert cast.asker.pk in purge.erased and cast.other.pk not in purge.erased
    assert not LessonProgress.objects.filter(user=cast.asker).exists()
    assert not QuizAttempt.objects.filter(user=cast.asker).exists()
    question.refresh_from_db()
    assert question.anonymous and "water table" not in question.text
    assert list(question.replies.all()) == [reply]
