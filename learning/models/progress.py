"""What a learner has done of each lesson, kept whatever language they read it in."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DoneBy(models.TextChoices):
    MARKED = "marked", _("Marked as done")
    PASSED = "passed", _("Questions passed")


class LessonProgress(models.Model):
    """One row per learner and lesson. `lesson_key` and `course_key` are the translation
    keys shared by the six translations, so a learner who switches from French to Arabic
    keeps their ticks."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    course_key = models.UUIDField(db_index=True)
    lesson_key = models.UUIDField()
    opened_at = models.DateTimeField(_("first opened"), auto_now_add=True)
    seen_at = models.DateTimeField(_("last seen"), db_index=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.CharField(max_length=10, choices=DoneBy.choices, blank=True)
    video_position = models.PositiveIntegerField(
        _("video position (seconds)"), default=0, help_text=_("Where the learner stopped.")
    )

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson_key"], name="one_progress_per_lesson")
        ]
        indexes = [models.Index(fields=["user", "course_key", "seen_at"])]

    def __str__(self):
        return f"{self.user} · {self.lesson_key}"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
