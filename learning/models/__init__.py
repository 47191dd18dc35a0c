"""The learning stage's records: lessons as pages, and what each learner did with them."""

from learning.models.discussions import Post, PostReport, PostStatus, PostVote
from learning.models.pages import LessonPage, ModulePage
from learning.models.progress import LessonProgress
from learning.models.quizzes import QuizAnswer, QuizAttempt
from learning.models.video import Caption, VideoRendition, VideoTranscode

__all__ = [
    "Caption",
    "LessonPage",
    "LessonProgress",
    "ModulePage",
    "Post",
    "PostReport",
    "PostStatus",
    "PostVote",
    "QuizAnswer",
    "QuizAttempt",
    "VideoRendition",
    "VideoTranscode",
]
