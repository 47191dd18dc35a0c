"""The partners' side of single sign-on, real and started by the tests: an OpenID provider
(django-oauth-toolkit) in a second process on 127.0.0.1, and a SAML identity provider
(pysaml2's Server) in this one, each with keys made for the run."""

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from sso.models import IdentityProvider, Protocol
from tests.sso import saml_idp

REPO = Path(__file__).resolve().parents[2]
CALLBACK = "http://testserver/sso/oidc/{slug}/login/callback/"

PEOPLE = {
    "amina": {
        "password": "amina-partner-pass",
        "email": "amina@university.example",
        "email_verified": True,
        "given_name": "Amina",
        "family_name": "Diallo",
        "country": "SN",
        "organization": "Université Cheikh Anta Diop",
    },
    "ivan": {
        "password": "ivan-partner-pass",
        "email": "ivan@ministry.example",
        "email_verified": False,
        "given_name": "Ivan",
        "family_name": "Petrov",
    },
}


def private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@dataclass
class OpenIDProvider:
    url: str

    @property
    def issuer(self) -> str:
        return f"{self.url}/o"

    def log_in(self, username: str) -> requests.Session:
        """A browser at the provider, logged in there as this person."""
        browser = requests.Session()
        login = f"{self.url}/login/"
        browser.get(login, timeout=30).raise_for_status()
        response = browser.post(
            login,
            data={
                "username": username,
                "password": PEOPLE[username]["password"],
                "csrfmiddlewaretoken": browser.cookies["csrftoken"],
            },
            allow_redirects=False,
            timeout=30,
        )
        assert response.status_code == 302, response.text
        return browser


@pytest.fixture(scope="session")
def openid_provider(tmp_path_factory):
    folder = tmp_path_factory.mktemp("oidc-provider")
    slugs = ["partner", "forged", "wrong-aud"]
    config = {
        "database": str(folder / "provider.sqlite3"),
        "private_key": private_key_pem(),
        "other_private_key": private_key_pem(),
        "people": PEOPLE,
        "clients": [
            {
                "name": "platform",
                "client_id": "training-platform",
                "client_secret": "platform-secret",
                "redirect_uris": [CALLBACK.format(slug=slug) for slug in slugs],
            },
            {
                "name": "wrong-audience",
                "client_id": "training-platform-2",
                "client_secret": "platform-secret-2",
                "redirect_uris": [CALLBACK.format(slug="wrong-aud")],
            },
        ],
    }
    config_path = folder / "config.json"
    config_path.write_text(json.dumps(config))
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "tests.sso.oidc_provider.serve", str(config_path)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("READY "), f"the OpenID provider did not start: {line!r}"
        yield OpenIDProvider(url=f"http://127.0.0.1:{line.split()[1]}")
    finally:
        process.terminate()
        process.wait()


@pytest.fixture
def oidc_partner(home, openid_provider):
    """The partner's provider, offered on the master platform."""
    return add_oidc(home, openid_provider, slug="partner", country="country")


def add_oidc(home, provider, *, slug, issuer=None, client_id="training-platform", **claims):
    idp = IdentityProvider.objects.create(
        name="Université Partenaire",
        slug=slug,
        protocol=Protocol.OIDC,
        issuer_url=issuer or provider.issuer,
        client_id=client_id,
        client_secret={"training-platform": "platform-secret"}.get(client_id, "platform-secret-2"),
        country_claim=claims.get("country", ""),
        organisation_claim=claims.get("organisation", "organization"),
    )
    idp.sites.add(home.get_site())
    return idp


def oidc_log_in(client, provider: OpenIDProvider, *, slug: str, username: str, language="en"):
    """Press "Log in with ..." on the platform, log in at the provider, come back; the
    platform's last answer (redirects followed)."""
    start = client.post(f"/{language}/accounts/oidc/{slug}/login/")
    assert start.status_code == 302, start.content
    authorize = start["Location"]
    assert authorize.startswith(provider.url)
    browser = provider.log_in(username)
    answer = browser.get(authorize, allow_redirects=False, timeout=30)
    assert answer.status_code == 302, answer.text
    back = urlsplit(answer.headers["Location"])
    assert back.netloc == "testserver"
    return client.get(f"{back.path}?{back.query}", follow=True)


@pytest.fixture(scope="session")
def saml_keys(tmp_path_factory):
    """The partner's signing key, and a key of someone else."""
    folder = tmp_path_factory.mktemp("saml-idp")
    return {
        name: saml_idp.IdentityProviderKeys(*saml_idp.key_and_certificate(folder, name))
        for name in ("partner", "stranger")
    }


@pytest.fixture
def saml_partner(home, saml_keys):
    idp = IdentityProvider.objects.create(
        name="Ministère Partenaire",
        slug="ministry",
        protocol=Protocol.SAML,
        idp_entity_id=saml_idp.ENTITY_ID,
        idp_sso_url=saml_idp.SSO_URL,
        idp_certificate=saml_keys["partner"].certificate,
        emails_verified=True,
    )
    idp.sites.add(home.get_site())
    return idp
