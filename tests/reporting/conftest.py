import pytest

from tests.reporting.factories import small_centre


@pytest.fixture
def centre(home):
    """The small centre of tests/reporting/factories.py, with known figures."""
    return small_centre(home)
