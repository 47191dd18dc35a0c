"""Public reporting URLs under the reader's language prefix: the open data files."""

app_name = "reporting"
urlpatterns = []
