"""Reads of lesson discussions."""


def discussion_context(lesson, request) -> dict:
    """What the lesson page's discussion include reads."""
    return {}
