"""A person's rights over their data: a copy of everything the platform holds about them,
the erasure of their account, and the retention rule that erases inactive accounts."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from django_countries import countries
from wagtail.users.models import UserProfile

from accounts.models import User
from accounts.personal_data import personal_data
from accounts.roles import LEARNER
from certificates.links import verification_url
from certificates.models import Certificate, RevocationReason
from certificates.services import certificate_revoke, completion_evaluate
from courses.models import CoursePage, Trainer
from enrollment.models import Enrollment, LearnerProfile
from enrollment.services import EnrollmentError, enrollment_cancel
from learning.models import (
    LessonPage,
    LessonProgress,
    Post,
    PostReport,
    PostVote,
    QuizAttempt,
)
from live.models import Announcement, Event, OnlinePresence, PollVote, Question, QuestionVote
from surveys.models import SurveyResponse

# Erased accounts keep their row, under an address no mail server accepts (RFC 2606).
ERASED_EMAIL_DOMAIN = "erased.invalid"
KEEP, REVOKE = "keep", "revoke"
CERTIFICATE_CHOICES = (KEEP, REVOKE)


class PrivacyError(Exception):
    """An erasure the rules refuse; the message says why, in the reader's language."""


# --- who may erase their own account -----------------------------------------------------


def is_erased(user: User) -> bool:
    return user.email.endswith("@" + ERASED_EMAIL_DOMAIN)


def erasure_refusal(user: User) -> str | None:
    """Why this account cannot erase itself, or None. Trainers and administrators own
    sessions, pages and decisions other people rely on: an administrator closes them."""
    if is_erased(user):
        return _("This account is already erased.")
    if user.is_staff or user.is_superuser or _holds_role(user):
        return _(
            "Accounts of trainers and administrators are closed by an administrator, so that "
            "the sessions and pages they look after keep someone responsible."
        )
    return None


def _holds_role(user: User) -> bool:
    return user.groups.exclude(name=LEARNER).exists() or Trainer.objects.filter(user=user).exists()


# --- the copy of a person's data ----------------------------------------------------------


def learner_data_export(user: User) -> dict:
    """Everything the platform holds about `user`, as JSON-ready data. Anonymous survey
    responses are not in it: nothing links them to anyone, by design."""
    profile = LearnerProfile.objects.filter(user=user).first()
    enrollments = list(
        Enrollment.objects.filter(user=user)
        .select_related("session__course", "survey_invitation", "survey_completion")
        .prefetch_related("attendance")
        .order_by("created_at", "pk")
    )
    return {
        "exported_at": _when(timezone.now()),
        "account": _account(user),
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "two_factor_authentication": [
            {
                "type": authenticator.type,
                "created_at": _when(authenticator.created_at),
                "last_used_at": _when(authenticator.last_used_at),
            }
            for authenticator in Authenticator.objects.filter(user=user).order_by("pk")
        ],
        "learner_profile": _profile(profile),
        "administration_preferences": _admin_profile(user),
        "consents": _consents(profile),
        "enrollments": [_enrollment(enrollment) for enrollment in enrollments],
        "survey_responses": [
            _response(response)
            for response in SurveyResponse.objects.filter(enrollment__user=user)
            .select_related("session__course", "template")
            .order_by("submitted_at", "pk")
        ],
        "certificates": [
            _certificate(certificate)
            for certificate in Certificate.objects.filter(enrollment__user=user).order_by(
                "issued_at", "pk"
            )
        ],
        "live_rooms": _live(user),
        "self_paced_learning": _learning(user, profile),
        "trainer_profiles": [
            {"name": trainer.name, "organisation": trainer.organisation, "bio": trainer.bio}
            for trainer in Trainer.objects.filter(user=user).order_by("pk")
        ],
        **{part.key: part.export(user) for part in personal_data()},
    }


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _account(user: User) -> dict:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": _when(user.date_joined),
        "last_login": _when(user.last_login),
        "is_active": user.is_active,
        "roles": sorted(user.groups.values_list("name", flat=True)),
    }


def _profile(profile: LearnerProfile | None) -> dict | None:
    if profile is None:
        return None
    return {
        "country": profile.country.code,
        "country_name": str(countries.name(profile.country.code)),
        "gender": profile.gender,
        "organisation": profile.organisation,
        "sector": profile.sector,
        "year_of_birth": profile.year_of_birth,
        "preferred_language": profile.preferred_language,
        "updated_at": _when(profile.updated_at),
    }


def _admin_profile(user: User) -> dict | None:
    profile = UserProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    return {
        "preferred_language": profile.preferred_language,
        "time_zone": profile.current_time_zone,
        "has_avatar": bool(profile.avatar),
    }


def _consents(profile: LearnerProfile | None) -> list[dict]:
    if profile is None:
        return []
    return [
        {
            "consent": "counted_in_statistics",
            "given": profile.counted_in_statistics,
            "recorded_at": _when(profile.updated_at),
        }
    ]


def _session(session) -> dict:
    return {
        "id": session.pk,
        "course": session.course.title,
        "starts_at": _when(session.starts_at),
        # An always-open self-paced run has no end: its far-off stored date means nothing.
        "ends_at": None if session.is_always_open else _when(session.ends_at),
        "always_open": session.is_always_open,
        "mode": session.mode,
    }


def _enrollment(enrollment: Enrollment) -> dict:
    invitation = getattr(enrollment, "survey_invitation", None)
    completion = getattr(enrollment, "survey_completion", None)
    return {
        "id": enrollment.pk,
        "session": _session(enrollment.session),
        "status": enrollment.status,
        "requested_at": _when(enrollment.created_at),
        "status_changed_at": _when(enrollment.status_changed_at),
        "seat_held_until": _when(enrollment.seat_held_until),
        "reason": enrollment.reason,
        "reminder_sent_at": _when(enrollment.reminded_at),
        "attendance": [
            {"day": record.day.isoformat(), "source": record.source}
            for record in sorted(enrollment.attendance.all(), key=lambda record: record.day)
        ],
        "survey_invited_at": _when(invitation.invited_at) if invitation else None,
        "survey_reminded_at": _when(invitation.reminded_at) if invitation else None,
        "survey_answered_at": _when(completion.answered_at) if completion else None,
    }


def _response(response: SurveyResponse) -> dict:
    questions = {block.id: block for block in response.template.questions}
    answers = []
    for question_id, value in response.answers.items():
        block = questions.get(question_id)
        answers.append(
            {
                "question": block.value["label"] if block else question_id,
                "answer": _readable_answer(block, value),
            }
        )
    return {
        "session": _session(response.session),
        "submitted_at": _when(response.submitted_at),
        "language": response.language,
        "overall_rating": response.overall_rating,
        "answers": answers,
    }


def _readable_answer(block, value):
    """A choice is stored as the option's position: the copy shows the option's text."""
    if block is None or block.block_type not in ("single_choice", "multiple_choice"):
        return value
    options = list(block.value["options"])
    positions = value if isinstance(value, list) else [value]
    texts = [options[i] if isinstance(i, int) and 0 <= i < len(options) else i for i in positions]
    return texts if isinstance(value, list) else texts[0]


def _certificate(certificate: Certificate) -> dict:
    return {
        "code": certificate.code,
        "verification_url": verification_url(certificate),
        "printed_name": certificate.printed_name,
        "name_confirmed_at": _when(certificate.name_confirmed_at),
        "course": certificate.course_title,
        "language": certificate.language,
        "starts_on": certificate.starts_on.isoformat(),
        "ends_on": certificate.ends_on.isoformat(),
        "hours": certificate.hours,
        "issued_at": _when(certificate.issued_at),
        "revoked_at": _when(certificate.revoked_at),
        "revocation_reason": certificate.revocation_reason,
    }


def _live(user: User) -> dict:
    questions = Question.objects.filter(author=user).select_related("room__session__course")
    votes = QuestionVote.objects.filter(user=user).select_related("question")
    ballots = (
        PollVote.objects.filter(user=user)
        .select_related("poll__room__session__course")
        .prefetch_related("options")
    )
    presences = OnlinePresence.objects.filter(user=user).select_related("room__session__course")
    announcements = Announcement.objects.filter(author=user).select_related("room__session__course")
    return {
        "questions": [
            {
                "session": _session(question.room.session),
                "text": question.text,
                "anonymous": question.anonymous,
                "status": question.status,
                "answered": question.answered,
                "votes": question.votes,
                "asked_at": _when(question.created_at),
            }
            for question in questions.order_by("created_at", "pk")
        ],
        "question_votes": [
            {"question": vote.question.text, "voted_at": _when(vote.created_at)}
            for vote in votes.order_by("created_at", "pk")
        ],
        "poll_votes": [
            {
                "session": _session(ballot.poll.room.session),
                "poll": ballot.poll.question,
                "answers": [option.text for option in ballot.options.all()],
                "voted_at": _when(ballot.created_at),
            }
            for ballot in ballots.order_by("created_at", "pk")
        ],
        "announcements": [
            {
                "session": _session(announcement.room.session),
                "text": announcement.text,
                "made_at": _when(announcement.created_at),
            }
            for announcement in announcements.order_by("created_at", "pk")
        ],
        "time_connected": [
            {
                "session": _session(presence.room.session),
                "day": presence.day.isoformat(),
                "seconds": presence.seconds,
            }
            for presence in presences.order_by("day", "pk")
        ],
    }


def _titles(model, keys, language: str) -> dict:
    """The title of each page of `model` by translation key: in `language` where the page
    is translated, else in any language. One query."""
    titles: dict = {}
    pages = model.objects.filter(translation_key__in=set(keys)).select_related("locale")
    for page in pages.only("translation_key", "title", "locale__language_code"):
        if page.translation_key not in titles or page.locale.language_code == language:
            titles[page.translation_key] = page.title
    return titles


def _learning(user: User, profile: LearnerProfile | None) -> dict:
    """Lessons followed, quizzes answered and discussion messages written, with the course
    and lesson titles in the person's language where they are translated."""
    progress = list(LessonProgress.objects.filter(user=user).order_by("opened_at", "pk"))
    attempts = list(
        QuizAttempt.objects.filter(user=user)
        .prefetch_related("answers")
        .order_by("submitted_at", "pk")
    )
    posts = list(Post.objects.filter(author=user).order_by("created_at", "pk"))
    rows = [*progress, *attempts, *posts]
    language = (profile.preferred_language if profile else "") or get_language()
    courses = _titles(CoursePage, {row.course_key for row in rows}, language)
    lessons = _titles(LessonPage, {row.lesson_key for row in rows}, language)

    def where(row) -> dict:
        return {
            "course": courses.get(row.course_key, str(row.course_key)),
            "lesson": lessons.get(row.lesson_key, str(row.lesson_key)),
        }

    return {
        "lesson_progress": [
            {
                **where(row),
                "first_opened_at": _when(row.opened_at),
                "last_seen_at": _when(row.seen_at),
                "done_at": _when(row.done_at),
                "done_by": row.done_by,
                "video_position_seconds": row.video_position,
            }
            for row in progress
        ],
        "quiz_attempts": [
            {
                **where(attempt),
                "attempt": attempt.number,
                "graded": attempt.graded,
                "score_percent": attempt.score_percent,
                "passed": attempt.passed,
                "language": attempt.language,
                "submitted_at": _when(attempt.submitted_at),
                "answers": [
                    {
                        "question": answer.question_id,
                        "answer": answer.response,
                        "correct": answer.correct,
                    }
                    for answer in sorted(attempt.answers.all(), key=lambda answer: answer.pk)
                ],
            }
            for attempt in attempts
        ],
        "discussion_posts": [
            {
                **where(post),
                "text": post.text,
                "reply": post.parent_id is not None,
                "anonymous": post.anonymous,
                "status": post.status,
                "votes": post.votes,
                "written_at": _when(post.created_at),
            }
            for post in posts
        ],
        "discussion_votes": [
            {"post": vote.post.text, "voted_at": _when(vote.created_at)}
            for vote in PostVote.objects.filter(user=user)
            .select_related("post")
            .order_by("created_at", "pk")
        ],
        "discussion_reports": [
            {"post": report.post.text, "reason": report.reason, "at": _when(report.created_at)}
            for report in PostReport.objects.filter(user=user)
            .select_related("post")
            .order_by("created_at", "pk")
        ],
    }


# --- erasure ------------------------------------------------------------------------------


def account_delete(user: User, *, certificates: str) -> User:
    """Erase a person's account, in one transaction.

    The account's row stays, emptied, as the anonymous stand-in of the person in the
    centre's figures. Reports count distinct people and split them by gender and country:
    deleting the row (or pointing every erased person at one shared row) would change the
    number of participants, the audience, the share of women and the countries reached
    for years already reported. So what stays is what the figures need and nothing that
    names anyone:

    - the row: no name, an address at erased.invalid, no password, inactive, no roles;
    - the learner profile: country and gender only, and only if the person consented to
      be counted in the statistics (otherwise the reports never read it: it goes);
    - enrollments, attendance, time connected to live rooms, votes and poll ballots: the
      facts behind participations, completion, the seminar audience and poll results;
    - survey responses: a named response loses its link to the enrollment, its time and
      its free-text answers, and becomes like an anonymous one, so satisfaction holds.

    - discussion messages in lessons: they stay in their threads, for the replies others
      wrote to them, anonymous and with their text replaced by a "deleted" note.

    Gone: email addresses, two-factor devices, the admin profile, what partners' systems
    tied to the account (identity providers' accounts and the profile details taken from
    them, LMS identities and gradebook links, the learning records' pseudonym and the
    statements not yet sent: accounts.personal_data), live-room questions
    (their text is also blanked in the room's event log), free text written about the
    person on their enrollments, lesson progress, quiz attempts and their answers, votes
    for and reports of discussion messages. Seats still held or awaited are given back, and a
    session's waiting list moves up.

    Certificates are the centre's record of what it certified. `certificates="keep"`
    leaves them valid under the name printed on them, so a certificate already handed to
    an employer still verifies. `"revoke"` revokes them at the holder's request and
    erases the printed name: the public page then says revoked and names nobody (and the
    centre's count of valid certificates goes down, as it should)."""
    if certificates not in CERTIFICATE_CHOICES:
        raise ValueError(f"certificates must be one of {CERTIFICATE_CHOICES}, not {certificates!r}")
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        refusal = erasure_refusal(user)
        if refusal:
            raise PrivacyError(refusal)
        _settle_enrollments(user)
        _erase_certificates(user, certificates)
        _erase_live_questions(user)
        _erase_learning(user)
        _erase_named_responses(user)
        _erase_profile(user)
        for part in personal_data():
            part.erase(user)
        Enrollment.objects.filter(user=user).exclude(reason="").update(reason="")
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        UserProfile.objects.filter(user=user).delete()
        user.groups.clear()
        user.user_permissions.clear()
        user.email = f"erased-{uuid.uuid4().hex}@{ERASED_EMAIL_DOMAIN}"
        user.first_name = user.last_name = ""
        # A new password hash also ends every session the person had open elsewhere.
        user.set_unusable_password()
        user.is_active = False
        user.is_staff = user.is_superuser = False
        user.last_login = None
        user.save()
    return user


def _settle_enrollments(user: User) -> None:
    """Give back seats in sessions still to come; in ended sessions, settle completion now,
    while the person's name is known, so an earned certificate carries it."""
    now = timezone.now()
    # Erasing the account gives back the seats it waits for or holds.
    open_enrollments = Enrollment.objects.filter(user=user).open()
    for enrollment in open_enrollments.filter(session__ends_at__gt=now).select_related("session"):
        try:
            enrollment_cancel(enrollment=enrollment)
        except EnrollmentError:
            continue
    ended = open_enrollments.filter(session__ends_at__lte=now).select_related(
        "session__course", "session__site", "user"
    )
    for enrollment in ended:
        completion_evaluate(enrollment=enrollment, now=now)


def _erase_certificates(user: User, certificates: str) -> None:
    if certificates != REVOKE:
        return
    held = Certificate.objects.filter(enrollment__user=user)
    for certificate in held.filter(revoked_at__isnull=True):
        certificate_revoke(
            certificate=certificate,
            by=None,
            reason=RevocationReason.HOLDER_REQUEST,
            note="Account erased at the holder's request.",
        )
    held.update(printed_name="")


def _erase_live_questions(user: User) -> None:
    questions = list(Question.objects.filter(author=user).values_list("pk", "room_id"))
    if not questions:
        return
    ids = [pk for pk, _room in questions]
    rooms = {room for _pk, room in questions}
    events = Event.objects.filter(room_id__in=rooms, kind__startswith="question.").filter(
        Q(data__id__in=ids) | Q(moderator_data__id__in=ids)
    )
    for event in events:
        event.data = _blank_question(event.data)
        event.moderator_data = _blank_question(event.moderator_data)
        event.save(update_fields=["data", "moderator_data"])
    Question.objects.filter(pk__in=ids).delete()


def _erase_learning(user: User) -> None:
    """Lesson progress and quiz attempts go (with their answers). Discussion messages stay
    in their threads, as other people replied to them, voted for them and accepted them,
    but without the person: anonymous, their text replaced by a note in the language of
    the lesson they were written on. The person's votes and reports go, and the counters
    on the messages they were given to move with them."""
    LessonProgress.objects.filter(user=user).delete()
    QuizAttempt.objects.filter(user=user).delete()
    for language in Post.objects.filter(author=user).values_list("language", flat=True).distinct():
        with override(language or settings.LANGUAGE_CODE):
            note = _("[message deleted by its author]")
        Post.objects.filter(author=user, language=language).update(text=note, anonymous=True)
    voted = list(PostVote.objects.filter(user=user).values_list("post_id", flat=True))
    if voted:
        PostVote.objects.filter(user=user).delete()
        Post.objects.filter(pk__in=voted).update(votes=Greatest(F("votes") - 1, 0))
    reported = list(PostReport.objects.filter(user=user).values_list("post_id", flat=True))
    if reported:
        PostReport.objects.filter(user=user).delete()
        # `reports` counts reports awaiting review: one already reviewed (0) stays at 0.
        Post.objects.filter(pk__in=reported).update(reports=Greatest(F("reports") - 1, 0))


def _blank_question(data: dict | None) -> dict | None:
    if not data:
        return data
    blanked = dict(data)
    if "text" in blanked:
        blanked["text"] = ""
    if "author" in blanked:
        blanked["author"] = None
    return blanked


def _erase_named_responses(user: User) -> None:
    for response in SurveyResponse.objects.filter(enrollment__user=user).select_related("template"):
        free_text = {
            block.id for block in response.template.questions if block.block_type == "text"
        }
        response.answers = {
            key: value for key, value in response.answers.items() if key not in free_text
        }
        response.enrollment = None
        response.submitted_at = None
        response.save(update_fields=["answers", "enrollment", "submitted_at"])


def _erase_profile(user: User) -> None:
    profile = LearnerProfile.objects.filter(user=user).first()
    if profile is None:
        return
    if not profile.counted_in_statistics:
        profile.delete()
        return
    profile.organisation = ""
    profile.sector = ""
    profile.year_of_birth = None
    profile.preferred_language = settings.LANGUAGE_CODE
    profile.save()


# --- retention ----------------------------------------------------------------------------


def retention_cutoff(now: datetime | None = None) -> datetime | None:
    """Accounts not seen since this moment are due for erasure; None: retention is off."""
    days = settings.PRIVACY_RETENTION_DAYS
    if not days:
        return None
    return (now or timezone.now()) - timedelta(days=days)


def inactive_accounts(now: datetime | None = None) -> QuerySet[User]:
    """Learner accounts not logged in (or, never logged in, created) before the cutoff.
    Staff, trainers and administrators are never erased automatically."""
    cutoff = retention_cutoff(now)
    if cutoff is None:
        return User.objects.none()
    other_roles = User.groups.through.objects.filter(user=OuterRef("pk")).exclude(
        group__name=LEARNER
    )
    trains = Trainer.objects.filter(user=OuterRef("pk"))
    return (
        User.objects.filter(is_staff=False, is_superuser=False)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
        .exclude(email__endswith="@" + ERASED_EMAIL_DOMAIN)
        .exclude(Exists(other_roles))
        .exclude(Exists(trains))
        .order_by("pk")
    )


@dataclass
class Purge:
    cutoff: datetime | None
    erased: list[int] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)


def inactive_accounts_purge(now: datetime | None = None) -> Purge:
    """Erase every inactive account, each in its own transaction, so one failure leaves
    the others done. Their certificates stay valid: they are the centre's record. Their
    learning records go as account_delete says (lesson progress, quiz attempts, votes and
    reports deleted; discussion messages kept anonymous): a lesson's progress or a quiz
    attempt is not itself purged by age, only with the account it belongs to."""
    purge = Purge(cutoff=retention_cutoff(now))
    for user in inactive_accounts(now):
        try:
            account_delete(user, certificates=KEEP)
        except Exception as error:  # reported by the command; the next run retries
            purge.failed.append((user.pk, str(error)))
        else:
            purge.erased.append(user.pk)
    return purge
