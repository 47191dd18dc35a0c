"""Partners' identity providers, offered on the log-in page of the platforms an
administrator chose, and the profile details a learner agreed to take from one."""

from cryptography import x509
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

# allauth's own provider ids: a partner's slug may not take one, or its addresses would
# point at allauth's generic provider instead of the partner.
RESERVED_SLUGS = {"openid_connect", "saml", "oidc"}


class Protocol(models.TextChoices):
    OIDC = "oidc", _("OpenID Connect")
    SAML = "saml", _("SAML 2.0")


class IdentityProvider(models.Model):
    """A university's, ministry's or organisation's log-in service."""

    name = models.CharField(
        _("name"),
        max_length=40,
        help_text=_('Shown on the log-in button: "Log in with <name>".'),
    )
    slug = models.SlugField(
        _("identifier"),
        max_length=40,
        unique=True,
        help_text=_(
            "Part of the addresses the partner registers (redirect URI, ACS, metadata); "
            "changing it breaks them and the links of accounts already signed in."
        ),
    )
    protocol = models.CharField(_("protocol"), max_length=4, choices=Protocol.choices)
    sites = models.ManyToManyField(
        "wagtailcore.Site",
        verbose_name=_("platforms"),
        blank=True,
        related_name="+",
        help_text=_("The platforms whose log-in page offers this provider; none turns it off."),
    )

    issuer_url = models.URLField(
        _("issuer URL"),
        blank=True,
        help_text=_(
            "OpenID Connect: the issuer, whose /.well-known/openid-configuration "
            "describes the provider."
        ),
    )
    client_id = models.CharField(
        _("client ID"),
        max_length=191,
        blank=True,
        help_text=_("OpenID Connect: the client ID the partner gave the platform."),
    )
    client_secret = models.CharField(
        _("client secret"),
        max_length=191,
        blank=True,
        help_text=_("OpenID Connect: the client secret the partner gave the platform."),
    )

    idp_entity_id = models.CharField(
        _("identity provider entity ID"),
        max_length=255,
        blank=True,
        help_text=_("SAML: the entityID in the partner's metadata."),
    )
    idp_sso_url = models.URLField(
        _("single sign-on URL"),
        blank=True,
        help_text=_("SAML: the SingleSignOnService address (HTTP-Redirect binding)."),
    )
    idp_certificate = models.TextField(
        _("signing certificate"),
        blank=True,
        help_text=_("SAML: the identity provider's X.509 signing certificate (PEM)."),
    )
    email_attribute = models.CharField(
        _("email attribute"),
        max_length=255,
        blank=True,
        help_text=_("SAML: the attribute holding the address, if not one of the usual names."),
    )

    emails_verified = models.BooleanField(
        _("addresses are verified by the provider"),
        default=False,
        help_text=_(
            "Tick only if the partner checks every address it sends (e.g. its own staff "
            "directory). Otherwise an address counts as verified only when the provider "
            "says so (OpenID Connect's email_verified claim), and an existing account is "
            "never joined through an unverified address."
        ),
    )
    country_claim = models.CharField(
        _("country claim or attribute"),
        max_length=255,
        blank=True,
        help_text=_(
            "Where the provider sends the learner's country (an ISO code or English name); "
            "empty: not asked."
        ),
    )
    organisation_claim = models.CharField(
        _("organisation claim or attribute"),
        max_length=255,
        blank=True,
        help_text=_("Where the provider sends the learner's organisation; empty: not asked."),
    )

    class Meta:
        verbose_name = _("identity provider")
        verbose_name_plural = _("identity providers")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This identifier is reserved; choose another one.")
        required = {
            Protocol.OIDC: ("issuer_url", "client_id", "client_secret"),
            Protocol.SAML: ("idp_entity_id", "idp_sso_url", "idp_certificate"),
        }.get(self.protocol, ())
        for name in required:
            if not getattr(self, name).strip():
                errors[name] = _("Required for this protocol.")
        if self.protocol == Protocol.SAML and self.idp_certificate.strip():
            try:
                x509.load_pem_x509_certificate(pem_certificate(self.idp_certificate).encode())
            except ValueError:
                errors["idp_certificate"] = _("This is not a PEM certificate.")
        if errors:
            raise ValidationError(errors)


def pem_certificate(text: str) -> str:
    """A certificate pasted with or without its BEGIN/END lines, as PEM."""
    text = text.strip()
    if text.startswith("-----BEGIN"):
        return text + "\n"
    body = "".join(text.split())
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return "-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----\n"


class ConsentedProfileClaims(models.Model):
    """What a learner agreed, on signing up through a provider, to let the platform put
    in their learner profile; enrollment offers it when it first asks for the profile."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consented_claims"
    )
    provider_name = models.CharField(_("identity provider"), max_length=40)
    country = CountryField(_("country"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    consented_at = models.DateTimeField(_("consented at"), auto_now_add=True)

    class Meta:
        verbose_name = _("profile details from an identity provider")
        verbose_name_plural = _("profile details from identity providers")

    def __str__(self):
        return str(self.user)
