"""Learner profiles, enrollments in training sessions, check-in codes and attendance."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from enrollment import states
from enrollment.states import EnrollmentStatus


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    ANOTHER = "another", _("Another description")
    UNSTATED = "unstated", _("Prefer not to say")


class Sector(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    ACADEMIA = "academia", _("Academia")
    INDUSTRY = "industry", _("Industry")
    NGO = "ngo", _("Non-governmental organisation")
    INTERNATIONAL = "international", _("International organisation")
    OTHER = "other", _("Other")


class LearnerProfile(models.Model):
    """Asked at the first enrollment; only the country is compulsory."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner_profile"
    )
    country = CountryField(_("country"))
    gender = models.CharField(
        _("gender"), max_length=10, choices=Gender.choices, default=Gender.UNSTATED
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    year_of_birth = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    counted_in_statistics = models.BooleanField(
        _("count me in the centre's statistics"),
        default=True,
        help_text=_("Only totals are published; nobody can be recognised in them."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("learner profile")
        verbose_name_plural = _("learner profiles")

    def __str__(self):
        return str(self.user)


class EnrollmentQuerySet(models.QuerySet):
    """Enrollments by what their status means; the sets are named in enrollment.states."""

    def in_states(self, statuses):
        return self.filter(status__in=states.as_list(statuses))

    def active(self):
        return self.in_states(states.ACTIVE)

    def holding_seat(self):
        return self.in_states(states.HOLDING_A_SEAT)

    def awaiting_seat(self):
        return self.in_states(states.AWAITING_A_SEAT)

    def open(self):
        return self.in_states(states.OPEN)

    def evaluated(self):
        return self.in_states(states.EVALUATED)

    def seated_at_end(self):
        return self.in_states(states.SEATED_AT_END)

    def waitlisted(self):
        return self.filter(status=EnrollmentStatus.WAITLISTED)


class Enrollment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    session = models.ForeignKey(
        "courses.TrainingSession", on_delete=models.PROTECT, related_name="enrollments"
    )
    status = models.CharField(_("status"), max_length=12, choices=EnrollmentStatus.choices)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed at"), auto_now_add=True)
    seat_held_until = models.DateTimeField(
        _("seat held until"),
        null=True,
        blank=True,
        help_text=_("A promoted learner must confirm before this time or the seat passes on."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    reminded_at = models.DateTimeField(
        _("reminder sent at"),
        null=True,
        blank=True,
        help_text=_("When the reminder the day before was sent; it is sent once."),
    )

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "session"],
                condition=Q(status__in=states.as_list(states.ACTIVE)),
                name="one_live_enrollment_per_learner_and_session",
            )
        ]
        indexes = [models.Index(fields=["session", "status", "created_at"])]

    def __str__(self):
        return f"{self.user} · {self.session}"

    @property
    def holds_seat(self) -> bool:
        return self.status in states.HOLDING_A_SEAT

    @property
    def is_waiting(self) -> bool:
        return self.status in states.AWAITING_A_SEAT

    @property
    def is_open(self) -> bool:
        return self.status in states.OPEN

    @property
    def is_evaluated(self) -> bool:
        return self.status in states.EVALUATED

    @property
    def was_seated_at_end(self) -> bool:
        return self.status in states.SEATED_AT_END

    @property
    def is_active(self) -> bool:
        return self.status in states.ACTIVE


class AttendanceSource(models.TextChoices):
    CHECK_IN_CODE = "check_in_code", _("Checked in with the room's code")
    ROSTER = "roster", _("Marked on the roster")
    ONLINE = "online", _("Connected to the live room")
    VIDEO_MEETING = "video_meeting", _("Joined the video meeting")


class Attendance(models.Model):
    """One record per enrollment per day of the session."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="attendance")
    day = models.DateField(_("day"))
    source = models.CharField(_("source"), max_length=20, choices=AttendanceSource.choices)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "day"], name="one_attendance_per_day")
        ]

    def __str__(self):
        return f"{self.enrollment} · {self.day}"
