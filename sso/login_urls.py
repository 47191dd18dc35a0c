"""Where a log-in through a partner starts, under the reader's language (the log-in page's
buttons post here); the answer comes back to sso.urls."""

from django.urls import path

from sso import views

urlpatterns = [
    path("oidc/<str:provider_id>/login/", views.oidc_login, name="openid_connect_login"),
    path("saml/<str:organization_slug>/login/", views.saml_login, name="saml_login"),
]
