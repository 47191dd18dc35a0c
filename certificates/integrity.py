"""Data Integrity proofs, cryptosuite eddsa-rdfc-2022 (W3C vc-di-eddsa): the document and
the proof options canonicalized with RDFC-1.0 (pyld's URDNA2015, which gives the same
output), each hashed with SHA-256, signed with the platform's Ed25519 key, the signature in
multibase base58btc. JSON-LD contexts come only from the files in certificates/contexts/:
an unknown context is an error, never a network fetch."""

import copy
import functools
import hashlib
import json
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pyld import jsonld

from certificates import signing

CONTEXTS_DIR = Path(__file__).resolve().parent / "contexts"
CONTEXT_FILES = {
    "https://www.w3.org/ns/credentials/v2": "credentials-v2.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob-v3p0-context-3.0.3.json",
}
PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
PROOF_PURPOSE = "assertionMethod"
# A document with more nodes without an id than this is not one of ours: canonicalizing
# blank nodes can cost exponential time on a crafted graph, so it is refused unread.
MAX_BLANK_NODES = 32
BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
# The multicodec prefix of an Ed25519 public key (0xed, as an unsigned varint).
ED25519_PUB_PREFIX = b"\xed\x01"


class UnknownContextError(ValueError):
    """A document names a JSON-LD context the platform does not ship."""


class ProofError(ValueError):
    """A document cannot be canonicalized or its proof cannot be read; the message says
    why."""


@functools.cache
def _context(url: str) -> dict:
    return json.loads((CONTEXTS_DIR / CONTEXT_FILES[url]).read_text(encoding="utf-8"))


def document_loader(url: str, options=None) -> dict:
    """pyld's document loader, limited to the shipped contexts."""
    if url not in CONTEXT_FILES:
        raise UnknownContextError(
            f"The JSON-LD context {url} is not one the platform ships "
            "(certificates/contexts/); it is not fetched."
        )
    return {"contextUrl": None, "documentUrl": url, "document": copy.deepcopy(_context(url))}


def blank_nodes(value) -> int:
    """Objects without an id, counted as canonicalization will meet them."""
    if isinstance(value, list):
        return sum(blank_nodes(item) for item in value)
    if not isinstance(value, dict):
        return 0
    own = 0 if "id" in value or "@id" in value else 1
    return own + sum(blank_nodes(item) for key, item in value.items() if key != "@context")


ALIASES = {"id", "type"}


def properties(value, *, expanded: bool) -> int:
    """The properties in a JSON-LD tree (keywords and their aliases aside)."""
    if isinstance(value, list):
        return sum(properties(item, expanded=expanded) for item in value)
    if not isinstance(value, dict):
        return 0
    return sum(
        (0 if key.startswith("@") or (not expanded and key in ALIASES) else 1)
        + properties(item, expanded=expanded)
        for key, item in value.items()
        if key != "@context"
    )


def canonicalize(document: dict) -> str:
    """The document's RDF dataset in canonical N-Quads. Like the "safe mode" vc-di-eddsa
    asks for, a document with a term that no context defines is refused: JSON-LD would
    drop it silently, and it could then be edited without breaking the proof."""
    if blank_nodes(document) > MAX_BLANK_NODES:
        raise ProofError("The document has too many nodes without an id.")
    options = {"documentLoader": document_loader}
    try:
        expanded = jsonld.expand(document, options)
        if properties(expanded, expanded=True) != properties(document, expanded=False):
            raise ProofError("The document has terms that its contexts do not define.")
        return jsonld.normalize(
            expanded,
            {**options, "algorithm": "URDNA2015", "format": "application/n-quads"},
        )
    except jsonld.JsonLdError as error:
        cause = error
        while cause is not None:
            if isinstance(cause, UnknownContextError):
                raise ProofError(str(cause)) from error
            details = getattr(cause, "details", None) or {}
            cause = getattr(cause, "cause", None) or details.get("cause")
        raise ProofError(f"The document is not valid JSON-LD ({error.type}).") from error


def hash_data(document: dict, proof_options: dict) -> bytes:
    """SHA-256 of the canonical proof options, then of the canonical document (vc-di-eddsa
    3.3.4): what Ed25519 signs."""
    options = {key: value for key, value in proof_options.items() if key != "proofValue"}
    options["@context"] = document["@context"]
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    return (
        hashlib.sha256(canonicalize(options).encode()).digest()
        + hashlib.sha256(canonicalize(unsecured).encode()).digest()
    )


def add_proof(document: dict, *, verification_method: str, created: str) -> dict:
    """A copy of the document with its embedded proof."""
    options = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": PROOF_PURPOSE,
    }
    private = signing.signing_key().private_key
    signature = private.sign(hash_data(document, options))
    return {**document, "proof": {**options, "proofValue": "z" + base58_encode(signature)}}


def verify_proof(document: dict, public_key: Ed25519PublicKey) -> bool:
    """Whether the document's embedded eddsa-rdfc-2022 proof is the key's signature of it.
    Raises ProofError when there is no such proof or it cannot be read."""
    proof = document.get("proof")
    if not isinstance(proof, dict):
        raise ProofError("The document carries no Data Integrity proof.")
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError("The proof is not of the eddsa-rdfc-2022 cryptosuite.")
    if proof.get("proofPurpose") != PROOF_PURPOSE:
        raise ProofError("The proof's purpose is not assertionMethod.")
    value = proof.get("proofValue")
    if not isinstance(value, str) or not value.startswith("z"):
        raise ProofError("The proof value is not multibase base58btc.")
    try:
        signature = base58_decode(value[1:])
    except ValueError:
        raise ProofError("The proof value is not base58btc.") from None
    if "@context" not in document:
        raise ProofError("The document has no @context.")
    try:
        public_key.verify(signature, hash_data(document, proof))
    except InvalidSignature:
        return False
    return True


def platform_public_key() -> Ed25519PublicKey:
    return signing.signing_key().public_key


# --- multibase and multikey ---------------------------------------------------------------


def base58_encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    encoded = ""
    while number:
        number, remainder = divmod(number, 58)
        encoded = BASE58_ALPHABET[remainder] + encoded
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + encoded


def base58_decode(text: str) -> bytes:
    number = 0
    for char in text:
        digit = BASE58_ALPHABET.find(char)
        if digit < 0:
            raise ValueError(f"{char!r} is not a base58 digit")
        number = number * 58 + digit
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def public_key_multibase(public_key: Ed25519PublicKey) -> str:
    """The key as a Multikey's publicKeyMultibase: z6Mk..."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "z" + base58_encode(ED25519_PUB_PREFIX + raw)
