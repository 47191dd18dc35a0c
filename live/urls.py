"""The live room's pages, under the reader's language prefix."""

from django.urls import path

from live.views import pages

app_name = "live"
urlpatterns = [
    path("live/<int:session_id>/", pages.room, name="room"),
    path("live/<int:session_id>/act/", pages.act, name="act"),
    path("live/<int:session_id>/console/", pages.console, name="console"),
    path("live/<int:session_id>/console/settings/", pages.room_settings, name="settings"),
    path("live/<int:session_id>/projector/", pages.projector, name="projector"),
    path("live/<int:session_id>/console/stream-key/", pages.stream_key, name="stream_key"),
    path(
        "live/<int:session_id>/console/recordings/<int:recording_id>/lesson/",
        pages.recording_lesson,
        name="recording_lesson",
    ),
]
