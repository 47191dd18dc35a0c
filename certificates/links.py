"""The absolute addresses a certificate carries: its public verification page (printed
as a QR code), its credential and revocation status (the revocation list of each
credential, and the bitstring status lists), the issuer's profile, and the "add to LinkedIn
profile" link."""

from urllib.parse import quote, urlencode

from django.urls import reverse
from django.utils import translation

from certificates.models import Certificate

LINKEDIN_ADD_URL = "https://www.linkedin.com/profile/add"


def absolute(root_url: str, path: str) -> str:
    return root_url.rstrip("/") + path


def verification_url(certificate: Certificate, language: str | None = None) -> str:
    """The public page, in the certificate's language unless another one is asked for."""
    with translation.override(language or certificate.language):
        path = reverse("certificates:verify", kwargs={"code": certificate.code})
    return absolute(certificate.issuer_url, path)


def credential_id(certificate: Certificate) -> str:
    """The credential's id: its language-neutral verification JSON, resolvable by anyone."""
    return absolute(
        certificate.issuer_url,
        reverse("certificates_api:verify", kwargs={"code": certificate.code}),
    )


def status_url(certificate: Certificate) -> str:
    return absolute(
        certificate.issuer_url,
        reverse("certificates_api:status", kwargs={"code": certificate.code}),
    )


def status_list_url(root_url: str, number: int) -> str:
    """A BitstringStatusListCredential: the revocation bits of LIST_BITS certificates."""
    return absolute(root_url, reverse("certificates_api:status_list", kwargs={"number": number}))


def issuer_profile_url(root_url: str) -> str:
    return absolute(root_url, reverse("certificates_api:issuer"))


def key_id(root_url: str) -> str:
    """The `kid` of the JOSE header: the key as a fragment of the issuer's profile."""
    return f"{issuer_profile_url(root_url)}#key-1"


def linkedin_add_url(certificate: Certificate) -> str:
    """LinkedIn's "Add licence or certification" form, filled in."""
    query = urlencode(
        {
            "startTask": "CERTIFICATION_NAME",
            "name": certificate.course_title,
            "organizationName": certificate.issuer_name,
            "issueYear": certificate.issued_at.year,
            "issueMonth": certificate.issued_at.month,
            "certUrl": verification_url(certificate),
            "certId": certificate.code,
        },
        quote_via=quote,
    )
    return f"{LINKEDIN_ADD_URL}?{query}"
