"""Reads of the lesson pages: the course outline, previous and next, the learner's ticks."""

from learning.selectors.discussions import discussion_context
from learning.selectors.quizzes import quiz_context


def lesson_page_context(lesson, request) -> dict:
    context = {}
    context.update(quiz_context(lesson, request))
    context.update(discussion_context(lesson, request))
    return context


def module_page_context(module, request) -> dict:
    return {}
