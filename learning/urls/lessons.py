"""URLs of lessons: a learner's ticks and the beacon that remembers where they stopped."""

from django.urls import path

from learning.views import lessons

urlpatterns = [
    path("learning/lessons/<int:lesson_id>/done/", lessons.lesson_done, name="lesson_done"),
    path(
        "learning/lessons/<int:lesson_id>/not-done/",
        lessons.lesson_not_done,
        name="lesson_not_done",
    ),
    path("learning/lessons/<int:lesson_id>/seen/", lessons.lesson_seen, name="lesson_seen"),
]
