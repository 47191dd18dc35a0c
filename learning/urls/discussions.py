"""URLs of discussions: the forms of a lesson's thread, and the trainers' queue."""

from django.urls import path

from learning.views import discussions

urlpatterns = [
    path(
        "learning/lessons/<int:lesson_id>/discussion/",
        discussions.post_write,
        name="discussion_post",
    ),
    path("learning/discussion/<int:post_id>/vote/", discussions.post_vote, name="discussion_vote"),
    path(
        "learning/discussion/<int:post_id>/report/",
        discussions.post_report,
        name="discussion_report",
    ),
    path(
        "learning/discussion/<int:post_id>/moderate/",
        discussions.post_moderate,
        name="discussion_moderate",
    ),
    path(
        "learning/manage/<int:course_id>/discussions/",
        discussions.queue,
        name="discussion_queue",
    ),
    path(
        "learning/manage/<int:course_id>/discussions.csv",
        discussions.queue_csv,
        name="discussion_queue_csv",
    ),
]
