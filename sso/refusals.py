"""Why a partner's answer was refused, in words a learner understands."""

import jwt
from django.utils.translation import gettext as _
from requests import RequestException

AUDIENCE = "audience"
SIGNATURE = "signature"
EXPIRED = "expired"
UNREACHABLE = "unreachable"
UNKNOWN = "unknown"


def _cause_chain(exception):
    while exception is not None:
        yield exception
        exception = exception.__cause__ or exception.__context__


def classify(exception=None, saml_reason: str = "") -> str:
    for cause in _cause_chain(exception):
        if isinstance(cause, jwt.InvalidAudienceError):
            return AUDIENCE
        if isinstance(cause, jwt.InvalidSignatureError):
            return SIGNATURE
        if isinstance(cause, jwt.ExpiredSignatureError):
            return EXPIRED
        if isinstance(cause, RequestException):
            return UNREACHABLE
    reason = saml_reason.lower()
    if "audience" in reason:
        return AUDIENCE
    if "signature" in reason or "signed" in reason:
        return SIGNATURE
    if "expired" in reason or "timestamp" in reason:
        return EXPIRED
    return UNKNOWN


def message(kind: str) -> str:
    return {
        AUDIENCE: _(
            "The identity provider's answer was meant for another service, not for this "
            "platform, so it was refused."
        ),
        SIGNATURE: _(
            "The identity provider's answer did not carry a valid signature, so it was refused."
        ),
        EXPIRED: _("The identity provider's answer had expired. Please log in again."),
        UNREACHABLE: _("The identity provider could not be reached. Please try again later."),
    }.get(kind, _("The log-in could not be completed. Please start again from the log-in page."))
