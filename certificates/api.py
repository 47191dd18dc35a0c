"""Language-neutral JSON for machines: a certificate's verification, the issuer's Profile,
DID document and keys, the revocation status lists (and each older credential's
revocation list), and the badge check."""

import json

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe
from wagtail.models import Site

from certificates import badges, did, links, selectors, status_list
from certificates.models import Certificate

UNKNOWN = {"status": "unknown"}


def json_response(data: dict, *, status: int = 200, public: bool = True) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    if public:
        # Public facts any verifier, including a web page elsewhere, may read.
        response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def verify(request, code: str):
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        return json_response(UNKNOWN, status=404)
    return json_response(verification(certificate))


def verification(certificate: Certificate) -> dict:
    data = {
        "status": certificate.status,
        "code": certificate.code,
        "holder": certificate.printed_name,
        "course": certificate.course_title,
        "language": certificate.language,
        "starts_on": certificate.starts_on.isoformat(),
        "ends_on": certificate.ends_on.isoformat(),
        "hours": certificate.hours,
        "issuer": {"name": certificate.issuer_name, "url": certificate.issuer_url},
        "issued_at": badges.iso(certificate.issued_at),
        "expires_on": certificate.expires_on.isoformat() if certificate.expires_on else None,
        "verification_url": links.verification_url(certificate),
        "credential_status": links.status_url(certificate),
    }
    entry = status_list.entry(certificate)
    if entry is not None:
        data["status_list_entry"] = entry
    if certificate.is_revoked:
        data["revoked_at"] = badges.iso(certificate.revoked_at)
        data["revocation_reason"] = certificate.revocation_reason
        data["revocation_reason_label"] = badges.reason_label(certificate.revocation_reason)
    return data


@require_safe
def status(request, code: str):
    """The credential's 1EdTech Revocation List (the status of credentials handed out
    before the Bitstring Status List)."""
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        return json_response(UNKNOWN, status=404)
    return json_response(badges.revocation_list(certificate))


@require_safe
def status_list_credential(request, number: int):
    """A BitstringStatusListCredential, signed; current at each request."""
    if number >= selectors.status_list_count():
        return json_response(UNKNOWN, status=404)
    document = status_list.cached_credential(
        request_root(request), number, selectors.status_list_positions(number)
    )
    response = json_response(document)
    response["Cache-Control"] = f"public, max-age={status_list.MAX_AGE_SECONDS}"
    return response


@require_safe
def did_document(request):
    """The did:web DID document, at /.well-known/did.json of the host asked: its id must
    be the DID of that very host."""
    response = json_response(did.did_document(request_root(request)))
    response["Content-Type"] = "application/did+json"
    return response


def request_root(request) -> str:
    return request.build_absolute_uri("/")


@require_safe
def issuer(request):
    root_url, name = site_of(request)
    return json_response(badges.issuer_document(root_url, name))


@require_safe
def jwks(request):
    return json_response(badges.jwks())


# Verifiers post from their own servers or scripts, without a session or its cookie;
# the check reads and changes nothing of anyone's, so there is nothing to forge.
@csrf_exempt
@require_POST
def check(request):
    """POST a VC-JWT or an OpenBadgeCredential (raw, as JSON, or in a `badge` form field):
    the verification result."""
    if len(request.body) > badges.MAX_BADGE_BYTES:
        return json_response({"error": "too_large"}, status=413)
    value = (
        request.POST.get("badge")
        if request.content_type.startswith("multipart/")
        or (request.content_type == "application/x-www-form-urlencoded")
        else None
    )
    if value is None:
        body = request.body.decode("utf-8", errors="replace").strip()
        if request.content_type == "application/json":
            try:
                value = json.loads(body)
            except ValueError:
                return json_response({"error": "malformed"}, status=400)
            if isinstance(value, dict) and isinstance(value.get("badge"), str | dict):
                value = value["badge"]
        else:
            value = body
    if not value:
        return json_response({"error": "empty"}, status=400)
    return json_response(badges.verify_badge(value).as_dict())


def site_of(request) -> tuple[str, str]:
    """The platform the request reached, as its certificates name it."""
    site = Site.find_for_request(request)
    if site is None:
        return request.build_absolute_uri("/"), settings.WAGTAIL_SITE_NAME
    return site.root_url, site.site_name or settings.WAGTAIL_SITE_NAME
