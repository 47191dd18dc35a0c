"""The video meeting's pages, under the reader's language prefix."""

from django.urls import path

from conferencing import views

app_name = "conferencing"
urlpatterns = [
    path("meeting/<int:session_id>/", views.meeting, name="meeting"),
    path("meeting/<int:session_id>/join/", views.join, name="join"),
]
