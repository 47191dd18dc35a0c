"""A learner's actions on a lesson: mark it done or not done, and tell where they stopped."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learning.selectors.lessons import course_outline, lesson_for_reader
from learning.selectors.progress import course_of, may_read_lesson
from learning.services.progress import (
    LessonNotMarkable,
    lesson_mark_done,
    lesson_mark_not_done,
    lesson_record_seen,
)

# The longest video position accepted, in seconds (a day).
MAX_POSITION = 24 * 60 * 60


def _readable_lesson(request, lesson_id: int):
    """The live lesson and its course, or 404 for a lesson the user may not read."""
    lesson = lesson_for_reader(lesson_id)
    if lesson is None:
        raise Http404
    course = course_of(lesson)
    if not may_read_lesson(request.user, lesson, course):
        raise Http404
    return lesson, course


@require_POST
@login_required
def lesson_done(request, lesson_id: int):
    """Tick the lesson; "continue" leads on to the next lesson, else back to this one."""
    lesson, course = _readable_lesson(request, lesson_id)
    try:
        lesson_mark_done(user=request.user, lesson=lesson)
    except LessonNotMarkable:
        messages.error(request, _("Pass the quiz to complete this lesson."))
        return redirect(lesson.get_url(request) + "#quiz")
    if request.POST.get("then") == "next":
        outline = course_outline(course, request.user, current=lesson)
        if outline.current is not None:
            _previous, following = outline.neighbours(outline.current)
            if following is not None:
                return redirect(following.page.get_url(request))
    return redirect(lesson.get_url(request))


@require_POST
@login_required
def lesson_not_done(request, lesson_id: int):
    lesson, _course = _readable_lesson(request, lesson_id)
    lesson_mark_not_done(user=request.user, lesson=lesson)
    return redirect(lesson.get_url(request))


@require_POST
@login_required
def lesson_seen(request, lesson_id: int):
    """The beacon of a lesson page and its video player: `position` in seconds, optional,
    as a form field or in a JSON body. Answers 204."""
    lesson, _course = _readable_lesson(request, lesson_id)
    try:
        position = _position(request)
    except ValueError:
        return HttpResponseBadRequest(_("The position must be a whole number of seconds."))
    lesson_record_seen(user=request.user, lesson=lesson, position=position)
    return HttpResponse(status=204)


def _position(request) -> int | None:
    if request.content_type == "application/json":
        try:
            value = json.loads(request.body or b"{}").get("position")
        except (json.JSONDecodeError, AttributeError) as error:
            raise ValueError from error
    else:
        value = request.POST.get("position")
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise ValueError
    position = int(float(value)) if isinstance(value, int | float) else int(str(value))
    if not 0 <= position <= MAX_POSITION:
        raise ValueError
    return position
