"""Catalog URLs under /<lang>/, before Wagtail's page tree: calendar files of sessions."""

from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("sessions/<int:session_id>.ics", views.session_ics, name="session_ics"),
    path("calendar.ics", views.site_calendar, name="site_calendar"),
    path("themes/<str:theme_slug>/calendar.ics", views.theme_calendar, name="theme_calendar"),
]
