"""Submitting a lesson's questions: graded on the server, one attempt per form, within the
attempts limit; a pass ticks the lesson and tells the completion rule."""

import enum
import uuid

from django.db import IntegrityError, transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from enrollment import steps
from learning.grading import grade, lesson_questions, score_percent, stored_response
from learning.models import LessonPage, QuizAnswer, QuizAttempt
from learning.models.progress import DoneBy
from learning.selectors.progress import active_enrollments, course_key_of
from learning.selectors.quizzes import attempts_left, may_answer
from learning.services.progress import announce_steps, lesson_mark_done
from learning.signals import quiz_graded


class Refusal(enum.StrEnum):
    NOT_ENROLLED = "not_enrolled"
    NO_ATTEMPTS_LEFT = "no_attempts_left"
    NO_QUESTIONS = "no_questions"
    EXPIRED = "expired"


class QuizRefused(Exception):
    def __init__(self, refusal: Refusal, lesson: LessonPage):
        self.refusal = refusal
        self.lesson = lesson
        super().__init__(refusal.value)

    @property
    def message(self) -> str:
        """Why, in the learner's language."""
        if self.refusal == Refusal.NO_ATTEMPTS_LEFT:
            return _(
                "You have used all %(count)s attempts allowed for this quiz, so this answer "
                "was not recorded. Your best score stands."
            ) % {"count": self.lesson.max_attempts}
        return {
            Refusal.NOT_ENROLLED: _(
                "Only learners enrolled in this course can answer its questions."
            ),
            Refusal.NO_QUESTIONS: _("This lesson has no questions to answer."),
            Refusal.EXPIRED: _("This form has expired: please answer the questions again."),
        }[self.refusal]


@transaction.atomic
def quiz_submit(*, user, lesson: LessonPage, answers: dict[str, str], token: uuid.UUID):
    """Grade `answers` (response strings by question block id) against the lesson in the
    language it was read in and record the attempt. A form submitted again (the same
    `token`) gives back the attempt it recorded the first time; past the attempts limit the
    answers are refused (QuizRefused), and nothing is recorded.

    No lock is taken: two submissions racing for the same attempt number (a double click,
    two tabs) meet the database's constraints, one number per learner and lesson and one
    attempt per token, so the limit holds and the loser is refused or given the winner."""
    earlier = list(
        QuizAttempt.objects.filter(user=user, lesson_key=lesson.translation_key).only(
            "pk", "number", "graded", "token", "score_percent", "passed"
        )
    )
    for attempt in earlier:
        if attempt.token == token:
            return attempt
    course_key = course_key_of(lesson)
    enrollments = active_enrollments(user, course_key)
    if not may_answer(user, lesson, enrollments=enrollments):
        raise QuizRefused(Refusal.NOT_ENROLLED, lesson)
    questions = lesson_questions(lesson)
    if not questions:
        raise QuizRefused(Refusal.NO_QUESTIONS, lesson)
    if attempts_left(lesson, sum(attempt.graded for attempt in earlier)) == 0:
        raise QuizRefused(Refusal.NO_ATTEMPTS_LEFT, lesson)

    responses = {q.id: stored_response(q, answers.get(q.id, "")) for q in questions}
    grades = {q.id: grade(q, responses[q.id]) for q in questions}
    score = score_percent([g.credit for g in grades.values()], len(questions))
    passed = score >= lesson.passing_score if lesson.graded else score == 100
    try:
        with transaction.atomic():
            attempt = QuizAttempt.objects.create(
                user=user,
                course_key=course_key,
                lesson_key=lesson.translation_key,
                number=max((attempt.number for attempt in earlier), default=0) + 1,
                token=token,
                graded=lesson.graded,
                score_percent=score,
                passed=passed,
                language=lesson.locale.language_code or get_language(),
            )
    except IntegrityError as error:
        # A submission running in parallel took the number or the token, or the token is
        # another learner's.
        same = QuizAttempt.objects.filter(token=token, user=user).first()
        if same is not None:
            return same
        raise QuizRefused(Refusal.EXPIRED, lesson) from error
    QuizAnswer.objects.bulk_create(
        QuizAnswer(
            attempt=attempt,
            lesson_key=lesson.translation_key,
            question_id=question.id,
            response=responses[question.id],
            correct=grades[question.id].correct,
            credit=float(grades[question.id].credit),
        )
        for question in questions
    )
    quiz_graded.send(sender=QuizAttempt, attempt=attempt, lesson=lesson)
    done = []
    if passed and not any(attempt.passed for attempt in earlier):
        newly_done = lesson_mark_done(
            user=user,
            lesson=lesson,
            by=DoneBy.PASSED,
            course_key=course_key,
            announce=False,
        )
        if newly_done:
            done.append(steps.LESSONS_DONE)
    best_before = max((a.score_percent for a in earlier if a.graded and a.passed), default=-1)
    if passed and lesson.graded and score > best_before:
        # The learner's quiz score in the course rose: the completion rule may now be met.
        done.append(steps.QUIZ_SCORE)
    if done:
        announce_steps(user, course_key, done, enrollments)
    return attempt
