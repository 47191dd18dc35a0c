"""The writing direction of text embedded in a sentence of another language: a course
title in English inside an Arabic sentence, an address, a code or a time zone. Each is
isolated so that its punctuation stays with it instead of joining the sentence around it.
HTML uses <bdi> (see the `direction` template filters); plain text (emails, the PDF) uses
the Unicode isolates, which every bidirectional renderer honours."""

FIRST_STRONG_ISOLATE = "\u2068"  # direction of its first letter, as dir="auto"
LEFT_TO_RIGHT_ISOLATE = "\u2066"  # always left to right, as dir="ltr"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def isolate(text) -> str:
    """Text someone typed (a name, a title, a venue), in the direction of its first letter."""
    text = str(text)
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}" if text else text


def ltr(text) -> str:
    """An address, a code or a time zone, read left to right in any sentence."""
    text = str(text)
    return f"{LEFT_TO_RIGHT_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}" if text else text


def ltr_address(url) -> str:
    """A web address in plain text: left to right, with a space before the closing mark
    so that mail programs that turn addresses into links end the link at the address."""
    url = str(url)
    return f"{LEFT_TO_RIGHT_ISOLATE}{url} {POP_DIRECTIONAL_ISOLATE}" if url else url
