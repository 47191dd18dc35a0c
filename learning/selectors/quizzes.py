"""Reads of quizzes: what a learner's attempts were, and item analysis for trainers."""


def quiz_context(lesson, request) -> dict:
    """What the lesson page's quiz include reads."""
    return {}
