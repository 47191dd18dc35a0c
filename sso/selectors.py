"""Reads: the identity providers a platform offers, as allauth's apps, and the profile
details a provider sent or a learner agreed to."""

from allauth.socialaccount.models import SocialAccount, SocialApp
from django_countries import countries
from wagtail.models import Site

from sso.models import ConsentedProfileClaims, IdentityProvider, Protocol, pem_certificate

# Where SAML identity providers usually put these (OID names first, then common ones).
SAML_EMAIL_ATTRIBUTES = [
    "urn:oid:0.9.2342.19200300.100.1.3",
    "mail",
    "email",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
]
SAML_FIRST_NAME_ATTRIBUTES = [
    "urn:oid:2.5.4.42",
    "givenName",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
]
SAML_LAST_NAME_ATTRIBUTES = [
    "urn:oid:2.5.4.4",
    "sn",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
]


def providers_for_site(site: Site | None):
    providers = IdentityProvider.objects.all()
    if site is not None:
        providers = providers.filter(sites=site)
    return providers


def social_app(provider: IdentityProvider) -> SocialApp:
    """The provider as allauth's app (never saved: the admin edits IdentityProvider)."""
    app_settings = {}
    if provider.emails_verified:
        app_settings["verified_email"] = True
    if provider.protocol == Protocol.OIDC:
        app_settings["server_url"] = provider.issuer_url
        return SocialApp(
            provider="openid_connect",
            provider_id=provider.slug,
            name=provider.name,
            client_id=provider.client_id,
            secret=provider.client_secret,
            settings=app_settings,
        )
    email = [provider.email_attribute] if provider.email_attribute else []
    app_settings |= {
        "idp": {
            "entity_id": provider.idp_entity_id,
            "sso_url": provider.idp_sso_url,
            "x509cert": pem_certificate(provider.idp_certificate),
        },
        "attribute_mapping": {
            "email": email + SAML_EMAIL_ATTRIBUTES,
            "email_verified": ["email_verified"],
            "first_name": SAML_FIRST_NAME_ATTRIBUTES,
            "last_name": SAML_LAST_NAME_ATTRIBUTES,
        },
        "advanced": {
            "strict": True,
            "want_assertion_signed": True,
            "reject_idp_initiated_sso": True,
            # Development sub-platforms live on *.localhost.
            "allow_single_label_domains": True,
        },
    }
    return SocialApp(
        provider="saml",
        provider_id=provider.slug,
        name=provider.name,
        client_id=provider.slug,
        settings=app_settings,
    )


def social_apps_for_site(site: Site | None) -> list[SocialApp]:
    return [social_app(provider) for provider in providers_for_site(site)]


def provider_by_slug(slug: str) -> IdentityProvider | None:
    return IdentityProvider.objects.filter(slug=slug).first()


def _claim(provider: IdentityProvider, extra_data: dict, name: str) -> str:
    if not name:
        return ""
    if provider.protocol == Protocol.SAML:
        values = extra_data.get(name) or []
        value = values[0] if isinstance(values, list) and values else values
    else:
        # allauth keeps userinfo and the ID token; userinfo usually says more.
        value = None
        for source in (extra_data.get("userinfo") or {}, extra_data.get("id_token") or {}):
            value = source
            for part in name.split("."):
                value = value.get(part) if isinstance(value, dict) else None
            if value:
                break
    return value.strip() if isinstance(value, str) else ""


def country_code(value: str) -> str:
    """An ISO 3166 code (alpha-2, alpha-3 or numeric) or an English name, as alpha-2."""
    if not value:
        return ""
    return countries.alpha2(value) or countries.by_name(value) or ""


def profile_claims(provider: IdentityProvider, extra_data: dict) -> dict[str, str]:
    """The country and organisation the provider sent, only those it sent and we know."""
    claims = {
        "country": country_code(_claim(provider, extra_data, provider.country_claim)),
        "organisation": _claim(provider, extra_data, provider.organisation_claim)[:200],
    }
    return {key: value for key, value in claims.items() if value}


def consented_profile_initial(user) -> dict[str, str]:
    """Initial values for the learner profile form, from what the learner agreed to."""
    consent = ConsentedProfileClaims.objects.filter(user=user).first()
    if consent is None:
        return {}
    initial = {"country": consent.country.code, "organisation": consent.organisation}
    return {key: value for key, value in initial.items() if value}


def personal_data_export(user) -> dict:
    """The person's accounts at identity providers, with what each sent, and the profile
    details they let us take from them."""
    consented = ConsentedProfileClaims.objects.filter(user=user).first()
    return {
        "accounts": [
            {
                "provider": account.provider,
                "identifier": account.uid,
                "first_login": account.date_joined.isoformat(),
                "last_login": account.last_login.isoformat(),
                "claims": account.extra_data,
            }
            for account in SocialAccount.objects.filter(user=user).order_by("pk")
        ],
        "profile_details": None
        if consented is None
        else {
            "provider": consented.provider_name,
            "country": str(consented.country),
            "organisation": consented.organisation,
            "consented_at": consented.consented_at.isoformat(),
        },
    }
