"""Quiz pages: submitting a lesson's questions, the review of an attempt, and the quiz
results of a course for its trainers. The rules live in learning.services.quizzes and
learning.selectors.quizzes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cms.exporting import csv_response
from courses.models import CoursePage
from learning.forms.quizzes import QuizForm
from learning.grading import lesson_questions
from learning.models import LessonPage, QuizAttempt
from learning.selectors import quizzes as selectors
from learning.services.quizzes import QuizRefused, quiz_submit


@login_required
@require_POST
def submit(request, lesson_id: int):
    """Grade the answers and show them reviewed; with a form error, the lesson again with
    the learner's answers kept; past the attempts limit, the lesson with why."""
    lesson = get_object_or_404(LessonPage.objects.live().select_related("locale"), pk=lesson_id)
    form = QuizForm(lesson_questions(lesson), request.POST)
    if not form.is_valid():
        request.quiz_form = form
        return lesson.serve(request)
    try:
        attempt = quiz_submit(
            user=request.user,
            lesson=lesson,
            answers=form.answers,
            token=form.cleaned_data["token"],
        )
    except QuizRefused as refused:
        messages.error(request, refused.message)
        return redirect(lesson.get_url(request) + "#quiz")
    return redirect("learning:quiz_attempt", attempt_id=attempt.pk)


@login_required
@require_GET
def attempt(request, attempt_id: int):
    """The learner's own attempt, reviewed in the language they read now; anyone else's
    is a 404."""
    attempt = get_object_or_404(QuizAttempt, pk=attempt_id, user=request.user)
    review = selectors.attempt_review(attempt, get_language())
    if review is None:
        raise Http404
    return render(request, "learning/quiz_attempt.html", {"review": review})


@login_required
@require_GET
def results(request, course_id: int):
    """Quiz results of a course with item analysis, for the trainers of its sessions and
    the administrators; a 404 for anyone else."""
    course = managed_course(request.user, course_id)
    context = {
        "course": selectors.reader_course(course, get_language()),
        "results": selectors.course_quiz_results(course, get_language()),
    }
    return render(request, "learning/manage/quiz_results.html", context)


@login_required
@require_GET
def results_csv(request, course_id: int):
    """The same results as a spreadsheet: one row per question."""
    course = managed_course(request.user, course_id)
    headers = [
        _("Lesson"),
        _("Graded"),
        _("Attempts"),
        _("Learners"),
        _("Learners who passed"),
        _("Mean score (%)"),
        _("Question"),
        _("Kind"),
        _("Answers"),
        _("Right (%)"),
        _("Most chosen wrong answer"),
        _("Chosen by"),
    ]
    rows = (
        [
            result.lesson.title,
            _("yes") if result.lesson.graded else _("no"),
            result.attempts,
            result.learners,
            result.learners_passed,
            round(result.mean_score, 1) if result.mean_score is not None else None,
            item.question.number,
            item.question.kind_label,
            item.answered,
            item.right_percent,
            item.wrong_label,
            item.wrong_count or None,
        ]
        for result in selectors.course_quiz_results(course, get_language())
        for item in result.questions
    )
    return csv_response(headers, rows, filename=f"quiz-results-{course.slug}.csv")


def managed_course(user, course_id: int) -> CoursePage:
    course = CoursePage.objects.live().filter(pk=course_id).first()
    if course is None or not selectors.may_see_results(user, course):
        raise Http404
    return course
