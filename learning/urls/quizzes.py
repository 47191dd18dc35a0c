"""URLs of quizzes."""

from django.urls import path

from learning.views import quizzes

urlpatterns = [
    path("learning/lessons/<int:lesson_id>/answers/", quizzes.submit, name="quiz_submit"),
    path("learning/attempts/<int:attempt_id>/", quizzes.attempt, name="quiz_attempt"),
    path("learning/manage/<int:course_id>/quizzes/", quizzes.results, name="quiz_results"),
    path(
        "learning/manage/<int:course_id>/quizzes.csv",
        quizzes.results_csv,
        name="quiz_results_csv",
    ),
]
