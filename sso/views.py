"""The steps of a log-in through a partner, around allauth's provider views: the ID token's
signature is always checked, the partner's answer arrives at a language-neutral address
(one redirect URI, one ACS URL) and is answered in the language the log-in started in, and
a partner that cannot be reached or sends nonsense gets allauth's error page, not a 500."""

import functools

from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.helpers import render_authentication_error
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from allauth.socialaccount.providers.saml import views as saml_views
from allauth.socialaccount.providers.saml.utils import get_app_or_404
from django.http import Http404
from django.utils import translation
from requests import RequestException

LANGUAGE_SESSION_KEY = "sso_language"


class SignedIDTokenAdapter(OpenIDConnectOAuth2Adapter):
    """allauth trusts an ID token fetched straight from the token endpoint without its
    signature (OpenID Connect allows it over TLS); a partner's key is checked anyway, so a
    misconfigured or impersonated provider is refused rather than believed."""

    def _decode_id_token(self, app, id_token):
        return jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )


def _remember_language(request):
    request.session[LANGUAGE_SESSION_KEY] = translation.get_language()


def _use_remembered_language(request):
    language = request.session.get(LANGUAGE_SESSION_KEY)
    if language:
        translation.activate(language)
        request.LANGUAGE_CODE = language


def _oidc_provider(request, provider_id):
    try:
        return SignedIDTokenAdapter(request, provider_id).get_provider()
    except SocialApp.DoesNotExist as exc:
        raise Http404 from exc


def _refuse_unreachable(provider_of):
    """A provider that cannot be reached, or answers with something allauth cannot read,
    is reported on allauth's error page."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except (RequestException, ValueError, KeyError) as exc:
                return render_authentication_error(
                    request, provider_of(request, *args, **kwargs), exception=exc
                )

        return wrapped

    return decorator


def _saml_provider(request, organization_slug):
    return get_app_or_404(request, organization_slug).get_provider(request)


def _named_host(view):
    """python3-saml reads the Host header itself; a request without one (HTTP/1.0) gets the
    host Django knows it by, checked against ALLOWED_HOSTS, instead of a KeyError."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        request.META.setdefault("HTTP_HOST", request.get_host())
        return view(request, *args, **kwargs)

    return wrapped


saml_acs = _named_host(saml_views.acs)
saml_sls = _named_host(saml_views.sls)
saml_metadata = _named_host(saml_views.metadata)


@login_not_required
@_refuse_unreachable(_oidc_provider)
def oidc_login(request, provider_id):
    provider = _oidc_provider(request, provider_id)
    _remember_language(request)
    view = OAuth2LoginView.adapter_view(SignedIDTokenAdapter(request, provider.app.provider_id))
    return view(request)


@login_not_required
@_refuse_unreachable(_oidc_provider)
def oidc_callback(request, provider_id):
    _oidc_provider(request, provider_id)
    _use_remembered_language(request)
    view = OAuth2CallbackView.adapter_view(SignedIDTokenAdapter(request, provider_id))
    return view(request)


@login_not_required
@_named_host
def saml_login(request, organization_slug):
    _remember_language(request)
    return saml_views.login(request, organization_slug=organization_slug)


@login_not_required
@_named_host
@_refuse_unreachable(_saml_provider)
def saml_finish_acs(request, organization_slug):
    _use_remembered_language(request)
    return saml_views.finish_acs(request, organization_slug=organization_slug)
