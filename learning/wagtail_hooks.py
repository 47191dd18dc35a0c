"""What the learning stage registers with earlier stages and the admin."""

from django.urls import reverse
from django.utils.translation import gettext
from wagtail import hooks

from courses.models import SessionMode
from enrollment import steps
from enrollment.parts import TRAINER_SESSION_LINKS_HOOK, SessionLink
from learning.selectors.progress import lessons_done_percent
from learning.selectors.quizzes import quiz_score_percent


@hooks.register(steps.MEASURES_HOOK)
def lessons_done_measure():
    return steps.Measure(name=steps.LESSONS_DONE, percent=lessons_done_percent)


@hooks.register(steps.MEASURES_HOOK)
def quiz_score_measure():
    return steps.Measure(name=steps.QUIZ_SCORE, percent=quiz_score_percent)


@hooks.register(TRAINER_SESSION_LINKS_HOOK)
def discussion_queue_link(session, *, page, now):
    """Self-paced runs; trainers of blended courses find the queue from the lessons."""
    if session.mode != SessionMode.SELF_PACED:
        return None
    url = reverse("learning:discussion_queue", kwargs={"course_id": session.course_id})
    return SessionLink(label=gettext("Discussion queue"), url=url, order=50)
