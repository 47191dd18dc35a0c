"""URLs of quizzes."""

urlpatterns = []
