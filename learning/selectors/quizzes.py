"""Reads of quizzes: the quiz a lesson page shows, a learner's attempts and their review,
the learner's quiz score in a course, and item analysis for trainers."""

import uuid
from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, Max, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language

from courses.models import CoursePage
from learning.forms.quizzes import QuizForm
from learning.grading import (
    Grade,
    Question,
    grade,
    lesson_questions,
    response_label,
    right_answer_label,
)
from learning.models import LessonPage, QuizAnswer, QuizAttempt
from learning.selectors.progress import (
    course_key_of,
    course_lessons,
    is_enrolled,
    may_act_on_course,
)

# --- who may answer, and how often --------------------------------------------------------


def may_answer(user, lesson: LessonPage, enrollments=None) -> bool:
    """Learners with an active enrollment in a run of the lesson's course (in any of its
    languages); anyone logged in on an open preview lesson. One query, none when the
    caller read the learner's `enrollments` (selectors.progress.active_enrollments)."""
    if not user.is_authenticated:
        return False
    if lesson.preview:
        return True
    if enrollments is not None:
        return bool(enrollments)
    return is_enrolled(user, course_key_of(lesson))


def attempts_left(lesson: LessonPage, graded_attempts: int) -> int | None:
    """None when there is no limit: knowledge checks, and quizzes with 0 attempts allowed."""
    if not lesson.graded or not lesson.max_attempts:
        return None
    return max(0, lesson.max_attempts - graded_attempts)


def quiz_token(user, lesson_key, number: int) -> uuid.UUID:
    """The token of the learner's `number`th attempt at the lesson's questions: the same
    every time the form is shown (a reload keeps the order of the questions), unknown to
    anyone else, and spent once the attempt is recorded."""
    digest = salted_hmac("learning.quiz.token", f"{user.pk}:{lesson_key}:{number}").hexdigest()
    return uuid.UUID(digest[:32])


# --- the lesson page ----------------------------------------------------------------------


@dataclass
class Quiz:
    """What the lesson page's quiz include shows."""

    lesson: LessonPage
    question_count: int
    can_answer: bool = False
    reason: str = ""  # why not: "login", "enroll" or "no_attempts_left"
    form: object = None
    shown: list = field(default_factory=list)
    token: uuid.UUID | None = None
    action: str = ""
    attempts_used: int = 0
    attempts_left: int | None = None
    last_attempt: QuizAttempt | None = None
    best_score: int | None = None


def quiz_context(lesson, request) -> dict:
    """What the lesson page's quiz include reads: the questions with neither the right
    answers nor the feedback, the learner's attempts so far. Two queries for a learner."""
    questions = lesson_questions(lesson)
    if not questions:
        return {"quiz": None}
    quiz = Quiz(lesson=lesson, question_count=len(questions))
    user = request.user
    if not user.is_authenticated:
        quiz.reason = "login"
        return {"quiz": quiz}
    if not may_answer(user, lesson):
        quiz.reason = "enroll"
        return {"quiz": quiz}
    attempts = list(
        QuizAttempt.objects.filter(user=user, lesson_key=lesson.translation_key).only(
            "pk", "number", "graded", "score_percent", "passed"
        )
    )
    graded = [attempt for attempt in attempts if attempt.graded]
    quiz.attempts_used = len(graded)
    quiz.attempts_left = attempts_left(lesson, len(graded))
    quiz.last_attempt = max(attempts, key=lambda attempt: attempt.number, default=None)
    quiz.best_score = max((attempt.score_percent for attempt in graded), default=None)
    if quiz.attempts_left == 0:
        quiz.reason = "no_attempts_left"
        return {"quiz": quiz}
    # Bound, with the learner's answers and the errors, when the submission was refused.
    form = getattr(request, "quiz_form", None)
    quiz.token = getattr(form, "cleaned_data", {}).get("token")
    if quiz.token is None:
        number = max((attempt.number for attempt in attempts), default=0) + 1
        quiz.token = quiz_token(user, lesson.translation_key, number)
    if form is None:
        form = QuizForm(questions, initial={"token": quiz.token})
    quiz.can_answer = True
    quiz.form = form
    quiz.shown = form.shown(quiz.token, lesson.shuffle)
    quiz.action = reverse("learning:quiz_submit", args=[lesson.pk])
    return {"quiz": quiz}


# --- a learner's attempt ------------------------------------------------------------------


@dataclass
class ReviewedAnswer:
    question: Question
    response: str
    label: str
    grade: Grade
    right_answer: str = ""  # shown only when the learner may see it


@dataclass
class Review:
    attempt: QuizAttempt
    lesson: LessonPage
    answers: list[ReviewedAnswer]
    attempts_left: int | None
    reveal: bool  # whether the right answers are shown


def may_see_results(user, course: CoursePage) -> bool:
    """Administrators, and the trainers who may act on one of the course's sessions."""
    return may_act_on_course(user, course.translation_key)


def lesson_in_language(lesson_key, language: str, fallback: str = "") -> LessonPage | None:
    """The live lesson in `language`, else in `fallback`, else in any language."""
    lessons = {
        lesson.locale.language_code: lesson
        for lesson in LessonPage.objects.live()
        .filter(translation_key=lesson_key)
        .select_related("locale")
    }
    if not lessons:
        return None
    return lessons.get(language) or lessons.get(fallback) or next(iter(lessons.values()))


def attempt_review(attempt: QuizAttempt, language: str) -> Review | None:
    """The attempt's answers with their feedback and the explanations, in the reader's
    language. The right answers are shown for knowledge checks, and for a quiz once passed
    or when no attempt is left."""
    lesson = lesson_in_language(attempt.lesson_key, language, attempt.language)
    if lesson is None:
        return None
    responses = dict(attempt.answers.values_list("question_id", "response"))
    graded = QuizAttempt.objects.filter(
        user_id=attempt.user_id, lesson_key=attempt.lesson_key, graded=True
    ).count()
    left = attempts_left(lesson, graded)
    passed_before = QuizAttempt.objects.filter(
        user_id=attempt.user_id, lesson_key=attempt.lesson_key, passed=True
    ).exists()
    reveal = not attempt.graded or passed_before or left == 0
    answers = []
    for question in lesson_questions(lesson):
        if question.id not in responses:
            continue  # added to the lesson after this attempt
        response = responses[question.id]
        answers.append(
            ReviewedAnswer(
                question=question,
                response=response,
                label=response_label(question, response),
                grade=grade(question, response),
                right_answer=right_answer_label(question) if reveal else "",
            )
        )
    return Review(attempt, lesson, answers, left, reveal)


# --- the learner's score in a course ------------------------------------------------------


def quiz_score_percent(user, course) -> int:
    """The learner's quiz score in the course: the mean of their best score in each graded
    quiz, a quiz not taken counting 0, rounded down; 100 when the course has no graded quiz
    (no quiz stands between the learner and a rule asking a score). Attempts count
    whatever language the quiz was taken in."""
    keys = list(
        course_lessons(course).filter(graded=True).values_list("translation_key", flat=True)
    )
    if not keys:
        return 100
    best = (
        QuizAttempt.objects.filter(user=user, lesson_key__in=keys, graded=True)
        .values("lesson_key")
        .annotate(best=Max("score_percent"))
        .values_list("best", flat=True)
    )
    return sum(best) // len(keys)


# --- item analysis ------------------------------------------------------------------------


@dataclass
class QuestionAnalysis:
    question: Question
    answered: int = 0
    right: int = 0
    wrong_label: str = ""  # the most chosen wrong answer, in the reader's language
    wrong_count: int = 0

    @property
    def right_percent(self) -> int | None:
        return self.right * 100 // self.answered if self.answered else None


@dataclass
class QuizResults:
    lesson: LessonPage
    attempts: int = 0
    learners: int = 0
    learners_passed: int = 0
    mean_score: float | None = None
    questions: list[QuestionAnalysis] = field(default_factory=list)

    @property
    def pass_percent(self) -> int | None:
        return self.learners_passed * 100 // self.learners if self.learners else None


def reader_course(course: CoursePage, language: str) -> CoursePage:
    return (
        CoursePage.objects.filter(
            translation_key=course.translation_key, locale__language_code=language
        )
        .live()
        .first()
        or course
    )


def course_quiz_results(course: CoursePage, language: str | None = None) -> list[QuizResults]:
    """Each lesson with questions in the course, in the reader's language and reading order:
    attempts (in every language), learners who passed, mean score, and per question the
    share of right answers and the most chosen wrong answer. Four queries whatever the
    number of lessons, questions and learners."""
    course = reader_course(course, language or get_language())
    lessons = [lesson for lesson in course_lessons(course) if lesson.questions]
    keys = [lesson.translation_key for lesson in lessons]
    results = {lesson.translation_key: QuizResults(lesson) for lesson in lessons}
    by_question = {}
    for lesson in lessons:
        analyses = [QuestionAnalysis(question) for question in lesson_questions(lesson)]
        results[lesson.translation_key].questions = analyses
        by_question.update({(lesson.translation_key, a.question.id): a for a in analyses})

    quizzes = (
        QuizAttempt.objects.filter(lesson_key__in=keys)
        .values("lesson_key")
        .annotate(
            attempts=Count("pk"),
            learners=Count("user", distinct=True),
            learners_passed=Count("user", filter=Q(passed=True), distinct=True),
            mean_score=Avg("score_percent"),
        )
        .order_by()
    )
    for row in quizzes:
        result = results[row["lesson_key"]]
        result.attempts, result.learners = row["attempts"], row["learners"]
        result.learners_passed, result.mean_score = row["learners_passed"], row["mean_score"]

    answers = (
        QuizAnswer.objects.filter(lesson_key__in=keys)
        .values("lesson_key", "question_id")
        .annotate(answered=Count("pk"), right=Count("pk", filter=Q(correct=True)))
        .order_by()
    )
    for row in answers:
        analysis = by_question.get((row["lesson_key"], row["question_id"]))
        if analysis is not None:
            analysis.answered, analysis.right = row["answered"], row["right"]

    most_chosen_wrong = (
        QuizAnswer.objects.filter(lesson_key__in=keys, correct=False)
        .exclude(response="")
        .values("lesson_key", "question_id", "response")
        .annotate(chosen=Count("pk"))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("lesson_key"), F("question_id")],
                order_by=[F("chosen").desc(), F("response").asc()],
            )
        )
        .filter(rank=1)
        .order_by()
    )
    for row in most_chosen_wrong:
        analysis = by_question.get((row["lesson_key"], row["question_id"]))
        if analysis is not None:
            analysis.wrong_label = response_label(analysis.question, row["response"])
            analysis.wrong_count = row["chosen"]
    return list(results.values())


def lesson_item_analysis(lesson: LessonPage, language: str | None = None) -> QuizResults:
    """Item analysis of one lesson's questions (see course_quiz_results)."""
    course = CoursePage.objects.ancestor_of(lesson).get()
    for result in course_quiz_results(course, language):
        if result.lesson.translation_key == lesson.translation_key:
            return result
    return QuizResults(lesson)
