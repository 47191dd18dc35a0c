"""What later stages (live room, survey, certificates) add to the enrollment pages: My
learning's lines and the trainer's My sessions and roster. They register under Wagtail hooks
so that enrollment never names them; the import contract in pyproject.toml holds that."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from wagtail import hooks

from courses.models import TrainingSession
from enrollment.models import Enrollment

# Each function registered under this name returns a MyLearningPart.
MY_LEARNING_PARTS_HOOK = "register_my_learning_item_part"

# Each function registered under this name takes (session, *, page, now), where page is
# "my_sessions" or "roster", and returns a SessionLink, or None to add nothing.
TRAINER_SESSION_LINKS_HOOK = "register_trainer_session_link"

# Each function registered under this name takes (session, user) and returns a SessionLink
# to where the participant meets the others by video (a conferencing provider's meeting),
# or None: the live room shows it beside its questions, whichever stage provides it.
SESSION_MEETING_LINKS_HOOK = "register_session_meeting_link"


@dataclass(frozen=True)
class MyLearningPart:
    """An include in the list of links of each line of My learning.

    `prepare` adds to the query of the learner's enrollments what `data` reads
    (select_related, annotate), so My learning runs the same queries whatever the number of
    enrollments; the enrollments come with `days_attended` and `session_day_count`.
    `data(enrollment, now)` gives the include's `part`, or None to leave the line without
    it; without `data` the include is always rendered. The include also gets `entry`,
    `enrollment`, `session`, `course` and `now`."""

    template_name: str
    order: int = 100
    prepare: Callable[[QuerySet[Enrollment]], QuerySet[Enrollment]] | None = None
    data: Callable[[Enrollment, datetime], object] | None = None


@dataclass(frozen=True)
class ShownPart:
    template_name: str
    data: object = None


@dataclass(frozen=True)
class SessionLink:
    """A link in a session's row of My sessions and in the roster's links."""

    label: str
    url: str
    order: int = 100


def my_learning_parts() -> list[MyLearningPart]:
    parts = [register() for register in hooks.get_hooks(MY_LEARNING_PARTS_HOOK)]
    return sorted(parts, key=lambda part: part.order)


def prepare_for_parts(
    enrollments: QuerySet[Enrollment], parts: list[MyLearningPart]
) -> QuerySet[Enrollment]:
    for part in parts:
        if part.prepare is not None:
            enrollments = part.prepare(enrollments)
    return enrollments


def shown_parts(
    enrollment: Enrollment, parts: list[MyLearningPart], now: datetime
) -> list[ShownPart]:
    shown = []
    for part in parts:
        if part.data is None:
            shown.append(ShownPart(part.template_name))
            continue
        data = part.data(enrollment, now)
        if data is not None:
            shown.append(ShownPart(part.template_name, data))
    return shown


def session_links(session: TrainingSession, *, page: str, now: datetime) -> list[SessionLink]:
    """The links later stages add to a session on My sessions or its roster; no query."""
    links = (
        register(session, page=page, now=now)
        for register in hooks.get_hooks(TRAINER_SESSION_LINKS_HOOK)
    )
    return sorted((link for link in links if link is not None), key=lambda link: link.order)


def loaded_one_to_one(instance, name: str):
    """A reverse one-to-one loaded by select_related, or None when there is no such row."""
    try:
        return getattr(instance, name)
    except ObjectDoesNotExist:
        return None


def session_meeting_links(session: TrainingSession, user) -> list[SessionLink]:
    links = [register(session, user) for register in hooks.get_hooks(SESSION_MEETING_LINKS_HOOK)]
    return sorted((link for link in links if link is not None), key=lambda link: link.order)
