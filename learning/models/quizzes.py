"""Quiz attempts: what a learner answered, scored on the server."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class QuizAttempt(models.Model):
    """One submission of a lesson's questions. `token` is the key the form carries, so a
    form submitted twice records one attempt."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    course_key = models.UUIDField(db_index=True)
    lesson_key = models.UUIDField()
    number = models.PositiveSmallIntegerField(_("attempt"))
    token = models.UUIDField(unique=True)
    graded = models.BooleanField(_("graded"), default=True)
    score_percent = models.PositiveSmallIntegerField(_("score (%)"))
    passed = models.BooleanField(_("passed"))
    language = models.CharField(_("language"), max_length=10)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson_key", "number"], name="attempts_numbered_once"
            )
        ]
        indexes = [models.Index(fields=["user", "lesson_key"])]

    def __str__(self):
        return f"{self.user} · {self.lesson_key} · {self.number}"


class QuizAnswer(models.Model):
    """The answer to one question of an attempt: the rows item analysis counts."""

    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="answers")
    lesson_key = models.UUIDField()
    question_id = models.CharField(max_length=64)
    response = models.CharField(_("answer"), max_length=500, blank=True)
    correct = models.BooleanField(_("correct"))
    credit = models.FloatField(default=0)

    class Meta:
        verbose_name = _("quiz answer")
        verbose_name_plural = _("quiz answers")
        indexes = [models.Index(fields=["lesson_key", "question_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question_id"], name="one_answer_per_question"
            )
        ]

    def __str__(self):
        return f"{self.attempt_id} · {self.question_id}"
