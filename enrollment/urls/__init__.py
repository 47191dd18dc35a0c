"""Enrollment URLs, under the reader's language prefix."""

from enrollment.urls import learner, trainer

app_name = "enrollment"
urlpatterns = [*learner.urlpatterns, *trainer.urlpatterns]
