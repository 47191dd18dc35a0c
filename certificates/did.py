"""The issuer's decentralized identifier, did:web on the platform's own host, and the DID
document served at /.well-known/did.json: the Ed25519 key as a Multikey verification
method, the one that signs credentials and status lists."""

from urllib.parse import quote, urlsplit

from certificates import integrity, links

DID_CONTEXT = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]
KEY_FRAGMENT = "key-1"


def did_for(root_url: str) -> str:
    """did:web:<host>, its port percent-encoded (did:web:localhost%3A8000)."""
    host = urlsplit(root_url).netloc.rsplit("@", 1)[-1].lower()
    return "did:web:" + quote(host, safe="")


def verification_method(root_url: str) -> str:
    return f"{did_for(root_url)}#{KEY_FRAGMENT}"


def did_document(root_url: str) -> dict:
    did = did_for(root_url)
    method = verification_method(root_url)
    return {
        "@context": DID_CONTEXT,
        "id": did,
        # The issuer profile that credentials issued before the DID named as their issuer.
        "alsoKnownAs": [links.issuer_profile_url(root_url)],
        "verificationMethod": [
            {
                "id": method,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": integrity.public_key_multibase(
                    integrity.platform_public_key()
                ),
            }
        ],
        "assertionMethod": [method],
    }
