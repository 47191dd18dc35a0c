"""Callbacks of the video conferencing servers, named by the server they come from."""

from django.urls import path

from conferencing import views

app_name = "conferencing_api"
urlpatterns = [
    path(
        "bigbluebutton/<slug:server_name>/analytics/",
        views.bbb_analytics,
        name="bbb_analytics",
    ),
    path(
        "bigbluebutton/<slug:server_name>/recording-ready/",
        views.bbb_recording_ready,
        name="bbb_recording_ready",
    ),
    path(
        "jitsi/<slug:server_name>/events/<slug:subject>/<slug:what>",
        views.jitsi_events,
        name="jitsi_events",
    ),
]
