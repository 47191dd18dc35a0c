"""Small-cell suppression: counts at and around the threshold, percentages on small bases,
complementary suppression in breakdowns, and what a withheld figure reads as."""

from dataclasses import fields

import pytest
from django.utils import translation

from config import tunables
from reporting.suppression import (
    COMPLEMENTARY,
    SMALL,
    SMALL_BASE,
    Suppressed,
    display,
    is_suppressed,
    min_cell,
    suppress_column,
    suppress_count,
    suppress_share,
)


def reasons(cells) -> list:
    return [cell.reason if is_suppressed(cell) else cell for cell in cells]


# --- counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "shown"), [(0, False), (1, False), (9, False), (10, True), (11, True)]
)
def test_a_count_below_ten_is_withheld(count, shown):
    """9 reads "fewer than 10"; 10 and 11 are published as they are."""
    cell = suppress_count(count, threshold=10)
    if shown:
        assert cell == count
    else:
        assert cell == Suppressed(10, SMALL)
        assert str(cell) == "fewer than 10"


def test_the_threshold_comes_from_the_setting(settings):
    """REPORTING_MIN_CELL moves the threshold; by default the threshold is 10."""
    settings.REPORTING_MIN_CELL = 5
    assert min_cell() == 5
    assert is_suppressed(suppress_count(4))
    assert suppress_count(5) == 5
    assert str(suppress_count(4)) == "fewer than 5"
    settings.REPORTING_MIN_CELL = tunables.default("REPORTING_MIN_CELL")
    assert min_cell() == 10
    assert is_suppressed(suppress_count(9))
    assert suppress_count(10) == 10


def test_a_missing_figure_stays_missing():
    """No figure (None) is not a small count: it stays None and reads as a dash."""
    assert suppress_count(None, threshold=10) is None
    assert suppress_share(None, base=3, threshold=10) is None
    assert display(None) == "—"


def test_a_withheld_figure_keeps_only_the_threshold():
    """Nothing built from a withheld figure can leak the number: it holds none."""
    assert [field.name for field in fields(Suppressed)] == ["threshold", "reason"]
    assert "7" not in repr(suppress_count(7, threshold=10))


# --- percentages ----------------------------------------------------------------------------


@pytest.mark.parametrize(("base", "shown"), [(9, False), (10, True), (11, True)])
def test_a_percentage_of_fewer_than_ten_people_is_withheld(base, shown):
    """A share of 9 people is withheld; of 10 or 11 it is published."""
    cell = suppress_share(50.0, base=base, threshold=10)
    if shown:
        assert cell == 50.0
    else:
        assert cell == Suppressed(10, SMALL_BASE)
        assert str(cell) == "not shown (fewer than 10 people)"


@pytest.mark.parametrize(("part", "shown"), [(9, False), (10, True), (11, True)])
def test_a_percentage_of_a_small_count_is_withheld(part, shown):
    """9 women of 200 (4.5%) would give the 9 back from the base: withheld."""
    cell = suppress_share(part / 2, base=200, part=part, threshold=10)
    assert (cell == part / 2) is shown
    assert is_suppressed(cell) is not shown


def test_a_percentage_of_a_withheld_count_is_withheld_for_the_same_reason():
    """A share of a cell withheld as a complement is withheld as a complement too."""
    hidden = Suppressed(10, COMPLEMENTARY)
    assert suppress_share(40.0, base=500, part=hidden, threshold=10).reason == COMPLEMENTARY
    assert suppress_share(1.0, base=500, part=Suppressed(10), threshold=10).reason == SMALL_BASE


# --- breakdowns -----------------------------------------------------------------------------


def test_one_small_cell_takes_the_next_smallest_with_it():
    """Of 50, 9, 30 and 12, the 9 is withheld and so is the 12: from the total, 50 and 30
    a reader learns only that the two make 21."""
    cells = suppress_column([50, 9, 30, 12], threshold=10)
    assert reasons(cells) == [50, SMALL, 30, COMPLEMENTARY]
    assert str(cells[3]) == "not shown"


def test_a_complement_at_the_threshold_is_taken_too():
    """The next smallest may be exactly 10: it is withheld, not shown as "fewer than 10"."""
    assert reasons(suppress_column([11, 10, 9], threshold=10)) == [11, COMPLEMENTARY, SMALL]


def test_two_small_cells_need_no_complement():
    """Two withheld cells already hide each other."""
    assert reasons(suppress_column([50, 9, 8, 30], threshold=10)) == [50, SMALL, SMALL, 30]


def test_no_small_cell_changes_nothing():
    assert suppress_column([10, 11, 300], threshold=10) == [10, 11, 300]


def test_a_single_row_is_withheld_only_when_small():
    assert reasons(suppress_column([9], threshold=10)) == [SMALL]
    assert suppress_column([12], threshold=10) == [12]
    assert suppress_column([], threshold=10) == []


def test_ties_take_the_first_of_the_smallest():
    assert reasons(suppress_column([9, 12, 12], threshold=10)) == [SMALL, COMPLEMENTARY, 12]


def test_a_complement_avoids_the_cells_a_published_share_rests_on():
    """Women 6,000, men 9,800, another description 3, not stated 1,200: the women's share
    and the not-stated share are published, so the complement is the men's count."""
    cells = suppress_column(
        [6000, 9800, 3, 1200], threshold=10, groups=[range(4), [0, 1, 2]], keep=[0, 3]
    )
    assert reasons(cells) == [6000, COMPLEMENTARY, SMALL, 1200]


def test_a_complement_is_found_in_each_group_whose_total_is_known():
    """The stated genders (0-2) have a known total of their own: a small cell among them
    takes a complement among them, even when the whole column already has two."""
    cells = suppress_column(
        [6000, 9800, 3, 5], threshold=10, groups=[range(4), [0, 1, 2]], keep=[0, 3]
    )
    assert reasons(cells) == [6000, COMPLEMENTARY, SMALL, SMALL]


def test_a_kept_cell_is_taken_when_there_is_no_other():
    cells = suppress_column([40, 5], threshold=10, keep=[0])
    assert reasons(cells) == [COMPLEMENTARY, SMALL]


# --- display --------------------------------------------------------------------------------


def test_figures_read_in_the_readers_language():
    """Digits grouped as the language does, shares with one decimal at most."""
    assert display(16979) == "16,979"
    assert display(37.9, percent=True) == "37.9%"
    assert display(100.0, percent=True) == "100%"
    assert display(Suppressed(10)) == "fewer than 10"
    with translation.override("fr"):
        assert display(16979) == "16\xa0979"
        assert display(37.9, percent=True).startswith("37,9")
