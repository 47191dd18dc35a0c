"""Surveys URLs, under the reader's language prefix."""

app_name = "surveys"
urlpatterns = []
