"""The live room's HTTP fallback, under /api/live/ (no language prefix: ?lang= instead)."""

from django.urls import path

from live.views import api

app_name = "live_api"
urlpatterns = [
    path("<int:session_id>/events", api.events, name="events"),
    path("<int:session_id>/actions", api.perform, name="actions"),
]
