"""The events of each stage as xAPI events: reads what a statement needs (course, session,
platform, enrollment) from what the signal carries. Asked only while a store is active."""

from django.utils import timezone
from wagtail.models import Site

from certificates import links
from enrollment.models import Enrollment
from learning.selectors.progress import course_of
from xapi.statements import (
    ANSWERED,
    ASKED,
    ATTENDED,
    BADGE,
    COMPLETED,
    EARNED,
    FAILED,
    PASSED,
    REGISTERED,
    Activities,
    Event,
    activity,
    poll_response,
    quiz_result,
    registration_of,
)


def _session_context(enrollment_or_session):
    session = getattr(enrollment_or_session, "session", enrollment_or_session)
    site = session.site
    return session, site, Activities(site.root_url)


def registered(enrollment) -> list[Event]:
    session, site, activities = _session_context(enrollment)
    language = session.language
    return [
        Event(
            user=enrollment.user,
            site=site,
            verb=REGISTERED,
            object=activities.session(session, language),
            language=language,
            timestamp=enrollment.status_changed_at or timezone.now(),
            parent=[activities.course(session.course, language)],
            registration=registration_of(site.root_url, enrollment.pk),
        )
    ]


def attended(enrollment) -> list[Event]:
    session, site, activities = _session_context(enrollment)
    language = session.language
    return [
        Event(
            user=enrollment.user,
            site=site,
            verb=ATTENDED,
            object=activities.session(session, language),
            language=language,
            timestamp=timezone.now(),
            parent=[activities.course(session.course, language)],
            registration=registration_of(site.root_url, enrollment.pk),
        )
    ]


def _room_event(*, user, session, verb, make_object, result=None) -> list[Event]:
    site = session.site
    activities = Activities(site.root_url)
    language = session.language
    enrollment = Enrollment.objects.filter(user=user, session=session).active().only("pk").first()
    return [
        Event(
            user=user,
            site=site,
            verb=verb,
            object=make_object(activities, language),
            language=language,
            timestamp=timezone.now(),
            result=result,
            parent=[activities.session(session, language)],
            grouping=[activities.course(session.course, language)],
            registration=registration_of(site.root_url, enrollment.pk) if enrollment else None,
        )
    ]


def asked(question) -> list[Event]:
    session = question.room.session
    return _room_event(
        user=question.author,
        session=session,
        verb=ASKED,
        make_object=lambda activities, language: activities.question(question, language),
    )


def answered_poll(poll, user, options) -> list[Event]:
    session = poll.room.session
    all_options = list(poll.options.order_by("position", "pk"))
    return _room_event(
        user=user,
        session=session,
        verb=ANSWERED,
        make_object=lambda activities, language: activities.poll(poll, all_options, language),
        result={"response": poll_response(options), "completion": True},
    )


def _lesson_event(*, user, lesson, verb, make_object, result) -> list[Event]:
    course = course_of(lesson)
    site = lesson.get_site() or Site.objects.get(is_default_site=True)
    activities = Activities(site.root_url)
    language = lesson.locale.language_code
    enrollment = (
        Enrollment.objects.filter(
            user=user, session__course__translation_key=course.translation_key
        )
        .active()
        .select_related("session__course", "session__site")
        .order_by("-created_at")
        .first()
    )
    grouping = []
    registration = None
    if enrollment is not None:
        grouping = [activities.session(enrollment.session, enrollment.session.language)]
        registration = registration_of(site.root_url, enrollment.pk)
    return [
        Event(
            user=user,
            site=site,
            verb=verb,
            object=make_object(activities, language),
            language=language,
            timestamp=timezone.now(),
            result=result,
            parent=[activities.course(course, language)],
            grouping=grouping,
            registration=registration,
        )
    ]


def lesson_completed(user, lesson) -> list[Event]:
    return _lesson_event(
        user=user,
        lesson=lesson,
        verb=COMPLETED,
        make_object=lambda activities, language: activities.lesson(lesson, language),
        result={"completion": True},
    )


def quiz_graded(attempt, lesson) -> list[Event]:
    return _lesson_event(
        user=attempt.user,
        lesson=lesson,
        verb=PASSED if attempt.passed else FAILED,
        make_object=lambda activities, language: activities.quiz(lesson, language),
        result=quiz_result(score_percent=attempt.score_percent, passed=attempt.passed),
    )


def course_completed(certificate) -> list[Event]:
    """Completing the course and earning its certificate: two statements."""
    enrollment = certificate.enrollment
    session, site, activities = _session_context(enrollment)
    language = certificate.language
    course = session.course
    registration = registration_of(site.root_url, enrollment.pk)
    now = certificate.issued_at or timezone.now()
    common = {
        "user": enrollment.user,
        "site": site,
        "language": language,
        "timestamp": now,
        "registration": registration,
    }
    course_activity = activities.course(course, language)
    return [
        Event(
            verb=COMPLETED,
            object=course_activity,
            result={"completion": True, "success": True},
            grouping=[activities.session(session, session.language)],
            **common,
        ),
        Event(
            verb=EARNED,
            object=activity(
                links.credential_id(certificate), BADGE, certificate.course_title, language
            ),
            parent=[course_activity],
            grouping=[activities.session(session, session.language)],
            **common,
        ),
    ]
