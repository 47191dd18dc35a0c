"""Views of video lessons: remembering where a learner stopped the lesson's video."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from learning.models import LessonPage
from learning.selectors.progress import course_of, may_read_lesson
from learning.services.video import video_position_save

# Longer than any lesson: a position beyond it is not a position.
MAX_POSITION_SECONDS = 24 * 60 * 60


@require_POST
@login_required
def video_position(request, lesson_id: int):
    """The player posts the second the learner reached (every 15 s of playing, on pause);
    204 when kept, 404 for a lesson they may not read."""
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    if not may_read_lesson(request.user, lesson, course_of(lesson)):
        raise Http404
    try:
        seconds = int(float(request.POST.get("position", "")))
    except (TypeError, ValueError, OverflowError):
        return HttpResponseBadRequest("position: a number of seconds")
    if not 0 <= seconds <= MAX_POSITION_SECONDS:
        return HttpResponseBadRequest("position: a number of seconds")
    video_position_save(user=request.user, lesson=lesson, seconds=seconds)
    return HttpResponse(status=204)
