"""Addresses partners' systems call, without a language prefix: the OpenID Connect redirect
URI, SAML's assertion consumer service, single logout and the platform's SP metadata.
URL names are allauth's, so its providers find them."""

from django.urls import include, path

from sso import views

urlpatterns = [
    path(
        "oidc/<str:provider_id>/login/callback/",
        views.oidc_callback,
        name="openid_connect_callback",
    ),
    path(
        "saml/<str:organization_slug>/",
        include(
            [
                path("acs/", views.saml_acs, name="saml_acs"),
                path("acs/finish/", views.saml_finish_acs, name="saml_finish_acs"),
                path("sls/", views.saml_sls, name="saml_sls"),
                path("metadata/", views.saml_metadata, name="saml_metadata"),
            ]
        ),
    ),
]
