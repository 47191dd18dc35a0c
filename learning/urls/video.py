"""URLs of video lessons."""

from django.urls import path

from learning.views import video

urlpatterns = [
    path(
        "learning/lessons/<int:lesson_id>/video-position/",
        video.video_position,
        name="video_position",
    ),
]
