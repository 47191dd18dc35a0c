"""Steps of a learner's journey that one stage records and another weighs: the completion
rule (certificates) asks whether the survey was answered, and soon whether the lessons are
done, without naming the stage that records it. The stage that owns a step registers it
under STEPS_HOOK, sends `step_done` with the learner's step recorded, and may show the
links other stages add after it (a "Get your certificate" on the survey's thank-you page)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.dispatch import Signal
from wagtail import hooks

from enrollment.models import Enrollment

SURVEY = "survey"
# Measures: a percentage per learner and course, e.g. for the completion rule.
LESSONS_DONE = "lessons_done"
QUIZ_SCORE = "quiz_score"

# Each function registered under this name returns a Step.
STEPS_HOOK = "register_enrollment_step"
# Each function registered under this name takes (enrollment, step) and returns a
# StepDoneLink, or None to add nothing.
STEP_DONE_LINKS_HOOK = "register_step_done_link"

# Each function registered under this name returns a Measure.
MEASURES_HOOK = "register_learner_measure"

# Sent with enrollment and steps (a tuple of the names above) once a learner did them,
# inside the transaction that records them: a receiver enqueues its work with
# background.services.enqueue_with_change, never acts at once. One signal for steps done
# together (a passed quiz ticks its lesson and raises the quiz score): weighed once.
step_done = Signal()


@dataclass(frozen=True)
class Step:
    """`records` gives a queryset of the rows that record the step, one per enrollment at
    most, with `enrollment_id` and a `done_at` date-time."""

    name: str
    records: Callable[[], QuerySet]


@dataclass(frozen=True)
class Measure:
    """`percent(user, course)` gives how far the learner is in the course (in any of its
    languages), from 0 to 100."""

    name: str
    percent: Callable[[object, object], int]


@dataclass(frozen=True)
class StepDoneLink:
    message: str
    label: str
    url: str


def records(name: str) -> QuerySet | None:
    """The step's records, or None when no installed stage records that step."""
    for register in hooks.get_hooks(STEPS_HOOK):
        step = register()
        if step.name == name:
            return step.records()
    return None


def is_done(name: str, enrollment: Enrollment) -> bool:
    done = records(name)
    return done is not None and done.filter(enrollment_id=enrollment.pk).exists()


def measure(name: str, user, course) -> int | None:
    """The learner's percentage, or None when no installed stage measures it."""
    for register in hooks.get_hooks(MEASURES_HOOK):
        registered = register()
        if registered.name == name:
            return registered.percent(user, course)
    return None


def links_after(name: str, enrollment: Enrollment) -> list[StepDoneLink]:
    links = (register(enrollment, name) for register in hooks.get_hooks(STEP_DONE_LINKS_HOOK))
    return [link for link in links if link is not None]
