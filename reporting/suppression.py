"""Small-cell suppression of public figures: a count below the threshold is published as
"fewer than N", and nothing else published lets a reader work it back out.

The rules, applied to every figure the impact page and its open data publish:
- a count of people (participants, participations, responses, certificates, experts,
  audience) below the threshold (REPORTING_MIN_CELL, 10 by default) is withheld, zero
  included, since a zero next to a withheld cell would narrow it down; counts of sessions,
  themes, countries and regions describe the centre's activity, which its catalog shows
  anyway, and are published whole (reporting/dictionary.py says which is which);
- a percentage is withheld when its base (the people it is a share of) is below the
  threshold, or when the count it is a share of is withheld, since base x percentage would
  give that count back;
- in a breakdown (by year, theme, region, gender) each column is checked on its own: when
  exactly one cell of a group of cells whose total can be known (the column, or part of it)
  is withheld, the next smallest cell of the group is withheld too, so that the total
  minus the cells shown does not reveal it. Such a cell is at least the threshold, so it
  reads "not shown", never "fewer than N".
"""

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import floatformat
from django.utils import formats
from django.utils.translation import gettext

# Why a figure is withheld; also the codes of the open data's `suppressed` field.
SMALL = "small"  # a count below the threshold
COMPLEMENTARY = "complementary"  # withheld so that a small count cannot be worked out
SMALL_BASE = "small_base"  # a percentage resting on fewer people than the threshold
REASONS = (SMALL, COMPLEMENTARY, SMALL_BASE)


def min_cell() -> int:
    """Counts below this are not published."""
    return settings.REPORTING_MIN_CELL


@dataclass(frozen=True)
class Suppressed:
    """A figure withheld, and why. It carries the threshold only, never the real value,
    so no template, cache or file written from it can leak the number."""

    threshold: int
    reason: str = SMALL

    def __str__(self) -> str:
        threshold = formats.number_format(self.threshold, force_grouping=True)
        if self.reason == SMALL:
            return gettext("fewer than %(threshold)s") % {"threshold": threshold}
        if self.reason == SMALL_BASE:
            return gettext("not shown (fewer than %(threshold)s people)") % {"threshold": threshold}
        return gettext("not shown")


def is_suppressed(value) -> bool:
    return isinstance(value, Suppressed)


def suppress_count(value: int | None, *, threshold: int | None = None) -> int | Suppressed | None:
    """The count, or Suppressed when it is below the threshold; None (no such figure)
    stays None."""
    threshold = min_cell() if threshold is None else threshold
    if value is None:
        return None
    return Suppressed(threshold) if value < threshold else value


def suppress_share(
    percent: float | None,
    *,
    base: int,
    part: int | Suppressed | None = None,
    threshold: int | None = None,
) -> float | Suppressed | None:
    """The percentage, or Suppressed when its base is below the threshold, or when the
    count it is a share of (`part`, when that count is published or derivable) is."""
    threshold = min_cell() if threshold is None else threshold
    if percent is None:
        return None
    if base < threshold:
        return Suppressed(threshold, SMALL_BASE)
    if is_suppressed(part):
        return Suppressed(threshold, part.reason if part.reason != SMALL else SMALL_BASE)
    if part is not None and part < threshold:
        return Suppressed(threshold, SMALL_BASE)
    return percent


def suppress_column(
    values: Sequence[int],
    *,
    threshold: int | None = None,
    groups: Iterable[Collection[int]] | None = None,
    keep: Collection[int] = (),
) -> list[int | Suppressed]:
    """One column of a breakdown with its small cells withheld, then complementary cells.

    `groups` are the sets of row indices whose totals a reader can know (by default the
    whole column: its total is published among the headline figures or can be added up
    from other tables). `keep` are rows a published percentage rests on: a complementary
    cell is taken elsewhere when the group has another candidate."""
    threshold = min_cell() if threshold is None else threshold
    groups = [range(len(values))] if groups is None else list(groups)
    hidden = {index for index, value in enumerate(values) if value < threshold}
    primary = set(hidden)
    changed = True
    while changed:  # hiding a complement in one group may leave another group with one
        changed = False
        for group in groups:
            members = list(group)
            if len(members) < 2 or len(hidden.intersection(members)) != 1:
                continue
            shown = [index for index in members if index not in hidden]
            preferred = [index for index in shown if index not in keep] or shown
            hidden.add(min(preferred, key=lambda index: (values[index], index)))
            changed = True
    return [
        Suppressed(threshold, SMALL if index in primary else COMPLEMENTARY)
        if index in hidden
        else value
        for index, value in enumerate(values)
    ]


def display(value, *, percent: bool = False) -> str:
    """A published figure as a reader sees it, in the active language: grouped digits,
    a percentage sign, why it is withheld, or a dash when there is no such figure."""
    if value is None:
        return "—"
    if is_suppressed(value):
        return str(value)
    if percent:
        return gettext("%(percent)s%%") % {"percent": floatformat(value, "-1g")}
    return formats.number_format(value, force_grouping=True)
