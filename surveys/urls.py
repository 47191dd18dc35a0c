"""Surveys URLs, under the reader's language prefix."""

from django.urls import path

from surveys import views

app_name = "surveys"
urlpatterns = [
    path("learning/<int:enrollment_id>/survey/", views.respond, name="respond"),
    path("learning/<int:enrollment_id>/survey/thanks/", views.thanks, name="thanks"),
    path("sessions/<int:session_id>/survey-results/", views.results, name="results"),
]
