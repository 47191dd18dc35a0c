"""Each certificate as an Open Badges 3.0 OpenBadgeCredential (W3C Verifiable Credentials
Data Model 2.0) issued by the platform's did:web, signed with the platform's Ed25519 key
twice over: as a VC-JWT (Open Badges 3.0, section 8.2), and with an embedded Data
Integrity proof (eddsa-rdfc-2022) in the JSON a wallet imports. Its credentialStatus is
its entry in a Bitstring Status List. And the check that verifies one: its signature, then
its revocation status and expiry in the database."""

import hashlib
import json
import re
import uuid
import warnings
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, time

from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext, ngettext
from joserfc import jwt
from joserfc.errors import JoseError, SecurityWarning

from certificates import did, integrity, links, signing, status_list
from certificates.models import Certificate, RevocationReason

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
CREDENTIAL_TYPE = ["VerifiableCredential", "OpenBadgeCredential"]
# The status of credentials handed out before the Bitstring Status List; still served.
REVOCATION_LIST_TYPE = "1EdTechRevocationList"
ALGORITHM = "EdDSA"
# A token or document larger than this is not one of ours; refused before parsing.
MAX_BADGE_BYTES = 64 * 1024


iso = status_list.iso


def day_start(day) -> str:
    return iso(datetime.combine(day, time.min, tzinfo=UTC))


def subject_id(certificate: Certificate) -> str:
    """A pseudonymous, stable id for the holder of this one credential (the JWT's `sub`):
    it reveals nothing about them and links none of their other credentials."""
    return uuid.uuid5(uuid.NAMESPACE_URL, links.credential_id(certificate)).urn


def email_identity(certificate: Certificate, email: str) -> dict:
    """The holder's email, salted and hashed, as Open Badges does: whoever knows the
    address can confirm it; nobody can read it."""
    salt = hashlib.sha256(f"salt:{certificate.code}".encode()).hexdigest()[:32]
    digest = hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()
    return {
        "type": "IdentityObject",
        "identityHash": f"sha256${digest}",
        "identityType": "emailAddress",
        "hashed": True,
        "salt": salt,
    }


def issuer_profile(root_url: str, name: str) -> dict:
    """The issuer's Profile as every credential names it: its id is the platform's
    did:web, which resolves to the key that signs."""
    return {
        "id": did.did_for(root_url),
        "type": ["Profile"],
        "name": name,
        "url": root_url.rstrip("/") + "/",
    }


def build_credential(certificate: Certificate) -> dict:
    """The OpenBadgeCredential, without proof (signed_credential adds the embedded one;
    the JWT is the other)."""
    course = certificate.enrollment.session.course
    email = certificate.enrollment.user.email
    narrative = criteria_narrative(certificate)
    credential = {
        "@context": CONTEXT,
        "id": links.credential_id(certificate),
        "type": CREDENTIAL_TYPE,
        "issuer": issuer_profile(certificate.issuer_url, certificate.issuer_name),
        "validFrom": iso(certificate.issued_at),
    }
    if certificate.valid_until is not None:
        credential["validUntil"] = iso(certificate.valid_until)
    credential.update(
        {
            "awardedDate": iso(certificate.issued_at),
            "name": certificate.course_title,
            "credentialSubject": {
                "id": subject_id(certificate),
                "type": ["AchievementSubject"],
                "identifier": [
                    email_identity(certificate, email),
                    {
                        "type": "IdentityObject",
                        "identityHash": certificate.printed_name,
                        "identityType": "name",
                        "hashed": False,
                    },
                ],
                "activityStartDate": day_start(certificate.starts_on),
                "activityEndDate": day_start(certificate.ends_on),
                "achievement": {
                    # The course's translation key: the same achievement in every language.
                    "id": f"urn:uuid:{course.translation_key}",
                    "type": ["Achievement"],
                    "achievementType": "Course",
                    "name": certificate.course_title,
                    "description": narrative,
                    "criteria": {"narrative": narrative},
                    "inLanguage": certificate.language,
                },
            },
        }
    )
    status = status_list.entry(certificate)
    if status is not None:
        credential["credentialStatus"] = status
    return credential


def signed_credential(certificate: Certificate) -> dict:
    """The credential with its embedded Data Integrity proof, made when the name was
    confirmed (or when issued): the same certificate gives the same bytes."""
    created = certificate.name_confirmed_at or certificate.issued_at
    return integrity.add_proof(
        build_credential(certificate),
        verification_method=did.verification_method(certificate.issuer_url),
        created=iso(max(created, certificate.issued_at)),
    )


def criteria_narrative(certificate: Certificate) -> str:
    """What the holder did, in the certificate's language like its title."""
    with translation.override(certificate.language):
        values = {
            "course": certificate.course_title,
            "issuer": certificate.issuer_name,
            "start": formats.date_format(certificate.starts_on, "DATE_FORMAT"),
            "end": formats.date_format(certificate.ends_on, "DATE_FORMAT"),
            "hours": certificate.hours,
        }
        if certificate.hours:
            return (
                ngettext(
                    "Completed the course %(course)s with %(issuer)s, from %(start)s to %(end)s "
                    "(%(hours)s hour), meeting its attendance requirement.",
                    "Completed the course %(course)s with %(issuer)s, from %(start)s to %(end)s "
                    "(%(hours)s hours), meeting its attendance requirement.",
                    certificate.hours,
                )
                % values
            )
        return (
            gettext(
                "Completed the course %(course)s with %(issuer)s, from %(start)s to %(end)s, "
                "meeting its attendance requirement."
            )
            % values
        )


def sign(credential: dict) -> str:
    """The credential as a VC-JWT: its members at the top level of the payload, with the
    registered claims iss, jti, nbf, exp (when it expires) and sub; the public key in the
    JOSE header, and its id in the issuer's DID document."""
    issuer_id = credential["issuer"]["id"]
    header = {
        "alg": ALGORITHM,
        "typ": "JWT",
        "kid": f"{issuer_id}#{did.KEY_FRAGMENT}",
        "jwk": signing.public_jwk(),
    }
    claims = {
        **credential,
        "iss": issuer_id,
        "jti": credential["id"],
        "nbf": int(datetime.fromisoformat(credential["validFrom"]).timestamp()),
        "sub": credential["credentialSubject"]["id"],
    }
    if "validUntil" in credential:
        claims["exp"] = int(datetime.fromisoformat(credential["validUntil"]).timestamp())
    with warnings.catch_warnings():
        # RFC 9864 prefers "Ed25519", but Open Badges 3.0 and its verifiers name "EdDSA".
        warnings.simplefilter("ignore", SecurityWarning)
        return jwt.encode(header, claims, signing.signing_key(), algorithms=[ALGORITHM])


def badge_jwt(certificate: Certificate) -> str:
    return sign(build_credential(certificate))


def badge_json(certificate: Certificate) -> str:
    return json.dumps(signed_credential(certificate), ensure_ascii=False, indent=2)


# --- verification -------------------------------------------------------------------------


@dataclass
class BadgeCheck:
    """What a verifier learns: whether the issuer's key signed it, and whether the
    credential still stands."""

    format: str  # "jwt" or "json"
    signature: str  # "valid", "invalid" or "absent" (a JSON credential without its proof)
    status: str  # "valid", "revoked", "expired" or "unknown"
    credential_id: str = ""
    matches_record: bool | None = None  # a JSON credential: as the issuer holds it?
    holder: str = ""
    course: str = ""
    issuer: str = ""
    issued_at: str = ""
    expires_on: str = ""
    revoked_at: str = ""
    revocation_reason: str = ""
    error: str = ""

    def as_dict(self) -> dict:
        return {key: value for key, value in asdict(self).items() if value not in ("", None)}


CREDENTIAL_PATH = re.compile(r"/verify/(?P<code>[A-Za-z0-9_-]{16,64})/?$")


def certificate_for_credential_id(credential_id) -> Certificate | None:
    """The certificate a credential id names, if it is one of ours. The code alone is
    enough: it is unguessable, and a JWT's signature already proved who issued it."""
    if not isinstance(credential_id, str):
        return None
    match = CREDENTIAL_PATH.search(credential_id)
    if match is None:
        return None
    return (
        Certificate.objects.select_related(
            "enrollment__session__course", "enrollment__user", "status_entry"
        )
        .filter(code=match["code"])
        .first()
    )


def verify_badge(value) -> BadgeCheck:
    """Check a VC-JWT (str) or an OpenBadgeCredential (dict, or a str holding JSON)."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if isinstance(value, str):
        text = value.strip()
        if len(text.encode()) > MAX_BADGE_BYTES:
            return BadgeCheck("unknown", "invalid", "unknown", error="too_large")
        if text.startswith("{"):
            try:
                value = json.loads(text)
            except ValueError:
                return BadgeCheck("json", "absent", "unknown", error="malformed")
        else:
            return verify_jwt(text)
    if not isinstance(value, dict):
        return BadgeCheck("unknown", "invalid", "unknown", error="malformed")
    return verify_json(value)


def verify_jwt(token: str) -> BadgeCheck:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SecurityWarning)
            decoded = jwt.decode(token, signing.public_key(), algorithms=[ALGORITHM])
    except (JoseError, ValueError, TypeError):
        # A signature that does not match, or something that is not a JWT at all: its
        # claims cannot be trusted, so nothing is looked up.
        return BadgeCheck("jwt", "invalid", "unknown")
    # The JWT's exp is not enforced here: expiry is told from the record, like revocation.
    claims = decoded.claims
    check = BadgeCheck("jwt", "valid", "unknown", credential_id=str(claims.get("jti", "")))
    return with_status(check, certificate_for_credential_id(claims.get("jti")))


def verify_json(credential: dict) -> BadgeCheck:
    """A credential as JSON: its embedded Data Integrity proof verified with the platform's
    key when it has one (a proof that fails, like a JWT's signature, means nothing in it is
    trusted); then checked against the issuer's record of it, and its status looked up."""
    credential_id = credential.get("id")
    if not isinstance(credential_id, str):
        credential_id = ""
    signature = "absent"
    if "proof" in credential:
        try:
            proven = integrity.verify_proof(credential, integrity.platform_public_key())
        except (integrity.ProofError, TypeError, ValueError):
            proven = False
        if not proven:
            return BadgeCheck("json", "invalid", "unknown")
        signature = "valid"
    check = BadgeCheck("json", signature, "unknown", credential_id=credential_id)
    certificate = certificate_for_credential_id(credential_id)
    if certificate is not None:
        unsecured = {key: value for key, value in credential.items() if key != "proof"}
        check.matches_record = unsecured == build_credential(certificate)
    return with_status(check, certificate)


def with_status(check: BadgeCheck, certificate: Certificate | None) -> BadgeCheck:
    if certificate is None:
        return check
    check.status = certificate.status
    check.holder = certificate.printed_name
    check.course = certificate.course_title
    check.issuer = certificate.issuer_name
    check.issued_at = iso(certificate.issued_at)
    if certificate.expires_on is not None:
        check.expires_on = certificate.expires_on.isoformat()
    if certificate.is_revoked:
        check.revoked_at = iso(certificate.revoked_at)
        check.revocation_reason = certificate.revocation_reason
    return check


def revocation_list(certificate: Certificate) -> dict:
    """The 1EdTech Revocation List at the credential's status address, for credentials
    handed out before the Bitstring Status List: empty while the credential stands, naming
    it once revoked (with the general reason only)."""
    revoked = []
    if certificate.is_revoked:
        revoked.append(
            {
                "id": links.credential_id(certificate),
                "revoked": True,
                "revocationReason": reason_label(certificate.revocation_reason),
            }
        )
    return {
        "id": links.status_url(certificate),
        "issuer": links.issuer_profile_url(certificate.issuer_url),
        "revokedCredentials": revoked,
    }


def reason_label(reason: str) -> str:
    """The general reason in English: the JSON documents are language-neutral."""
    if reason not in RevocationReason.values:
        return ""
    with translation.override("en"):
        return str(RevocationReason(reason).label)


def jwks() -> dict:
    return {"keys": [{**signing.public_jwk(), "use": "sig", "alg": ALGORITHM}]}


def issuer_document(root_url: str, name: str) -> dict:
    """The issuer's Profile, with the verification key, served at the address that was its
    id before the did:web (credentials handed out then name it); it names the DID."""
    profile = {**issuer_profile(root_url, name), "id": links.issuer_profile_url(root_url)}
    jwk = {**signing.public_jwk(), "kid": links.key_id(root_url), "use": "sig", "alg": ALGORITHM}
    return {
        "@context": CONTEXT,
        **profile,
        "otherIdentifier": [
            {
                "type": "IdentifierEntry",
                "identifier": did.did_for(root_url),
                "identifierType": "identifier",
            }
        ],
        "verificationMethod": [
            {
                "id": links.key_id(root_url),
                "type": "JsonWebKey",
                "controller": profile["id"],
                "publicKeyJwk": jwk,
            }
        ],
        "jwks_uri": root_url.rstrip("/") + reverse("certificates_api:jwks"),
    }
