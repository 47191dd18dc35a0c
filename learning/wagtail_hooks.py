"""What the learning stage registers with earlier stages and the admin."""

from wagtail import hooks

from enrollment import steps
from learning.selectors.progress import lessons_done_percent
from learning.selectors.quizzes import quiz_score_percent


@hooks.register(steps.MEASURES_HOOK)
def lessons_done_measure():
    return steps.Measure(name=steps.LESSONS_DONE, percent=lessons_done_percent)


@hooks.register(steps.MEASURES_HOOK)
def quiz_score_measure():
    return steps.Measure(name=steps.QUIZ_SCORE, percent=quiz_score_percent)


@hooks.register("register_admin_viewset")
def register_video_viewsets():
    from learning.admin_video import VideoLessonsGroup

    return VideoLessonsGroup()
