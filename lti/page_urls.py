"""The tool's pages people see, under the reader's language prefix."""

from django.urls import path

from lti import views

app_name = "lti_pages"
urlpatterns = [
    path("lti/deep-link/<str:launch_id>/", views.deep_link, name="deep_link"),
]
