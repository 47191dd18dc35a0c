"""Privacy URLs, under the reader's language prefix next to the account pages."""

from django.urls import path

from privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.your_data, name="your_data"),
    path("download/", views.download, name="download"),
    path("delete/", views.delete, name="delete"),
    path("deleted/", views.deleted, name="deleted"),
]
