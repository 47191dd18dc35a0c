"""Certificates URLs, under the reader's language prefix."""

from django.urls import path

from certificates import views

app_name = "certificates"
urlpatterns = [
    path(
        "learning/<int:enrollment_id>/certificate/",
        views.enrollment_certificate,
        name="enrollment",
    ),
    path("learning/<int:enrollment_id>/certificate.pdf", views.pdf, name="pdf"),
    path("learning/<int:enrollment_id>/badge.json", views.badge_json, name="badge_json"),
    path("learning/<int:enrollment_id>/badge.jwt", views.badge_jwt, name="badge_jwt"),
    path("certificates/verify/", views.verify_lookup, name="verify_lookup"),
    path("certificates/verify/<path:code>/", views.verify, name="verify"),
    path("certificates/check/", views.check, name="check"),
]
