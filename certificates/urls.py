"""Certificates URLs, under the reader's language prefix."""

app_name = "certificates"
urlpatterns = []
