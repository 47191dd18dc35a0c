"""Submitting a lesson's questions through the service: score, pass, attempts limit, one
attempt per form, knowledge checks, translations, and what a pass tells other stages."""

import copy
import uuid

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from accounts.factories import UserFactory
from cms.factories import locale, translate
from enrollment import steps
from enrollment.factories import EnrollmentFactory
from learning.models import LessonProgress, QuizAnswer, QuizAttempt
from learning.models.progress import DoneBy
from learning.services.quizzes import QuizRefused, Refusal, quiz_submit
from tests.learning.quiz_world import quiz_world

pytestmark = pytest.mark.django_db

EVALUATE_COMPLETION = "certificates.tasks.evaluate_completion"


def submit(world, user=None, lesson=None, token=None, **changes):
    return quiz_submit(
        user=user or world.learner,
        lesson=lesson or world.lesson,
        answers=world.answers(**changes),
        token=token or uuid.uuid4(),
    )


def test_all_right_passes_and_ticks_the_lesson(home):
    """Right answers everywhere: 100%, passed, the lesson ticked as passed."""
    world = quiz_world(home)
    attempt = submit(world)
    assert (attempt.score_percent, attempt.passed, attempt.number) == (100, True, 1)
    progress = LessonProgress.objects.get(user=world.learner)
    assert progress.done_by == DoneBy.PASSED
    assert QuizAnswer.objects.filter(attempt=attempt, correct=True).count() == 5


def test_partial_answers_score_rounded_down(home):
    """Half the multiple choice and a wrong number: (1 + 0.5 + 1 + 0 + 1) / 5 = 70%,
    exactly the passing score, passes."""
    world = quiz_world(home)
    attempt = submit(world, multiple="0", numeric="9.87")
    assert (attempt.score_percent, attempt.passed) == (70, True)
    answer = QuizAnswer.objects.get(attempt=attempt, question_id=world.ids["multiple"])
    assert (answer.credit, answer.correct) == (0.5, False)


def test_below_the_passing_score_leaves_the_lesson_unticked(home):
    """Blank answers score 0: not passed, the lesson is not ticked."""
    world = quiz_world(home)
    attempt = submit(world, single="", multiple="", true_false="", numeric="", short="")
    assert (attempt.score_percent, attempt.passed) == (0, False)
    assert not LessonProgress.objects.filter(user=world.learner, done_at__isnull=False).exists()


def test_attempts_limit_refuses_without_recording(home):
    """After the allowed attempts, a further answer is refused and no row is written."""
    world = quiz_world(home, max_attempts=2)
    submit(world, single="0")
    submit(world, single="0")
    with pytest.raises(QuizRefused) as refused:
        submit(world)
    assert refused.value.refusal == Refusal.NO_ATTEMPTS_LEFT
    assert "2 attempts" in refused.value.message
    assert QuizAttempt.objects.filter(user=world.learner).count() == 2


def test_no_limit_with_zero_attempts(home):
    """0 attempts allowed means no limit."""
    world = quiz_world(home, max_attempts=0)
    for _ in range(5):
        submit(world)
    assert QuizAttempt.objects.filter(user=world.learner).count() == 5


def test_the_same_form_twice_counts_once(home):
    """A form submitted twice (the same token) gives back the first attempt."""
    world = quiz_world(home, max_attempts=1)
    token = uuid.uuid4()
    first = submit(world, token=token)
    again = submit(world, token=token, single="0")
    assert again.pk == first.pk
    assert QuizAttempt.objects.count() == 1


def test_another_learners_token_is_refused(home):
    """A token already spent by another learner records nothing for this one."""
    world = quiz_world(home)
    token = uuid.uuid4()
    submit(world, token=token)
    other = UserFactory()
    EnrollmentFactory(user=other, session=world.session)
    with pytest.raises(QuizRefused) as refused:
        submit(world, user=other, token=token)
    assert refused.value.refusal == Refusal.EXPIRED


def test_a_knowledge_check_is_unlimited_and_passes_only_when_all_right(home):
    """A knowledge check may be retried freely; it ticks the lesson only when every answer
    is right, and does not tell the completion rule."""
    world = quiz_world(home, graded=False, max_attempts=1)
    received = []

    def receiver(sender, enrollment, steps, **kwargs):
        received.extend(steps)

    steps.step_done.connect(receiver)
    try:
        assert not submit(world, single="0").passed
        assert not submit(world, single="0").passed
        assert submit(world).passed
    finally:
        steps.step_done.disconnect(receiver)
    assert LessonProgress.objects.get(user=world.learner).done_by == DoneBy.PASSED
    assert steps.QUIZ_SCORE not in received


def test_a_graded_pass_tells_the_completion_rule(home, django_capture_on_commit_callbacks):
    """Passing a graded quiz sends the quiz-score step for the learner's enrollment."""
    world = quiz_world(home)
    received = []

    def receiver(sender, enrollment, steps, **kwargs):
        received.append((enrollment.user, steps))

    steps.step_done.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            submit(world)
    finally:
        steps.step_done.disconnect(receiver)
    assert received == [(world.learner, (steps.LESSONS_DONE, steps.QUIZ_SCORE))]


def test_a_pass_enqueues_one_evaluation_that_commits_with_the_attempt(home):
    """A first pass ticks the lesson and raises the quiz score: the completion rule is
    asked once, by one task written in the attempt's own transaction, so a submission that
    fails after it leaves no task behind."""
    world = quiz_world(home)
    enrollment = world.learner.enrollments.get()
    evaluations = DBTaskResult.objects.filter(task_path=EVALUATE_COMPLETION)
    with transaction.atomic():
        submit(world)
        # Before commit: the task is already part of the transaction, not waiting for it.
        assert [row.args_kwargs["args"] for row in evaluations] == [[enrollment.pk]]
    other = UserFactory()
    EnrollmentFactory(user=other, session=world.session)
    with pytest.raises(RuntimeError), transaction.atomic():
        submit(world, user=other)
        raise RuntimeError("the request failed after the quiz was recorded")
    assert evaluations.count() == 1
    assert not QuizAttempt.objects.filter(user=other).exists()


def test_only_enrolled_learners_answer(home):
    """A learner with no enrollment in the course cannot answer; on an open preview lesson
    anyone logged in can."""
    world = quiz_world(home)
    stranger = UserFactory()
    with pytest.raises(QuizRefused) as refused:
        submit(world, user=stranger)
    assert refused.value.refusal == Refusal.NOT_ENROLLED
    world.lesson.preview = True
    world.lesson.save()
    assert submit(world, user=stranger).passed


def translated(world, code, **fields):
    theme = world.course.get_parent()
    for page in [theme.get_parent(), theme, world.course, world.module]:
        if not page.has_translation(locale(code)):
            translate(page, code)
    return translate(world.lesson, code, **fields)


def test_answers_in_french_are_graded_against_the_french_text(home):
    """A lesson translated into French keeps its question ids; a French learner's short
    answer is graded against the French accepted answers, and the attempt counts in the
    Arabic lesson's attempts."""
    world = quiz_world(home, max_attempts=2)
    raw = copy.deepcopy(list(world.lesson.questions.raw_data))
    raw[4]["value"]["accepted"] = [
        {"type": "item", "value": "Nairobi (capitale)", "id": str(uuid.uuid4())}
    ]
    french = translated(world, "fr", questions=raw)
    assert [b.id for b in french.questions] == [b.id for b in world.lesson.questions]
    arabic = translated(world, "ar")
    attempt = submit(world, lesson=french, short="nairobi (CAPITALE)")
    assert (attempt.score_percent, attempt.language) == (100, "fr")
    submit(world, lesson=french)
    with pytest.raises(QuizRefused):
        submit(world, lesson=arabic)
    assert QuizAttempt.objects.filter(lesson_key=arabic.translation_key).count() == 2


def test_later_stages_hear_of_the_graded_attempt_and_the_completed_lesson_once(home):
    """A pass sends quiz_graded and lesson_completed inside the submission's transaction;
    the same form again and a second pass send no second completion."""
    from learning.signals import lesson_completed, quiz_graded
    from tests.signal_capture import captured

    world = quiz_world(home)
    token = uuid.uuid4()
    with captured(quiz_graded) as graded, captured(lesson_completed) as completed:
        with transaction.atomic():
            attempt = submit(world, token=token)
        submit(world, token=token)
        submit(world)
    assert [(s["attempt"].pk, s["in_transaction"]) for s in graded[:1]] == [(attempt.pk, True)]
    assert len(graded) == 2
    assert [(s["user"], s["lesson"], s["by"]) for s in completed] == [
        (world.learner, world.lesson, DoneBy.PASSED)
    ]
