import pytest

from surveys import scales
from surveys.models import SurveyResponse
from surveys.selectors import satisfaction_rate
from tests.surveys.factories import answered, attendee

pytestmark = pytest.mark.django_db(transaction=False)


def test_satisfaction_rate_counts_the_satisfied_among_those_who_rated(session):
    """Ratings 1 to 5 and one blank: the 4 and the 5 are satisfied, out of 5 who rated."""
    for rating in (*scales.RATING_SCALE, None):
        answered(attendee(session), overall=rating)
    responses = SurveyResponse.objects.filter(session=session)
    rate = satisfaction_rate(responses)
    assert (rate.count, rate.total) == (2, 5)
    assert sorted(
        responses.filter(scales.satisfied()).values_list("overall_rating", flat=True)
    ) == [4, 5]
