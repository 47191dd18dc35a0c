"""PyLTI1p3 glue: the registered platforms as its tool configuration, the OIDC login and
the message launch on Django requests, their state and nonces kept in the cache (a launch
is a cross-site POST, which carries no session cookie)."""

import time

import requests
from django.core.cache import cache
from pylti1p3.contrib.django import DjangoCacheDataStorage, DjangoMessageLaunch, DjangoOIDCLogin
from pylti1p3.deployment import Deployment
from pylti1p3.registration import Registration
from pylti1p3.tool_config.abstract import ToolConfAbstract

from lti.keys import public_key_pem
from lti.models import LtiPlatform

# How long a launch's data stays in the cache for the pages that follow it (deep linking).
LAUNCH_LIFETIME = 60 * 60
# A nonce seen once is refused for longer than any id_token could live.
NONCE_MEMORY = 24 * 60 * 60
# Calls to an LMS (its key set, token and grade endpoints) give up after this many seconds.
HTTP_TIMEOUT = 10


class PlatformNotFound(Exception):
    """No active registration for this issuer (and client ID)."""


def registration_of(platform: LtiPlatform) -> Registration:
    return (
        Registration()
        .set_issuer(platform.issuer)
        .set_client_id(platform.client_id)
        .set_auth_login_url(platform.auth_login_url)
        .set_auth_token_url(platform.auth_token_url)
        .set_auth_audience(platform.auth_audience or None)
        .set_key_set_url(platform.key_set_url)
        .set_tool_private_key(platform.tool_private_key)
        .set_tool_public_key(public_key_pem(platform.tool_private_key))
    )


def find_platform(issuer: str | None, client_id: str | None) -> LtiPlatform | None:
    """The active registration of this issuer: the one with this client ID, or the only
    one when the LMS did not say which (the login request's client_id is optional)."""
    if not issuer:
        return None
    candidates = LtiPlatform.objects.filter(issuer=issuer, active=True)
    if client_id:
        return candidates.filter(client_id=client_id).first()
    found = list(candidates[:2])
    return found[0] if len(found) == 1 else None


class PlatformsToolConf(ToolConfAbstract):
    """The registered platforms, looked up by issuer and client ID."""

    def __init__(self):
        self.platform: LtiPlatform | None = None

    def check_iss_has_one_client(self, iss):
        return False

    def check_iss_has_many_clients(self, iss):
        return True

    def find_registration_by_issuer(self, iss, *args, **kwargs):
        return self.find_registration_by_params(iss, None)

    def find_registration_by_params(self, iss, client_id, *args, **kwargs):
        platform = find_platform(iss, client_id)
        if platform is None:
            raise PlatformNotFound(iss)
        self.platform = platform
        return registration_of(platform)

    def find_deployment(self, iss, deployment_id):
        return self.find_deployment_by_params(iss, deployment_id, None)

    def find_deployment_by_params(self, iss, deployment_id, client_id, *args, **kwargs):
        platform = self.platform or find_platform(iss, client_id)
        if platform is None or deployment_id not in platform.deployments:
            return None
        return Deployment().set_deployment_id(deployment_id)


def requests_session() -> requests.Session:
    session = requests.Session()
    session.request = _with_timeout(session.request)
    return session


def _with_timeout(send):
    def request(method, url, **kwargs):
        kwargs.setdefault("timeout", HTTP_TIMEOUT)
        return send(method, url, **kwargs)

    return request


def oidc_login(request, tool_conf: PlatformsToolConf) -> DjangoOIDCLogin:
    return (
        DjangoOIDCLogin(request, tool_conf)
        .set_launch_data_storage(DjangoCacheDataStorage())
        .set_launch_data_lifetime(LAUNCH_LIFETIME)
    )


def message_launch(request, tool_conf: PlatformsToolConf) -> DjangoMessageLaunch:
    launch = DjangoMessageLaunch(
        request,
        tool_conf,
        launch_data_storage=DjangoCacheDataStorage(),
        requests_session=requests_session(),
    )
    launch.set_launch_data_lifetime(LAUNCH_LIFETIME)
    return launch


def restored_launch(request, launch_id: str, tool_conf: PlatformsToolConf):
    return DjangoMessageLaunch.from_cache(
        launch_id,
        request,
        tool_conf,
        launch_data_storage=DjangoCacheDataStorage(),
        requests_session=requests_session(),
    )


def nonce_first_use(issuer: str, nonce: str, expires_at: int | None) -> bool:
    """True the first time this (issuer, nonce) is seen: a launch replayed, even with a
    valid signature and state, is refused."""
    lifetime = NONCE_MEMORY
    if expires_at:
        lifetime = max(60, min(NONCE_MEMORY, int(expires_at - time.time()) + 300))
    return cache.add(f"lti:nonce:{issuer}:{nonce}", 1, timeout=lifetime)
