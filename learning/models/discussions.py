"""A lesson's discussion: threaded questions and answers, votes, reports."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

POST_MAX_LENGTH = 2000


class PostStatus(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    HIDDEN = "hidden", _("Hidden")


class Post(models.Model):
    """A question (no parent) or a reply in a lesson's discussion, whatever language the
    lesson was read in."""

    course_key = models.UUIDField(db_index=True)
    lesson_key = models.UUIDField()
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="discussion_posts"
    )
    text = models.TextField(_("message"), max_length=POST_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=10, choices=PostStatus.choices, default=PostStatus.VISIBLE
    )
    by_trainer = models.BooleanField(_("answer from a trainer"), default=False)
    # Like a live-room question: shown without the author's name to everyone.
    anonymous = models.BooleanField(_("without my name"), default=False)
    accepted = models.BooleanField(_("accepted answer"), default=False)
    # The language of the lesson it was written on: the notification's language when the
    # author's profile names none.
    language = models.CharField(_("language"), max_length=10, blank=True)
    votes = models.PositiveIntegerField(_("votes"), default=0)
    # Reports awaiting a trainer's review: a decision (hide or show) sets it back to 0.
    reports = models.PositiveIntegerField(_("reports"), default=0)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("discussion post")
        verbose_name_plural = _("discussion posts")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["lesson_key", "created_at"])]

    def __str__(self):
        return self.text[:60]


class PostVote(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="vote_set")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="one_vote_per_post")]

    def __str__(self):
        return f"{self.user} · {self.post_id}"


class PostReport(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="report_set")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="one_report_per_post")]

    def __str__(self):
        return f"{self.user} · {self.post_id}"
