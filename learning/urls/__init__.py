"""The learning stage's URLs, one module per area."""

from learning.urls import discussions, lessons, manage, quizzes

app_name = "learning"

urlpatterns = [
    *lessons.urlpatterns,
    *quizzes.urlpatterns,
    *discussions.urlpatterns,
    *manage.urlpatterns,
]
