"""The one place where text people type (live-room questions, lesson discussions) is
cleaned, and where it is turned into safe HTML for the server-rendered pages."""

import hashlib
import re
import threading
import unicodedata

import bleach
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_BLANK_LINES = re.compile(r"\n{3,}")


def clean(text: str) -> str:
    """Plain text as the person meant it: normalised, without control or direction-override
    characters, trimmed, at most two line breaks in a row. It stays plain text (a `<` stays a
    `<`); every page and frame escapes it when it is shown."""
    text = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def question_key(cleaned: str) -> str:
    """What makes two questions the same question: their cleaned text with case and runs of
    spaces and line breaks folded, hashed to a short key the database can index."""
    folded = " ".join(cleaned.casefold().split())
    return hashlib.sha256(folded.encode()).hexdigest()


def _safe_link(attrs, new=False):
    href = attrs.get((None, "href"), "")
    if not href.startswith(("http://", "https://")):
        return None
    attrs[(None, "rel")] = "nofollow noopener noreferrer ugc"
    attrs[(None, "target")] = "_blank"
    attrs[(None, "dir")] = "ltr"  # an address keeps its slashes and dots in an Arabic question
    return attrs


# One Linker per thread: a Linker keeps its parser's state while it works, and one shared by
# the threads that render pages at the same time mixed their texts up or raised IndexError.
_linkers = threading.local()


def _linker() -> bleach.linkifier.Linker:
    linker = getattr(_linkers, "linker", None)
    if linker is None:
        linker = _linkers.linker = bleach.linkifier.Linker(
            callbacks=[_safe_link], parse_email=False
        )
    return linker


def render(text: str) -> SafeString:
    """Escaped text with its web addresses made into links that open elsewhere."""
    return mark_safe(_linker().linkify(escape(text)))  # noqa: S308 - escaped, then linkified
