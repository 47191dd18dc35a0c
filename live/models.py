"""The live room of a session: questions and votes, polls, announcements, and the event log
that lets a client resume without losing anything."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cms.usertext import question_key

QUESTION_MAX_LENGTH = 500
POLL_QUESTION_MAX_LENGTH = 300
POLL_OPTION_MAX_LENGTH = 200
ANNOUNCEMENT_MAX_LENGTH = 500


class RoomState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    LIVE = "live", _("Live")
    ENDED = "ended", _("Ended")


class Room(models.Model):
    """One per training session or seminar; shares the session's primary key, so
    /live/<session id>/ names both."""

    session = models.OneToOneField(
        "courses.TrainingSession",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="room",
        verbose_name=_("session"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=RoomState.choices, default=RoomState.SCHEDULED
    )
    video_url = models.URLField(
        _("video link"),
        blank=True,
        help_text=_("An external stream or meeting; the platform does not host video."),
    )
    low_data_url = models.URLField(
        _("low-data link"),
        blank=True,
        help_text=_("Audio only or a dial-in page, for learners on a slow or costly connection."),
    )
    premoderation = models.BooleanField(
        _("moderate questions before they are shown"), default=False
    )
    open_to_all = models.BooleanField(
        _("open to any logged-in user"),
        default=False,
        help_text=_("For seminars: anyone with an account may join, enrolled or not."),
    )
    pinned_question = models.ForeignKey(
        "live.Question",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("pinned question"),
    )
    last_seq = models.PositiveBigIntegerField(default=0, editable=False)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("live room")
        verbose_name_plural = _("live rooms")

    def __str__(self):
        return str(self.session)

    @property
    def is_live(self) -> bool:
        return self.state == RoomState.LIVE


class QuestionStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    VISIBLE = "visible", _("Visible")
    HIDDEN = "hidden", _("Hidden")


class Question(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="questions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Plain text as typed (control characters removed); escaped wherever it is shown.
    text = models.TextField(_("question"), max_length=QUESTION_MAX_LENGTH)
    # The text folded (case, spaces) and hashed: the same question asked twice has the same
    # key (cms.usertext.question_key), found through the index below.
    text_key = models.CharField(max_length=64, blank=True, editable=False)
    anonymous = models.BooleanField(_("ask anonymously"), default=False)
    status = models.CharField(max_length=10, choices=QuestionStatus.choices)
    answered = models.BooleanField(_("answered"), default=False)
    votes = models.PositiveIntegerField(default=0)
    # Set when a vote changes the count, cleared when the next tally event carries it.
    votes_changed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        indexes = [
            models.Index(fields=["room", "status"]),
            models.Index(
                fields=["room"], condition=Q(votes_changed=True), name="question_votes_changed"
            ),
            models.Index(fields=["room", "text_key"], name="question_room_text_key"),
        ]

    def __str__(self):
        return self.text[:60]

    def save(self, *args, **kwargs):
        self.text_key = question_key(self.text)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "text" in update_fields:
            kwargs["update_fields"] = {*update_fields, "text_key"}
        super().save(*args, **kwargs)


class QuestionVote(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="vote_set")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "user"], name="one_vote_per_question")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.question_id}"


class PollState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", pgettext_lazy("poll state", "Open")
    CLOSED = "closed", _("Closed")


class Poll(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="polls")
    question = models.CharField(_("question"), max_length=POLL_QUESTION_MAX_LENGTH)
    multiple = models.BooleanField(_("several answers allowed"), default=False)
    state = models.CharField(max_length=10, choices=PollState.choices, default=PollState.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    votes_changed = models.BooleanField(default=False)
    voters = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        ordering = ["created_at"]

    def __str__(self):
        return self.question


class PollOption(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("answer"), max_length=POLL_OPTION_MAX_LENGTH)
    position = models.PositiveSmallIntegerField(default=0)
    votes = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text


class PollVote(models.Model):
    """One ballot per person per poll, with one option or, in a multiple-choice poll, several."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="ballots")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    options = models.ManyToManyField(PollOption, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "user"], name="one_ballot_per_poll")]

    def __str__(self):
        return f"{self.user_id} → {self.poll_id}"


class Announcement(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="announcements")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("announcement"), max_length=ANNOUNCEMENT_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.text[:60]


class Event(models.Model):
    """Every change to a room, numbered per room, stored before it is broadcast."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=40)
    # What every participant receives; moderators receive `moderator_data` instead when set
    # (a question awaiting moderation: its text for them, only its existence for others).
    data = models.JSONField(default=dict)
    moderator_data = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["room", "seq"], name="one_event_per_seq")]

    def __str__(self):
        return f"{self.room_id}#{self.seq} {self.kind}"


class OnlinePresence(models.Model):
    """Seconds a person was connected to a live room on one day of the session, until it
    counts as attendance."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="presences")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    seconds = models.PositiveIntegerField(default=0)
    attendance_recorded = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["room", "user", "day"], name="one_presence_per_day")
        ]

    def __str__(self):
        return f"{self.user_id} · {self.day} · {self.seconds} s"


class Broadcast(models.Model):
    """The room's own video: trainers push it from an RTMP encoder (OBS) to the ingest with
    the room's secret stream key; the ingest asks the platform whether the key is valid
    (live.views.ingest), and writes the HLS ladder participants play under an address named
    by `playback_id`, never by the key."""

    room = models.OneToOneField(
        Room, primary_key=True, on_delete=models.CASCADE, related_name="broadcast"
    )
    # Secrets: the key lets anyone publish to the room; the playback id only names the
    # address of what is played. Both change when a trainer regenerates the key.
    stream_key = models.CharField(max_length=64, unique=True, editable=False)
    playback_id = models.CharField(max_length=32, unique=True, editable=False)
    key_created_at = models.DateTimeField(_("key created at"))
    on_air = models.BooleanField(_("on air"), default=False)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    stopped_at = models.DateTimeField(_("stopped at"), null=True, blank=True)

    class Meta:
        verbose_name = _("broadcast")
        verbose_name_plural = _("broadcasts")

    def __str__(self):
        return str(self.room)


class BroadcastRecording(models.Model):
    """One publication kept by the ingest, from the encoder's start to its stop."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="recordings")
    # Relative to LIVE_RECORDINGS_ROOT.
    file_name = models.CharField(max_length=300, unique=True)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    # The video lesson made from it, once a trainer asked for one.
    media = models.ForeignKey(
        "wagtailmedia.Media",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("video"),
    )

    class Meta:
        verbose_name = _("recording")
        verbose_name_plural = _("recordings")
        ordering = ["-created_at"]

    def __str__(self):
        return self.file_name


ACTION_KEY_MAX_LENGTH = 64


class ActionReceipt(models.Model):
    """What a client's action was answered, under the key the client chose for it: the same
    action sent again (after a lost connection or a restarted server) gets the same answer
    instead of being done twice. Kept a day (live.tasks.prune_action_receipts)."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=ACTION_KEY_MAX_LENGTH)
    action = models.CharField(max_length=40)
    # The acknowledgement's fields (live.actions), as first sent.
    result = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["room", "user", "key"], name="one_receipt_per_key")
        ]

    def __str__(self):
        return f"{self.room_id} · {self.user_id} · {self.key}"
