"""The rating scale of survey questions and what counts as satisfied on it: the one
definition the surveys' own results and the centre's reports both ask."""

from django.db.models import Q

RATING_SCALE = (1, 2, 3, 4, 5)
# A respondent answering this or more to the headline question is satisfied.
SATISFIED_FROM = 4


def satisfied(prefix: str = "") -> Q:
    """Survey responses (under `prefix`, e.g. "survey_responses__") of satisfied respondents."""
    return Q(**{f"{prefix}overall_rating__gte": SATISFIED_FROM})


def rated(prefix: str = "") -> Q:
    """Survey responses that answered the headline question."""
    return Q(**{f"{prefix}overall_rating__isnull": False})
