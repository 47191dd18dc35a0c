"""Reads for LTI launches: what a link opens, in which language, the courses a teacher can
pick for their LMS, and the result a learner's gradebook column shows."""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.formats import date_format

from certificates.models import Certificate
from courses.models import CoursePage, TrainingSession
from courses.selectors import localize, reader_first, with_language
from learning.selectors.progress import course_lessons, lessons_done_percent
from learning.selectors.quizzes import quiz_score_percent
from lti.models import LtiGradeLink, LtiIdentity, LtiPlatform

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def language_of(locale: str | None) -> str:
    """The platform's language for an LMS locale (`fr-CA`, `zh_CN`, `ar`...), else English."""
    code = (locale or "").strip().replace("_", "-").lower()
    if code.startswith("zh"):
        return "zh-hans"
    base = code.split("-")[0]
    return base if base in LANGUAGE_CODES else "en"


def launch_target(custom: dict) -> tuple[CoursePage | None, TrainingSession | None]:
    """The course and session a link names with its custom parameters: `session` (a
    training session's number: a self-paced run or a dated session and its live room) or
    `course` (the course's translation key, or the number of any of its pages)."""
    session_id = str(custom.get("session") or "").strip()
    if session_id:
        session = (
            TrainingSession.objects.published().filter(pk=session_id).first()
            if session_id.isdigit()
            else None
        )
        return (session.course, session) if session else (None, None)
    course_ref = str(custom.get("course") or "").strip()
    courses = CoursePage.objects.live()
    if course_ref.isdigit():
        return courses.filter(pk=course_ref).first(), None
    try:
        key = uuid.UUID(course_ref)
    except ValueError:
        return None, None
    return courses.filter(translation_key=key).order_by("pk").first(), None


def course_in(course: CoursePage, language: str) -> CoursePage:
    """The course's live translation in `language`, else the course itself."""
    return (
        CoursePage.objects.live()
        .filter(translation_key=course.translation_key, locale__language_code=language)
        .first()
        or course
    )


def open_self_paced_run(course: CoursePage) -> TrainingSession | None:
    """The self-paced run of the course a learner can enroll in now."""
    return (
        TrainingSession.objects.for_course(course)
        .self_paced()
        .open_for_enrollment()
        .order_by("starts_at")
        .first()
    )


@dataclass
class Choice:
    """A course, or one of its sessions, a teacher can put in their LMS."""

    course: CoursePage
    session: TrainingSession | None = None

    @property
    def value(self) -> str:
        return f"session-{self.session.pk}" if self.session else f"course-{self.course.pk}"

    @property
    def title(self) -> str:
        if self.session is None:
            return self.course.title
        if self.session.is_self_paced:
            return f"{self.course.title} · {self.session.get_mode_display()}"
        when = date_format(self.session.local_starts_at, "DATE_FORMAT")
        return f"{self.course.title} · {self.session.get_mode_display()} · {when}"


def deep_linking_choices(language: str) -> list[Choice]:
    """Every published course in `language` where translated, each followed by its
    self-paced runs and the dated sessions still to come; two queries."""
    courses = reader_first(localize(with_language(CoursePage.objects.live()), language), language)
    sessions_by_course = {}
    for session in (
        TrainingSession.objects.published().upcoming(timezone.now()).order_by("starts_at")
    ):
        sessions_by_course.setdefault(session.course.translation_key, []).append(session)
    choices = []
    for course in courses:
        choices.append(Choice(course))
        choices += [Choice(course, s) for s in sessions_by_course.get(course.translation_key, [])]
    return choices


@dataclass
class CourseResult:
    score: int
    completed: bool


def course_result(user, course_key) -> CourseResult:
    """The score (0-100) and completion a gradebook column shows for the learner: the quiz
    score, or the share of lessons done in a course without graded quizzes; complete once
    a certificate was issued (and not revoked) or every lesson is done."""
    course = CoursePage.objects.filter(translation_key=course_key).order_by("pk").first()
    certified = Certificate.objects.filter(
        enrollment__user=user,
        enrollment__session__course__translation_key=course_key,
        revoked_at__isnull=True,
    ).exists()
    if course is None:
        return CourseResult(score=100 if certified else 0, completed=certified)
    has_lessons = course_lessons(course).exists()
    if not has_lessons:
        return CourseResult(score=100 if certified else 0, completed=certified)
    lessons = lessons_done_percent(user, course)
    graded = course_lessons(course).filter(graded=True).exists()
    score = quiz_score_percent(user, course) if graded else lessons
    return CourseResult(score=score, completed=certified or lessons >= 100)


def platforms_with_keys():
    return LtiPlatform.objects.filter(active=True).only("tool_private_key")


GRADE_LINKS_KEY = "lti:any-grade-link"
# A new link clears it at once; this bounds how long another process whose cache is its own
# (local memory) may go on believing there is none (its next score then catches up).
GRADE_LINKS_TIMEOUT = 60


def any_grade_link() -> bool:
    """Whether any learner came from an LMS that takes scores: until one has, what learners
    do costs no query here (the platform's busiest write is a quiz submission)."""
    found = cache.get(GRADE_LINKS_KEY)
    if found is None:
        found = LtiGradeLink.objects.exists()
        cache.set(GRADE_LINKS_KEY, found, GRADE_LINKS_TIMEOUT)
    return found


def forget_grade_links() -> None:
    cache.delete(GRADE_LINKS_KEY)


def personal_data_export(user) -> dict:
    """Who the person is in each LMS that launched them, and the gradebook columns their
    results go to."""
    platforms = {platform.pk: platform for platform in LtiPlatform.objects.all()}
    return {
        "identities": [
            {
                "platform": platforms[identity.platform_id].name,
                "issuer": platforms[identity.platform_id].issuer,
                "subject": identity.subject,
                "first_launch": identity.created_at.isoformat(),
            }
            for identity in LtiIdentity.objects.filter(user=user).order_by("pk")
        ],
        "gradebook_columns": [
            {
                "platform": platforms[link.platform_id].name,
                "course": str(link.course_key),
                "line_item": link.lineitem,
                "last_score_sent_at": link.last_sent_at.isoformat() if link.last_sent_at else None,
            }
            for link in LtiGradeLink.objects.filter(user=user).order_by("pk")
        ],
    }
