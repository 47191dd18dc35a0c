"""Learners' progress in a course, for its trainers and administrators, on screen and as CSV."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cms.exporting import csv_response
from courses.models import CoursePage
from learning.selectors.progress import learners_progress, may_act_on_course


def _course_for_staff(request, course_id: int) -> CoursePage:
    course = CoursePage.objects.filter(pk=course_id).first()
    if course is None or not may_act_on_course(request.user, course.translation_key):
        raise Http404
    return course


@require_GET
@never_cache
@login_required
def course_progress(request, course_id: int):
    """Each learner of the runs the user trains (administrators: every run): lessons done
    and last activity."""
    course = _course_for_staff(request, course_id)
    rows = learners_progress(request.user, course)
    return render(request, "learning/manage/progress.html", {"course": course, "rows": rows})


@require_GET
@never_cache
@login_required
def course_progress_csv(request, course_id: int):
    course = _course_for_staff(request, course_id)
    rows = learners_progress(request.user, course)
    headers = [
        _("Learner"),
        _("Email"),
        _("Lessons done"),
        _("Lessons"),
        _("Done (%)"),
        _("Last activity"),
    ]
    lines = (
        [
            row.name,
            row.email,
            row.done,
            row.total,
            row.percent,
            timezone.localtime(row.last_activity) if row.last_activity else None,
        ]
        for row in rows
    )
    return csv_response(headers, lines, filename=f"progress-{course.slug}.csv")
