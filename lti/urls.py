"""The tool's protocol endpoints, language-neutral: the addresses an LMS's administrator
enters (docs/integrations.md)."""

from django.urls import path

from lti import views

app_name = "lti"
urlpatterns = [
    path("login/", views.login_initiation, name="login"),
    path("launch/", views.launch, name="launch"),
    path("jwks/", views.jwks, name="jwks"),
]
