"""The provider's addresses: django-oauth-toolkit's, a log-in form, and under /forged/ the
same provider described with a key set that is not the one it signs with."""

import json

from django.conf import settings
from django.contrib.auth.views import LoginView
from django.http import JsonResponse
from django.urls import include, path
from jwcrypto import jwk
from oauth2_provider.views.oidc import ConnectDiscoveryInfoView, JwksInfoView


def forged_discovery(request):
    real = json.loads(ConnectDiscoveryInfoView.as_view()(request).content)
    real["jwks_uri"] = request.build_absolute_uri("/forged/jwks.json")
    return JsonResponse(real)


def forged_jwks(request):
    """The real key's id on another key: signatures made with the real key do not verify."""
    real = json.loads(JwksInfoView.as_view()(request).content)["keys"][0]
    other = jwk.JWK.from_pem(settings.CONFIG["other_private_key"].encode())
    public = other.export_public(as_dict=True)
    public.update(kid=real["kid"], alg="RS256", use="sig")
    return JsonResponse({"keys": [public]})


urlpatterns = [
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("login/", LoginView.as_view(template_name="login.html"), name="login"),
    path("forged/.well-known/openid-configuration", forged_discovery),
    path("forged/jwks.json", forged_jwks),
]
