"""The platform's Ed25519 key that signs Open Badges credentials: read from
CERTIFICATE_SIGNING_KEY (PEM, or the 32-byte seed in base64url), or, in development only,
derived from SECRET_KEY so that every run signs with the same key."""

import base64
import binascii
import functools

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from joserfc.jwk import OKPKey

SEED_BYTES = 32
# Fixed inputs of the development key's derivation; changing them changes the key.
DERIVATION_SALT = b"opentraining certificates"
DERIVATION_INFO = b"open badges signing key, v1"


class SigningKeyError(ValueError):
    """CERTIFICATE_SIGNING_KEY cannot be read; the message says why."""


def parse_key(value: str) -> Ed25519PrivateKey:
    """A PEM private key (line breaks may be written as \\n in an environment variable)
    or a base64url seed of 32 bytes."""
    value = value.strip()
    if value.startswith("-----BEGIN"):
        pem = value.replace("\\n", "\n").encode()
        try:
            key = serialization.load_pem_private_key(pem, password=None)
        except (ValueError, TypeError) as error:
            raise SigningKeyError(f"the PEM key cannot be read ({error}).") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise SigningKeyError("the PEM key is not an Ed25519 private key.")
        return key
    try:
        seed = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (ValueError, binascii.Error):
        raise SigningKeyError("it is neither a PEM key nor base64url.") from None
    if len(seed) != SEED_BYTES:
        raise SigningKeyError(
            f"a base64url seed must decode to {SEED_BYTES} bytes, not {len(seed)}."
        )
    return Ed25519PrivateKey.from_private_bytes(seed)


def derived_key(secret_key: str) -> Ed25519PrivateKey:
    seed = HKDF(
        algorithm=hashes.SHA256(), length=SEED_BYTES, salt=DERIVATION_SALT, info=DERIVATION_INFO
    ).derive(secret_key.encode())
    return Ed25519PrivateKey.from_private_bytes(seed)


@functools.lru_cache(maxsize=4)
def _key(value: str, secret_key: str) -> OKPKey:
    private = parse_key(value) if value.strip() else derived_key(secret_key)
    return OKPKey.import_key(private)


def signing_key() -> OKPKey:
    """The private key, read once per setting value."""
    return _key(settings.CERTIFICATE_SIGNING_KEY or "", settings.SECRET_KEY)


def public_jwk() -> dict:
    """The public half as a JWK, for the issuer profile and the JOSE header."""
    return dict(signing_key().as_dict(private=False))


def public_key() -> OKPKey:
    return OKPKey.import_key(public_jwk())


def generate_seed() -> str:
    """A new key for CERTIFICATE_SIGNING_KEY (see the generate_signing_key command)."""
    seed = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    return base64.urlsafe_b64encode(seed).rstrip(b"=").decode()
