"""Survey templates written by editors, a session's survey, who was invited and who
answered, and the responses (with no link to the learner when the survey is anonymous)."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField
from wagtail.models import Locale, TranslatableMixin

from surveys.blocks import QuestionsBlock


class SurveyTemplate(TranslatableMixin, models.Model):
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    questions = StreamField(QuestionsBlock(), verbose_name=_("questions"))
    is_standard = models.BooleanField(
        _("standard satisfaction survey"),
        default=False,
        help_text=_("Every session uses it unless it picks another, so results compare."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("survey template")
        verbose_name_plural = _("survey templates")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale"], condition=Q(is_standard=True), name="one_standard_survey"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def headline_question(self):
        """The rating question whose 4s and 5s make the satisfaction rate; None when the
        template has none (then its sessions have no satisfaction rate)."""
        return next(
            (
                block
                for block in self.questions
                if block.block_type == "rating" and block.value.get("headline")
            ),
            None,
        )

    def clean(self):
        super().clean()
        if not self.is_standard:
            return
        if self.questions is not None and self.headline_question is None:
            raise ValidationError(
                {
                    "questions": _(
                        "The standard satisfaction survey needs a headline question: mark "
                        "one rating question as the headline (overall satisfaction)."
                    )
                }
            )
        # A new template gets its locale before it is validated; the default one otherwise.
        locale_id = self.locale_id or Locale.get_default().pk
        other = (
            SurveyTemplate.objects.filter(is_standard=True, locale_id=locale_id)
            .exclude(pk=self.pk)
            .first()
        )
        if other is not None:
            raise ValidationError(
                {
                    "is_standard": _(
                        "“%(title)s” is already the standard satisfaction survey in this "
                        "language; untick it there first."
                    )
                    % {"title": other.title}
                }
            )


class Survey(models.Model):
    """A session's survey; sessions without one use the defaults (standard template,
    anonymous, open from the last day for SURVEY_OPEN_DAYS after the end)."""

    session = models.OneToOneField(
        "courses.TrainingSession",
        verbose_name=_("training session"),
        on_delete=models.CASCADE,
        related_name="survey",
    )
    template = models.ForeignKey(
        SurveyTemplate,
        verbose_name=_("template"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty to use the standard satisfaction survey."),
    )
    anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_("Answers are stored with no link to the learner who gave them."),
    )
    opens_at = models.DateTimeField(
        _("opens at"), null=True, blank=True, help_text=_("Empty: on the session's last day.")
    )
    closes_at = models.DateTimeField(
        _("closes at"),
        null=True,
        blank=True,
        help_text=_("Empty: a set number of days after the session ends."),
    )

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self):
        return str(self.session)

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The survey must close after it opens.")})
        if self.session_id and (self.opens_at or self.closes_at):
            from surveys.services import survey_window

            window = survey_window(self.session, self)
            if window.closes_at <= window.opens_at:
                raise ValidationError(
                    {
                        "closes_at": _(
                            "The survey must close after it opens (by default on the "
                            "session's last day)."
                        )
                    }
                )


class SurveyInvitation(models.Model):
    """The invitation and the one reminder emailed to a learner."""

    enrollment = models.OneToOneField(
        "enrollment.Enrollment", on_delete=models.CASCADE, related_name="survey_invitation"
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return str(self.enrollment)


class SurveyCompletion(models.Model):
    """That an enrollment has answered: kept apart from the answers, so that an anonymous
    response carries no link to the learner while nobody answers twice."""

    enrollment = models.OneToOneField(
        "enrollment.Enrollment", on_delete=models.CASCADE, related_name="survey_completion"
    )
    session = models.ForeignKey(
        "courses.TrainingSession", on_delete=models.CASCADE, related_name="survey_completions"
    )
    answered_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return str(self.enrollment)


class SurveyResponse(models.Model):
    """One learner's answers, keyed by question id. Anonymous responses have a random key,
    no enrollment and no time, so neither order nor time ties them to a completion."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(
        "courses.TrainingSession", on_delete=models.CASCADE, related_name="survey_responses"
    )
    template = models.ForeignKey(SurveyTemplate, on_delete=models.PROTECT, related_name="+")
    enrollment = models.OneToOneField(
        "enrollment.Enrollment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="survey_response",
    )
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The answer to the headline question, kept in a column so that the satisfaction rate
    # is one aggregate query across any number of sessions.
    overall_rating = models.PositiveSmallIntegerField(null=True, blank=True)
    answers = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        indexes = [models.Index(fields=["session", "overall_rating"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(overall_rating__isnull=True)
                | Q(overall_rating__gte=1, overall_rating__lte=5),
                name="overall_rating_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.session} · {self.pk}"
