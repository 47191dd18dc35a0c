"""Reads of quizzes: what a learner's attempts were, and item analysis for trainers."""


def quiz_context(lesson, request) -> dict:
    """What the lesson page's quiz include reads."""
    return {}


def quiz_score_percent(user, course) -> int:
    """The learner's quiz score in the course: the mean of their best score in each graded
    quiz, a quiz not taken counting 0."""
    return 0
