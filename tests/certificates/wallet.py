"""A verifier as a wallet or an employer's system would be, written apart from the
platform's code: it fetches the issuer's DID document over HTTP, reads the Multikey,
canonicalizes with pyld from the JSON-LD context files alone, and checks the Ed25519
signature with `cryptography`; and it reads a Bitstring Status List bit by bit."""

import base64
import gzip
import hashlib
import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pyld import jsonld

CONTEXTS = Path(__file__).resolve().parents[2] / "certificates" / "contexts"
CONTEXT_FILES = {
    "https://www.w3.org/ns/credentials/v2": "credentials-v2.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob-v3p0-context-3.0.3.json",
}
ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def loader(url, options=None):
    document = json.loads((CONTEXTS / CONTEXT_FILES[url]).read_text())
    return {"contextUrl": None, "documentUrl": url, "document": document}


def nquads(document: dict) -> str:
    return jsonld.normalize(
        document,
        {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": loader},
    )


def b58decode(text: str) -> bytes:
    number = 0
    for char in text:
        number = number * 58 + ALPHABET.index(char)
    zeros = len(text) - len(text.lstrip("1"))
    return b"\0" * zeros + number.to_bytes((number.bit_length() + 7) // 8, "big")


def did_web_url(did: str) -> str:
    """did:web:host%3Aport → the path of its DID document on that host."""
    assert did.startswith("did:web:")
    host = unquote(did.removeprefix("did:web:").split(":")[0])
    assert host == "testserver"  # the Django test client's host
    return "/.well-known/did.json"


def resolve_key(client, verification_method: str) -> Ed25519PublicKey:
    """The verification method's key, from the DID document the issuer's host serves;
    it must be listed for assertions."""
    did = verification_method.split("#")[0]
    response = client.get(did_web_url(did))
    assert response.status_code == 200
    document = response.json()
    assert document["id"] == did
    assert verification_method in document["assertionMethod"]
    (method,) = [m for m in document["verificationMethod"] if m["id"] == verification_method]
    assert method["type"] == "Multikey"
    assert method["controller"] == did
    multikey = method["publicKeyMultibase"]
    assert multikey.startswith("z6Mk")
    decoded = b58decode(multikey[1:])
    assert decoded[:2] == b"\xed\x01"  # multicodec ed25519-pub
    return Ed25519PublicKey.from_public_bytes(decoded[2:])


def proof_verifies(client, document: dict) -> bool:
    """vc-di-eddsa, eddsa-rdfc-2022: verify the embedded proof."""
    document = json.loads(json.dumps(document))
    proof = document.pop("proof")
    assert proof["type"] == "DataIntegrityProof"
    assert proof["cryptosuite"] == "eddsa-rdfc-2022"
    assert proof["proofPurpose"] == "assertionMethod"
    signature = b58decode(proof.pop("proofValue").removeprefix("z"))
    proof["@context"] = document["@context"]
    digest = hashlib.sha256(nquads(proof).encode()).digest()
    digest += hashlib.sha256(nquads(document).encode()).digest()
    key = resolve_key(client, proof["verificationMethod"])
    try:
        key.verify(signature, digest)
    except InvalidSignature:
        return False
    return True


def status_bit(client, entry: dict) -> int:
    """Fetch the entry's status list credential, check its proof, read the bit."""
    assert entry["type"] == "BitstringStatusListEntry"
    path = urlsplit(entry["statusListCredential"]).path
    response = client.get(path)
    assert response.status_code == 200
    credential = response.json()
    assert "BitstringStatusListCredential" in credential["type"]
    assert proof_verifies(client, credential)
    subject = credential["credentialSubject"]
    assert subject["statusPurpose"] == entry["statusPurpose"] == "revocation"
    encoded = subject["encodedList"]
    assert encoded.startswith("u")  # multibase base64url, no padding
    body = encoded[1:]
    bits = gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    assert len(bits) * 8 >= 131_072
    index = int(entry["statusListIndex"])
    return (bits[index // 8] >> (7 - index % 8)) & 1
