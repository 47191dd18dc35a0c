"""Revocation published as W3C Bitstring Status Lists: each certificate holds one index for
good (StatusListEntry); list n holds the bits of indices n * LIST_BITS to (n + 1) *
LIST_BITS - 1, a bit set for a revoked (or deleted) certificate. Each list is served as a
BitstringStatusListCredential signed with a Data Integrity proof, built from the database
on request (so a revocation or a reinstatement shows at once) and cached by its content."""

import base64
import gzip
import hashlib
import random
from collections import Counter
from collections.abc import Collection, Iterable
from datetime import UTC, datetime

from django.core.cache import cache
from django.utils import timezone

from certificates import did, integrity, links
from certificates.models import Certificate

LIST_BITS = 131_072  # the specification's minimum: 16 KB, so one index hides in a crowd
# Indices are drawn at random (a neighbour's index says nothing about when one was issued),
# from the lowest list until it is a quarter full, so that a draw rarely meets a taken one.
FILL = LIST_BITS // 4
STATUS_PURPOSE = "revocation"
CONTEXT = ["https://www.w3.org/ns/credentials/v2"]
CACHE_SECONDS = 24 * 3600
# How long verifiers may keep a list before asking again (its HTTP Cache-Control).
MAX_AGE_SECONDS = 60


def list_number(index: int) -> int:
    return index // LIST_BITS


def position(index: int) -> int:
    return index % LIST_BITS


def draw_indices(
    count: int, taken: Iterable[int], *, first_list: int = 0, rng: random.Random | None = None
) -> list[int]:
    """`count` free indices, at random in the lowest list from `first_list` on that is less
    than FILL full; `taken` holds at least the indices of those lists."""
    rng = rng or random.SystemRandom()
    taken = set(taken)
    per_list = Counter(list_number(index) for index in taken)
    chosen = []
    number = first_list
    while len(chosen) < count:
        if per_list[number] >= FILL:
            number += 1
            continue
        index = number * LIST_BITS + rng.randrange(LIST_BITS)
        if index not in taken:
            taken.add(index)
            per_list[number] += 1
            chosen.append(index)
    return chosen


def entry(certificate: Certificate) -> dict | None:
    """The credential's credentialStatus, once it has its index."""
    index = getattr(getattr(certificate, "status_entry", None), "index", None)
    if index is None:
        return None
    url = links.status_list_url(certificate.issuer_url, list_number(index))
    return {
        "id": f"{url}#{position(index)}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": STATUS_PURPOSE,
        "statusListIndex": str(position(index)),
        "statusListCredential": url,
    }


def encode(positions: Iterable[int]) -> str:
    """The bitstring (position 0 the most significant bit of the first byte), GZIP
    compressed, as multibase base64url without padding."""
    bits = bytearray(LIST_BITS // 8)
    for at in positions:
        bits[at // 8] |= 0x80 >> (at % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode()


def decode(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("not multibase base64url")
    body = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def credential(root_url: str, number: int, positions: Iterable[int], now: datetime) -> dict:
    """The signed BitstringStatusListCredential of list `number`."""
    url = links.status_list_url(root_url, number)
    document = {
        "@context": CONTEXT,
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": did.did_for(root_url),
        "validFrom": iso(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": STATUS_PURPOSE,
            "encodedList": encode(positions),
        },
    }
    return integrity.add_proof(
        document, verification_method=did.verification_method(root_url), created=iso(now)
    )


def cached_credential(root_url: str, number: int, positions: Collection[int]) -> dict:
    """Signed again only when the list's bits (or the host, or the key) change."""
    fingerprint = hashlib.sha256(
        "\x1f".join(
            [
                root_url,
                str(number),
                integrity.public_key_multibase(integrity.platform_public_key()),
                ",".join(str(at) for at in sorted(positions)),
            ]
        ).encode()
    ).hexdigest()[:32]
    key = f"certificates:status-list:{fingerprint}"
    document = cache.get(key)
    if document is None:
        document = credential(root_url, number, positions, timezone.now())
        cache.set(key, document, CACHE_SECONDS)
    return document


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
