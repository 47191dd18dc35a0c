"""The live broadcast's addresses without a language prefix: the ingest's callbacks and the
HLS files (live.views.ingest)."""

from django.urls import path

from live.views import ingest

app_name = "live_broadcast"
urlpatterns = [
    path("live-ingest/<str:token>/<str:call>", ingest.callback, name="ingest"),
    path("live-hls/<str:publication>/<path:name>", ingest.hls, name="hls"),
]
