"""URLs of manage: what trainers and administrators see of a course's learners."""

from django.urls import path

from learning.views import progress

urlpatterns = [
    path(
        "learning/manage/<int:course_id>/progress/",
        progress.course_progress,
        name="course_progress",
    ),
    path(
        "learning/manage/<int:course_id>/progress.csv",
        progress.course_progress_csv,
        name="course_progress_csv",
    ),
]
