"""Websocket routes of every app."""

from django.urls import path

from cms.consumers import PingConsumer
from live.consumers import LiveRoomConsumer

websocket_urlpatterns = [
    path("ws/ping/", PingConsumer.as_asgi()),
    path("ws/live/<int:session_id>/", LiveRoomConsumer.as_asgi()),
]
