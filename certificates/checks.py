"""System check: production signs Open Badges with a key of its own, never one derived
from SECRET_KEY (rotating that secret would otherwise change every badge's signer)."""

import os

from django.conf import settings
from django.core.checks import Error, register

from certificates.signing import SigningKeyError, parse_key

HINT = (
    "Set CERTIFICATE_SIGNING_KEY to an Ed25519 private key: a PEM, or a 32-byte seed in "
    "base64url (`python manage.py generate_signing_key` prints one)."
)


def in_production() -> bool:
    return (
        os.environ.get("DJANGO_ENV") == "production"
        or settings.SETTINGS_MODULE == "config.settings.production"
    )


@register()
def signing_key_check(app_configs=None, **kwargs):
    value = (settings.CERTIFICATE_SIGNING_KEY or "").strip()
    if not value:
        if in_production():
            return [
                Error(
                    "CERTIFICATE_SIGNING_KEY is empty in production.",
                    hint=HINT,
                    id="certificates.E001",
                )
            ]
        return []
    try:
        parse_key(value)
    except SigningKeyError as error:
        return [
            Error(
                f"CERTIFICATE_SIGNING_KEY is malformed: {error}", hint=HINT, id="certificates.E002"
            )
        ]
    return []
