"""Training sessions: the runs of a course, dated (online, in a room or both) or self-paced."""

import zoneinfo
from datetime import UTC, datetime

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from courses.states import SessionState, compute_state

# The end of an always-open self-paced run. Every rule that reads `ends_at` (states, upcoming
# lists, My learning, survey and certificate windows) then treats the run as still going,
# and the places that show or export an end ask `is_always_open` first. Far enough to never
# be reached, near enough that any time zone converts it without overflowing a datetime.
ALWAYS_OPEN_ENDS_AT = datetime(2999, 12, 31, tzinfo=UTC)

TIMEZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones())]
# Offered first when a session is scheduled: where the centre's sessions mostly take place.
COMMON_TIMEZONES = [
    "UTC",
    "Asia/Shanghai",
    "Asia/Kolkata",
    "Asia/Jakarta",
    "Asia/Bangkok",
    "Asia/Dhaka",
    "Asia/Karachi",
    "Asia/Tashkent",
    "Asia/Dubai",
    "Asia/Riyadh",
    "Africa/Cairo",
    "Africa/Casablanca",
    "Africa/Lagos",
    "Africa/Nairobi",
    "Africa/Johannesburg",
    "Africa/Dakar",
    "Europe/London",
    "Europe/Paris",
    "Europe/Moscow",
    "America/New_York",
    "America/Mexico_City",
    "America/Bogota",
    "America/Lima",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "Pacific/Fiji",
]


def timezone_choices_grouped() -> list:
    """The time zones for a chooser: the common ones first, then all of them."""
    available = {name for name, _label in TIMEZONE_CHOICES}
    common = [(name, name) for name in COMMON_TIMEZONES if name in available]
    return [(_("Common time zones"), common), (_("All time zones"), TIMEZONE_CHOICES)]


class SessionKind(models.TextChoices):
    TRAINING = "training", _("Training")
    SEMINAR = "seminar", _("Seminar")


class SessionMode(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_ROOM = "in_room", _("In the room")
    HYBRID = "hybrid", _("Hybrid")
    SELF_PACED = "self_paced", _("Self-paced")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    COMPLETED = "completed", _("Completed")


class TrainingSessionQuerySet(models.QuerySet):
    def published(self):
        """Sessions whose course is published, with what pages and feeds show of them."""
        return self.filter(course__live=True).select_related("course", "site")

    def for_course(self, course):
        """Sessions of the course, whatever translation of it the reader is looking at."""
        return self.filter(course__translation_key=course.translation_key)

    def upcoming(self, now=None):
        return self.filter(ends_at__gt=now or timezone.now()).exclude(
            status=SessionStatus.CANCELLED
        )

    def self_paced(self):
        return self.filter(mode=SessionMode.SELF_PACED)

    def dated(self):
        """Sessions held on dates: everything but self-paced runs."""
        return self.exclude(mode=SessionMode.SELF_PACED)

    def open_for_enrollment(self, now=None):
        return self.in_state(SessionState.OPEN, now)

    def in_state(self, state: SessionState, now=None):
        """The SQL twin of courses.states.compute_state: sessions in `state` at `now`."""
        now = now or timezone.now()
        if state == SessionState.CANCELLED:
            return self.filter(status=SessionStatus.CANCELLED)
        self_paced = Q(mode=SessionMode.SELF_PACED)
        not_started = Q(starts_at__gt=now)
        opened = Q(enrollment_opens_at__isnull=True) | Q(enrollment_opens_at__lte=now)
        not_closed = Q(enrollment_closes_at__isnull=True) | Q(enrollment_closes_at__gt=now)
        running = Q(ends_at__gt=now)
        # A dated session takes enrollments until it starts; a self-paced run until it ends.
        window_open = opened & not_closed & ((~self_paced & not_started) | (self_paced & running))
        no_seat_left = Q(capacity__isnull=False, seats_taken__gte=F("capacity"))
        condition = {
            SessionState.ENDED: Q(ends_at__lte=now),
            SessionState.ONGOING: Q(starts_at__lte=now, ends_at__gt=now) & ~window_open,
            SessionState.OPEN: window_open & ~no_seat_left,
            SessionState.FULL: window_open & no_seat_left,
            SessionState.UPCOMING: not_started & ~window_open,
        }[state]
        return self.exclude(status=SessionStatus.CANCELLED).filter(condition)


class TrainingSession(models.Model):
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("platform"),
        on_delete=models.PROTECT,
        related_name="training_sessions",
        help_text=_("The platform (master or sub-platform) that runs the session."),
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=SessionKind.choices, default=SessionKind.TRAINING
    )
    mode = models.CharField(
        _("mode"), max_length=10, choices=SessionMode.choices, default=SessionMode.ONLINE
    )
    language = models.CharField(
        _("language of instruction"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    timezone = models.CharField(
        _("time zone"), max_length=64, choices=TIMEZONE_CHOICES, default="UTC"
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
    join_url = models.URLField(
        _("online join link"),
        blank=True,
        help_text=_("Shown only to enrolled learners."),
    )
    enrollment_opens_at = models.DateTimeField(_("enrollment opens"), null=True, blank=True)
    enrollment_closes_at = models.DateTimeField(_("enrollment closes"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    seats_taken = models.PositiveIntegerField(_("seats taken"), default=0, editable=False)
    requires_approval = models.BooleanField(_("requires approval"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    lessons_required_percent = models.PositiveSmallIntegerField(
        _("lessons required before the session (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "For a blended course: the share of the course's lessons a learner must have done "
            "to enroll. 0 for none."
        ),
    )
    trainers = models.ManyToManyField(
        "courses.Trainer", verbose_name=_("trainers and speakers"), blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TrainingSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["site", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(seats_taken__lte=F("capacity"))
                | Q(status="cancelled"),
                name="session_never_overbooked",
            ),
            models.CheckConstraint(
                condition=Q(lessons_required_percent__lte=100),
                name="session_lessons_required_max_100",
            ),
        ]

    def __str__(self):
        if self.is_always_open:
            return f"{self.course.title} · {SessionMode.SELF_PACED.label}"
        return f"{self.course.title} · {self.starts_at:%Y-%m-%d}"

    @property
    def is_self_paced(self) -> bool:
        return self.mode == SessionMode.SELF_PACED

    @property
    def is_always_open(self) -> bool:
        """A self-paced run with no closing date (see ALWAYS_OPEN_ENDS_AT)."""
        ends_at = self.ends_at
        return self.is_self_paced and ends_at is not None and ends_at >= ALWAYS_OPEN_ENDS_AT

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def has_attendance(self) -> bool:
        """Days to attend, check in to and a live room: sessions held on dates only."""
        return not self.is_self_paced

    def state(self, now=None) -> SessionState:
        return compute_state(
            cancelled=self.status == SessionStatus.CANCELLED,
            self_paced=self.is_self_paced,
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            opens_at=self.enrollment_opens_at,
            closes_at=self.enrollment_closes_at,
            capacity=self.capacity,
            seats_taken=self.seats_taken,
            now=now or timezone.now(),
        )

    @property
    def seats_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.seats_taken, 0)

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def local_starts_at(self):
        return self.starts_at.astimezone(self.tzinfo)

    @property
    def local_ends_at(self):
        return self.ends_at.astimezone(self.tzinfo)

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("A session must end after it starts.")
        if (
            self.enrollment_opens_at
            and self.enrollment_closes_at
            and self.enrollment_closes_at <= self.enrollment_opens_at
        ):
            errors["enrollment_closes_at"] = _("Enrollment must close after it opens.")
        if self.mode in (SessionMode.IN_ROOM, SessionMode.HYBRID) and not (self.city or self.venue):
            errors["venue"] = _("A session in a room needs a venue or a city.")
        if self.is_self_paced and self.lessons_required_percent:
            errors["lessons_required_percent"] = _(
                "Lessons required before a session apply to dated sessions, not to a "
                "self-paced run."
            )
        if errors:
            raise ValidationError(errors)
