"""What the learning stage registers with earlier stages and the admin."""

from django.urls import reverse
from django.utils.translation import gettext
from wagtail import hooks

from courses.models import SessionMode
from courses.selectors import COURSE_SECTIONS_HOOK, CourseSection
from enrollment import steps
from enrollment.parts import (
    MY_LEARNING_PARTS_HOOK,
    TRAINER_SESSION_LINKS_HOOK,
    MyLearningPart,
    SessionLink,
)
from learning.selectors.lessons import course_outline
from learning.selectors.progress import (
    lessons_done_percent,
    my_learning_progress,
    with_lesson_progress,
)
from learning.selectors.quizzes import quiz_score_percent


@hooks.register(steps.MEASURES_HOOK)
def lessons_done_measure():
    return steps.Measure(name=steps.LESSONS_DONE, percent=lessons_done_percent)


@hooks.register(steps.MEASURES_HOOK)
def quiz_score_measure():
    return steps.Measure(name=steps.QUIZ_SCORE, percent=quiz_score_percent)


# --- lessons and progress on the pages of earlier stages -------------------------------------


@hooks.register(COURSE_SECTIONS_HOOK)
def course_lessons_section(request, course):
    """The course's outline with the reader's ticks, and where to start or resume."""
    return CourseSection(
        "learning/includes/course_section.html",
        data=course_outline(course, request.user),
        order=10,
    )


@hooks.register(MY_LEARNING_PARTS_HOOK)
def my_learning_progress_bar():
    return MyLearningPart(
        "learning/includes/my_learning_progress.html",
        order=5,
        prepare=with_lesson_progress,
        data=my_learning_progress,
    )


@hooks.register(TRAINER_SESSION_LINKS_HOOK)
def learners_progress_link(session, *, page, now):
    url = reverse("learning:course_progress", kwargs={"course_id": session.course_id})
    return SessionLink(label=gettext("Learners' progress"), url=url, order=30)


@hooks.register(TRAINER_SESSION_LINKS_HOOK)
def quiz_results_link(session, *, page, now):
    """Self-paced runs; trainers of blended courses find the results from the progress page."""
    if session.mode != SessionMode.SELF_PACED:
        return None
    url = reverse("learning:quiz_results", kwargs={"course_id": session.course_id})
    return SessionLink(label=gettext("Quiz results"), url=url, order=40)


@hooks.register(TRAINER_SESSION_LINKS_HOOK)
def discussion_queue_link(session, *, page, now):
    """Self-paced runs; trainers of blended courses find the queue from the lessons."""
    if session.mode != SessionMode.SELF_PACED:
        return None
    url = reverse("learning:discussion_queue", kwargs={"course_id": session.course_id})
    return SessionLink(label=gettext("Discussion queue"), url=url, order=50)


@hooks.register("register_admin_viewset")
def register_video_viewsets():
    from learning.admin_video import VideoLessonsGroup

    return VideoLessonsGroup()
