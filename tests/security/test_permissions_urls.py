"""Who may open what: every URL of the platform, asked by anonymous visitors, learner A
(who owns the records), learner B (same session), the session's trainer, another trainer
and an administrator, against one table of expected outcomes; and what B or the other
trainer receive never carries A's e-mail, name or private text."""

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

from accounts.factories import DEFAULT_PASSWORD, UserFactory
from tests.security.conftest import (
    A_COMMENT,
    A_EMAIL,
    A_NAME,
    A_ORGANISATION,
    A_QUESTION,
    ANONYMOUS_COMMENT,
    ROLES,
    World,
)

pytestmark = pytest.mark.django_db

# Outcomes: a status code, or "→<url name>" for a redirect to that page.
OK = "200"
LOGIN = "→account_login"
NOT_FOUND = "404"
FORBIDDEN = "403"
NOT_ALLOWED = "405"
# Wagtail's admin sends a signed-in person without admin access to the home page, and
# one with admin access but not the permission a page needs to the admin's dashboard,
# each with a message.
HOME = "→wagtail_serve"
NO_ADMIN = HOME
ADMIN_HOME = "→wagtailadmin_home"
# Where log-in sends someone already logged in.
MY_LEARNING = "→enrollment:my_learning"
# A lesson page (served by Wagtail), where the discussion's forms lead back to.
LESSON = "→wagtail_serve"


@dataclass
class Row:
    """One address (by URL name) asked with one method, and the outcome for each role in
    the order of ROLES: anonymous, learner A, learner B, the session's trainer, another
    trainer, an administrator."""

    name: str
    method: str
    url: Callable[[World], str]
    outcomes: tuple[str, ...]
    data: Callable[[World], dict] | None = None
    label: str = ""
    known: dict[str, str] = field(default_factory=dict)  # role -> reason (strict xfail)

    @property
    def id(self) -> str:
        return f"{self.label or self.name} {self.method}"


def url(name: str, *args: Callable[[World], object]) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[arg(w) for arg in args])


def session(w):
    return w.session.pk


def other_session(w):
    return w.other_session.pk


def enrollment_a(w):
    return w.enrollment_a.pk


def quiz_lesson(w):
    """A graded lesson of one true/false question in the course, made on first use (each
    test rolls back what it made)."""
    from learning.factories import LessonPageFactory, ModulePageFactory
    from learning.models import LessonPage

    lesson = LessonPage.objects.descendant_of(w.course).filter(slug="quiz-lesson").first()
    if lesson is None:
        question = {"prompt": "<p>Water is wet.</p>", "answer": True}
        lesson = LessonPageFactory(
            parent=ModulePageFactory(parent=w.course),
            slug="quiz-lesson",
            graded=True,
            questions=[("true_false", question)],
        )
    return lesson


def quiz_field(w) -> str:
    return f"q-{quiz_lesson(w).questions[0].id}"


def attempt_a(w):
    """Learner A's attempt at the quiz lesson."""
    from learning.models import QuizAttempt

    lesson = quiz_lesson(w)
    attempt, _created = QuizAttempt.objects.get_or_create(
        user=w.users["learner"],
        lesson_key=lesson.translation_key,
        number=1,
        defaults={
            "course_key": w.course.translation_key,
            "token": uuid.uuid4(),
            "score_percent": 100,
            "passed": True,
            "language": "en",
        },
    )
    return attempt.pk


def post(w):
    return w.post_id


def video_meeting(w):
    """The session's video meeting (an external link), made on first use."""
    from conferencing.models import VideoMeeting

    return VideoMeeting.objects.get_or_create(session=w.session)[0].pk


def everyone(outcome: str) -> tuple[str, ...]:
    return (outcome,) * 6


def signed_in(anonymous: str, others: str) -> tuple[str, ...]:
    return (anonymous, *(others,) * 5)


def lesson(w):
    """A lesson of the course, added on first use (each test's changes are rolled back)."""
    from learning.factories import LessonPageFactory, ModulePageFactory

    return LessonPageFactory(parent=ModulePageFactory(parent=w.course))


def lesson_id(w):
    return lesson(w).pk


def course_id(w):
    return w.course.pk


def identity_provider(protocol: str):
    """A partner's identity provider offered on the platform, made on first use; its
    addresses answer without reaching the partner (none is running here)."""

    def slug(w):
        from sso.models import IdentityProvider
        from tests.sso.saml_idp import certificate_pem

        found = IdentityProvider.objects.filter(slug=f"partner-{protocol}").first()
        if found is None:
            found = IdentityProvider.objects.create(
                name="Partner",
                slug=f"partner-{protocol}",
                protocol=protocol,
                issuer_url="http://127.0.0.1:9/o",
                client_id="platform",
                client_secret="secret",
                idp_entity_id="https://idp.partner.example/saml",
                idp_sso_url="https://idp.partner.example/saml/sso",
                idp_certificate=certificate_pem() if protocol == "saml" else "",
            )
            found.sites.add(w.home.get_site())
        return found.slug

    return slug


def identity_provider_id(w):
    from sso.models import IdentityProvider

    return IdentityProvider.objects.get(slug=identity_provider("oidc")(w)).pk


def oidc_url(name):
    return lambda w: reverse(name, kwargs={"provider_id": identity_provider("oidc")(w)})


def saml_url(name):
    return lambda w: reverse(name, kwargs={"organization_slug": identity_provider("saml")(w)})


#                           anonymous  learner A  learner B  trainer  other trainer  admin
OWNER_ONLY = (LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
ROSTER = (LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, OK)
ADMIN_ONLY = (LOGIN, NO_ADMIN, NO_ADMIN, ADMIN_HOME, ADMIN_HOME, OK)
STAFF_ADMIN = (LOGIN, NO_ADMIN, NO_ADMIN, OK, OK, OK)

TABLE: list[Row] = [
    # --- language-neutral endpoints ---------------------------------------------------------
    Row("healthz", "GET", url("healthz"), everyone(OK)),
    Row("favicon", "GET", url("favicon"), everyone("→/static/cms/favicon.ico")),
    Row(
        "wagtaildocs_serve",
        "GET",
        lambda w: reverse("wagtaildocs_serve", args=[999999, "missing.pdf"]),
        everyone(NOT_FOUND),
    ),
    Row(
        "wagtaildocs_authenticate_with_password",
        "GET",
        url("wagtaildocs_authenticate_with_password", lambda w: 999999),
        everyone(NOT_FOUND),
    ),
    Row("wagtailapi:pages:listing", "GET", url("wagtailapi:pages:listing"), everyone(OK)),
    Row(
        "wagtailapi:pages:detail",
        "GET",
        url("wagtailapi:pages:detail", lambda w: w.course.pk),
        everyone(OK),
    ),
    Row(
        "wagtailapi:pages:find",
        "GET",
        lambda w: reverse("wagtailapi:pages:find") + "?html_path=/",
        everyone("→wagtailapi:pages:detail"),
    ),
    Row("wagtailapi:images:listing", "GET", url("wagtailapi:images:listing"), everyone(OK)),
    Row(
        "wagtailapi:images:detail",
        "GET",
        url("wagtailapi:images:detail", lambda w: 999999),
        everyone(NOT_FOUND),
    ),
    Row("wagtailapi:images:find", "GET", url("wagtailapi:images:find"), everyone(NOT_FOUND)),
    Row("wagtailapi:documents:listing", "GET", url("wagtailapi:documents:listing"), everyone(OK)),
    Row(
        "wagtailapi:documents:detail",
        "GET",
        url("wagtailapi:documents:detail", lambda w: 999999),
        everyone(NOT_FOUND),
    ),
    Row(
        "wagtailapi:documents:find",
        "GET",
        url("wagtailapi:documents:find"),
        everyone(NOT_FOUND),
    ),
    Row("courses_api:session-list", "GET", url("courses_api:session-list"), everyone(OK)),
    Row(
        "courses_api:session-detail",
        "GET",
        url("courses_api:session-detail", session),
        everyone(OK),
    ),
    Row("courses_api:schema", "GET", url("courses_api:schema"), everyone(OK)),
    # The live room's HTTP fallback: participants of the session and its moderators.
    Row(
        "live_api:events",
        "GET",
        url("live_api:events", session),
        ("401", OK, OK, OK, FORBIDDEN, OK),
    ),
    Row(
        "live_api:actions",
        "POST",
        url("live_api:actions", session),
        ("401", FORBIDDEN, FORBIDDEN, "400", FORBIDDEN, "400"),
        data=lambda w: {"action": "moderate", "question": w.question_id, "do": "nonsense"},
        label="live_api:actions (a moderation)",
    ),
    # Certificates: public verification by code.
    Row(
        "certificates_api:verify",
        "GET",
        lambda w: reverse("certificates_api:verify", args=[w.certificate_code]),
        everyone(OK),
    ),
    Row(
        "certificates_api:status",
        "GET",
        lambda w: reverse("certificates_api:status", args=[w.certificate_code]),
        everyone(OK),
    ),
    Row(
        "certificates_api:status_list",
        "GET",
        lambda w: reverse("certificates_api:status_list", args=[0]),
        everyone(OK),
    ),
    Row(
        "certificates_api:status_list",
        "POST",
        lambda w: reverse("certificates_api:status_list", args=[0]),
        everyone(NOT_ALLOWED),
    ),
    Row("certificates_well_known:did", "GET", url("certificates_well_known:did"), everyone(OK)),
    Row(
        "certificates_well_known:did",
        "POST",
        url("certificates_well_known:did"),
        everyone(NOT_ALLOWED),
    ),
    Row("certificates_api:issuer", "GET", url("certificates_api:issuer"), everyone(OK)),
    Row("certificates_api:jwks", "GET", url("certificates_api:jwks"), everyone(OK)),
    Row("certificates_api:check", "GET", url("certificates_api:check"), everyone(NOT_ALLOWED)),
    # --- accounts (allauth) -------------------------------------------------------------
    Row("account_login", "GET", url("account_login"), signed_in(OK, MY_LEARNING)),
    Row("account_logout", "GET", url("account_logout"), signed_in("→wagtail_serve", OK)),
    Row("account_inactive", "GET", url("account_inactive"), everyone(OK)),
    Row("account_signup", "GET", url("account_signup"), signed_in(OK, MY_LEARNING)),
    Row("account_reauthenticate", "GET", url("account_reauthenticate"), signed_in(LOGIN, OK)),
    Row("account_email", "GET", url("account_email"), signed_in(LOGIN, OK)),
    Row(
        "account_email_verification_sent",
        "GET",
        url("account_email_verification_sent"),
        everyone(OK),
    ),
    Row("account_change_password", "GET", url("account_change_password"), signed_in(LOGIN, OK)),
    Row(
        "account_set_password",
        "GET",
        url("account_set_password"),
        signed_in(LOGIN, "→account_change_password"),
    ),
    Row("account_reset_password", "GET", url("account_reset_password"), everyone(OK)),
    Row(
        "account_confirm_login_code",
        "GET",
        url("account_confirm_login_code"),
        signed_in(LOGIN, MY_LEARNING),
    ),
    Row(
        "account_confirm_email",
        "GET",
        lambda w: reverse("account_confirm_email", args=["not-a-key"]),
        everyone(OK),
    ),
    Row(
        "account_reset_password_from_key_done",
        "GET",
        url("account_reset_password_from_key_done"),
        everyone(OK),
    ),
    Row(
        "account_reset_password_from_key",
        "GET",
        lambda w: reverse("account_reset_password_from_key", args=["1", "not-a-key"]),
        everyone(OK),
    ),
    Row("account_reset_password_done", "GET", url("account_reset_password_done"), everyone(OK)),
    # --- Single sign-on: allauth's pages and the partners' addresses ----------------------
    # A log-in through a partner starts with a post; a get asks to confirm.
    Row("openid_connect_login", "GET", oidc_url("openid_connect_login"), everyone(OK)),
    Row("saml_login", "GET", saml_url("saml_login"), everyone(OK)),
    # Called without the state a log-in started: allauth's error page.
    Row("openid_connect_callback", "GET", oidc_url("openid_connect_callback"), everyone("401")),
    Row("saml_acs", "POST", saml_url("saml_acs"), everyone("→saml_finish_acs")),
    Row("saml_finish_acs", "GET", saml_url("saml_finish_acs"), everyone("401")),
    Row("saml_sls", "GET", saml_url("saml_sls"), everyone("400")),
    Row("saml_metadata", "GET", saml_url("saml_metadata"), everyone(OK)),
    Row(
        "socialaccount_login_cancelled",
        "GET",
        url("socialaccount_login_cancelled"),
        everyone(OK),
    ),
    Row("socialaccount_login_error", "GET", url("socialaccount_login_error"), everyone("401")),
    Row("socialaccount_signup", "GET", url("socialaccount_signup"), everyone(LOGIN)),
    Row("socialaccount_connections", "GET", url("socialaccount_connections"), signed_in(LOGIN, OK)),
    Row("mfa_index", "GET", url("mfa_index"), signed_in(LOGIN, OK)),
    Row("mfa_authenticate", "GET", url("mfa_authenticate"), signed_in(LOGIN, MY_LEARNING)),
    Row(
        "mfa_reauthenticate",
        "GET",
        url("mfa_reauthenticate"),
        signed_in(LOGIN, "→account_reauthenticate"),
    ),
    Row(
        "mfa_activate_totp",
        "GET",
        url("mfa_activate_totp"),
        signed_in(LOGIN, "→account_reauthenticate"),
    ),
    Row("mfa_deactivate_totp", "GET", url("mfa_deactivate_totp"), signed_in(LOGIN, NOT_FOUND)),
    Row(
        "mfa_view_recovery_codes",
        "GET",
        url("mfa_view_recovery_codes"),
        signed_in(LOGIN, NOT_FOUND),
    ),
    Row(
        "mfa_generate_recovery_codes",
        "GET",
        url("mfa_generate_recovery_codes"),
        signed_in(LOGIN, "→account_reauthenticate"),
    ),
    Row(
        "mfa_download_recovery_codes",
        "GET",
        url("mfa_download_recovery_codes"),
        signed_in(LOGIN, NOT_FOUND),
    ),
    # --- catalog calendars ----------------------------------------------------------------
    Row("courses:session_ics", "GET", url("courses:session_ics", session), everyone(OK)),
    Row("courses:site_calendar", "GET", url("courses:site_calendar"), everyone(OK)),
    Row(
        "courses:theme_calendar",
        "GET",
        lambda w: reverse("courses:theme_calendar", args=[w.theme.slug]),
        everyone(OK),
    ),
    # --- enrollment: the learner's side ---------------------------------------------------
    Row(
        "enrollment:enroll",
        "GET",
        url("enrollment:enroll", other_session),
        # Staff accounts have no learner profile yet: they are asked for one first.
        (LOGIN, OK, OK, "→enrollment:profile", "→enrollment:profile", "→enrollment:profile"),
    ),
    Row("enrollment:my_learning", "GET", url("enrollment:my_learning"), signed_in(LOGIN, OK)),
    Row("enrollment:profile", "GET", url("enrollment:profile"), signed_in(LOGIN, OK)),
    Row("enrollment:cancel", "GET", url("enrollment:cancel", enrollment_a), OWNER_ONLY),
    Row(
        "enrollment:cancel",
        "POST",
        url("enrollment:cancel", enrollment_a),
        (LOGIN, "→enrollment:my_learning", *(NOT_FOUND,) * 4),
    ),
    Row(
        "enrollment:confirm_seat",
        "POST",
        url("enrollment:confirm_seat", enrollment_a),
        (LOGIN, "→enrollment:my_learning", *(NOT_FOUND,) * 4),
    ),
    Row("enrollment:check_in", "GET", url("enrollment:check_in"), signed_in(LOGIN, OK)),
    Row(
        "enrollment:check_in_code",
        "GET",
        lambda w: reverse("enrollment:check_in_code", args=["WRONGCODE"]),
        signed_in(LOGIN, OK),
    ),
    # --- enrollment: the trainer's side ---------------------------------------------------
    Row(
        "enrollment:my_sessions",
        "GET",
        url("enrollment:my_sessions"),
        (LOGIN, NOT_FOUND, NOT_FOUND, OK, OK, OK),
    ),
    Row("enrollment:roster", "GET", url("enrollment:roster", session), ROSTER),
    Row(
        "enrollment:roster_decide",
        "POST",
        url("enrollment:roster_decide", session),
        ROSTER,
        data=lambda w: {},
    ),
    Row(
        "enrollment:roster_attendance",
        "POST",
        url("enrollment:roster_attendance", session),
        (LOGIN, NOT_FOUND, NOT_FOUND, "→enrollment:roster", NOT_FOUND, "→enrollment:roster"),
        data=lambda w: {},
    ),
    Row("enrollment:roster_csv", "GET", url("enrollment:roster_csv", session), ROSTER),
    Row("enrollment:roster_xlsx", "GET", url("enrollment:roster_xlsx", session), ROSTER),
    Row(
        "enrollment:check_in_display",
        "GET",
        url("enrollment:check_in_display", session),
        ROSTER,
    ),
    # --- live room pages ------------------------------------------------------------------
    Row(
        "live:room",
        "GET",
        url("live:room", session),
        (LOGIN, OK, OK, OK, FORBIDDEN, OK),
    ),
    Row(
        "live:act",
        "POST",
        url("live:act", session),
        (LOGIN, "→live:room", "→live:room", "→live:room", FORBIDDEN, "→live:room"),
        data=lambda w: {"action": "vote", "question": w.question_id},
        label="live:act (a vote)",
    ),
    Row("live:console", "GET", url("live:console", session), ROSTER),
    Row(
        "live:settings",
        "POST",
        url("live:settings", session),
        (LOGIN, NOT_FOUND, NOT_FOUND, "400", NOT_FOUND, "400"),
        data=lambda w: {"video_url": "not a web address"},
    ),
    Row("live:projector", "GET", url("live:projector", session), ROSTER),
    # The broadcast: the session's trainers and administrators hold the stream key.
    Row(
        "live:stream_key",
        "POST",
        url("live:stream_key", session),
        (LOGIN, NOT_FOUND, NOT_FOUND, "→live:console", NOT_FOUND, "→live:console"),
        data=lambda w: {"do": "regenerate"},
    ),
    Row(
        "live:recording_lesson",
        "POST",
        url("live:recording_lesson", session, lambda w: 999_999),
        (LOGIN, *(NOT_FOUND,) * 5),
        label="live:recording_lesson (no such recording)",
    ),
    # The ingest's callbacks answer only nginx, which knows the token in their path; the
    # HLS files are named by the broadcast's unguessable playback id.
    Row(
        "live_broadcast:ingest",
        "POST",
        lambda w: reverse("live_broadcast:ingest", args=["0" * 32, "publish"]),
        everyone(FORBIDDEN),
        data=lambda w: {"name": "a guessed key"},
        label="live_broadcast:ingest (a wrong token)",
    ),
    Row(
        "live_broadcast:hls",
        "GET",
        lambda w: reverse("live_broadcast:hls", args=["1-nosuchbroadcast", "index.m3u8"]),
        everyone(NOT_FOUND),
    ),
    # --- video meetings: the session's learners holding a seat and its moderators ---------
    # The session ended: its page lists recordings; joining tells there is nothing to join.
    Row(
        "conferencing:meeting",
        "GET",
        url("conferencing:meeting", session),
        (LOGIN, OK, OK, OK, NOT_FOUND, OK),
    ),
    Row(
        "conferencing:join",
        "GET",
        url("conferencing:join", session),
        (LOGIN, OK, OK, OK, NOT_FOUND, OK),
    ),
    # The providers' callbacks answer only a signature made with the server's secret.
    Row(
        "conferencing_api:bbb_analytics",
        "POST",
        lambda w: reverse("conferencing_api:bbb_analytics", args=["bbb"]),
        everyone(FORBIDDEN),
        data=lambda w: {"meeting_id": "guessed", "data": {"attendees": []}},
        label="conferencing_api:bbb_analytics (unsigned)",
    ),
    Row(
        "conferencing_api:bbb_recording_ready",
        "POST",
        lambda w: reverse("conferencing_api:bbb_recording_ready", args=["bbb"]),
        everyone(FORBIDDEN),
        data=lambda w: {"signed_parameters": "not.a.token"},
        label="conferencing_api:bbb_recording_ready (unsigned)",
    ),
    Row(
        "conferencing_api:jitsi_events",
        "POST",
        lambda w: reverse("conferencing_api:jitsi_events", args=["jitsi", "occupant", "left"]),
        everyone(FORBIDDEN),
        data=lambda w: {"event_name": "muc-occupant-left"},
        label="conferencing_api:jitsi_events (no token)",
    ),
    # --- learning: quizzes ----------------------------------------------------------------
    # Enrolled learners answer (a new attempt, then its review); anyone else is sent back
    # to the lesson with why.
    Row(
        "learning:quiz_submit",
        "POST",
        lambda w: reverse("learning:quiz_submit", args=[quiz_lesson(w).pk]),
        (LOGIN, "→learning:quiz_attempt", "→learning:quiz_attempt", *("→wagtail_serve",) * 3),
        data=lambda w: {"token": str(uuid.uuid4()), quiz_field(w): "true"},
    ),
    Row("learning:quiz_attempt", "GET", url("learning:quiz_attempt", attempt_a), OWNER_ONLY),
    # The course's trainers (both trainers run one of its sessions) and administrators.
    Row(
        "learning:quiz_results",
        "GET",
        url("learning:quiz_results", lambda w: w.course.pk),
        (LOGIN, NOT_FOUND, NOT_FOUND, OK, OK, OK),
    ),
    Row(
        "learning:quiz_results_csv",
        "GET",
        url("learning:quiz_results_csv", lambda w: w.course.pk),
        (LOGIN, NOT_FOUND, NOT_FOUND, OK, OK, OK),
    ),
    # --- lesson discussions: enrolled learners and the course's trainers take part (the
    # other trainer runs another session of the same course); only trainers moderate.
    Row(
        "learning:discussion_post",
        "POST",
        url("learning:discussion_post", lambda w: w.lesson.pk),
        (LOGIN, *(LESSON,) * 5),
        data=lambda w: {"text": "Is the log on the shared drive?"},
    ),
    Row(
        "learning:discussion_vote",
        "POST",
        url("learning:discussion_vote", post),
        (LOGIN, *(LESSON,) * 5),
    ),
    Row(
        "learning:discussion_report",
        "POST",
        url("learning:discussion_report", post),
        (LOGIN, *(LESSON,) * 5),
        data=lambda w: {"reason": "Off topic"},
    ),
    Row(
        "learning:discussion_moderate",
        "POST",
        url("learning:discussion_moderate", post),
        (LOGIN, NOT_FOUND, NOT_FOUND, LESSON, LESSON, LESSON),
        data=lambda w: {"do": "hide"},
        label="learning:discussion_moderate (hide A's question)",
    ),
    Row(
        "learning:discussion_queue",
        "GET",
        url("learning:discussion_queue", lambda w: w.course.pk),
        (LOGIN, NOT_FOUND, NOT_FOUND, OK, OK, OK),
    ),
    Row(
        "learning:discussion_queue_csv",
        "GET",
        url("learning:discussion_queue_csv", lambda w: w.course.pk),
        (LOGIN, NOT_FOUND, NOT_FOUND, OK, OK, OK),
    ),
    # --- surveys --------------------------------------------------------------------------
    Row(
        "surveys:respond",
        "GET",
        url("surveys:respond", enrollment_a),
        OWNER_ONLY,
    ),
    Row("surveys:thanks", "GET", url("surveys:thanks", enrollment_a), OWNER_ONLY),
    Row("surveys:results", "GET", url("surveys:results", session), ROSTER),
    # --- certificates ---------------------------------------------------------------------
    Row("certificates:enrollment", "GET", url("certificates:enrollment", enrollment_a), OWNER_ONLY),
    Row(
        "certificates:enrollment",
        "POST",
        url("certificates:enrollment", enrollment_a),
        (LOGIN, "→certificates:enrollment", *(NOT_FOUND,) * 4),
        data=lambda w: {"name": "Someone Else"},
        label="certificates:enrollment (confirm the name)",
    ),
    Row("certificates:pdf", "GET", url("certificates:pdf", enrollment_a), OWNER_ONLY),
    Row("certificates:badge_json", "GET", url("certificates:badge_json", enrollment_a), OWNER_ONLY),
    Row("certificates:badge_jwt", "GET", url("certificates:badge_jwt", enrollment_a), OWNER_ONLY),
    Row(
        "certificates:verify",
        "GET",
        lambda w: reverse("certificates:verify", args=[w.certificate_code]),
        everyone(OK),
    ),
    Row("certificates:verify_lookup", "GET", url("certificates:verify_lookup"), everyone(OK)),
    Row("certificates:check", "GET", url("certificates:check"), everyone(OK)),
    # --- privacy: each person's own data ------------------------------------------------
    Row("privacy:your_data", "GET", url("privacy:your_data"), signed_in(LOGIN, OK)),
    Row("privacy:download", "GET", url("privacy:download"), signed_in(LOGIN, OK)),
    Row(
        "privacy:delete",
        "POST",
        url("privacy:delete"),
        # Staff accounts are closed by an administrator, not from this page.
        (LOGIN, "400", "400", FORBIDDEN, FORBIDDEN, FORBIDDEN),
        data=lambda w: {},
        label="privacy:delete (without the confirmation)",
    ),
    # Only right after a deletion (a flag in the session); anyone else goes home.
    Row("privacy:deleted", "GET", url("privacy:deleted"), everyone("→/")),
    # --- learning: lessons and progress ------------------------------------------------
    # Everyone signed in here may read the lessons: A and B are enrolled in a run of the
    # course, and each trainer trains one of its runs.
    Row("wagtail_serve", "GET", lambda w: lesson(w).url, everyone(OK), label="lesson page"),
    Row(
        "learning:lesson_done",
        "POST",
        url("learning:lesson_done", lesson_id),
        signed_in(LOGIN, "→wagtail_serve"),
    ),
    Row(
        "learning:lesson_not_done",
        "POST",
        url("learning:lesson_not_done", lesson_id),
        signed_in(LOGIN, "→wagtail_serve"),
    ),
    Row(
        "learning:lesson_seen",
        "POST",
        url("learning:lesson_seen", lesson_id),
        signed_in(LOGIN, "204"),
        data=lambda w: {"position": "12"},
    ),
    # Each trainer of a run sees the learners of the runs they train (the other trainer's
    # run has none); learners see nothing.
    Row(
        "learning:course_progress",
        "GET",
        url("learning:course_progress", course_id),
        (LOGIN, NOT_FOUND, NOT_FOUND, OK, OK, OK),
    ),
    Row(
        "learning:course_progress_csv",
        "GET",
        url("learning:course_progress_csv", course_id),
        (LOGIN, NOT_FOUND, NOT_FOUND, OK, OK, OK),
    ),
    # --- public reporting -----------------------------------------------------------------
    Row(
        "reporting:impact_csv",
        "GET",
        url("reporting:impact_csv", lambda w: w.home.pk),
        everyone(NOT_FOUND),
        label="reporting:impact_csv (not an impact page)",
    ),
    Row(
        "reporting:impact_json",
        "GET",
        url("reporting:impact_json", lambda w: w.home.pk),
        everyone(NOT_FOUND),
        label="reporting:impact_json (not an impact page)",
    ),
    Row("reporting:dictionary", "GET", url("reporting:dictionary"), everyone(OK)),
    # --- LTI: the endpoints partners' LMSs call, and the teacher's choice page ------------
    # Without the LMS's parameters, login initiation and launch refuse with a page.
    Row("lti:login", "GET", url("lti:login"), everyone("400")),
    Row("lti:launch", "GET", url("lti:launch"), everyone(NOT_ALLOWED)),
    Row("lti:launch", "POST", url("lti:launch"), everyone("400")),
    Row("lti:jwks", "GET", url("lti:jwks"), everyone(OK)),
    # The choice page opens only from a deep linking launch still remembered.
    Row(
        "lti_pages:deep_link",
        "GET",
        url("lti_pages:deep_link", lambda w: "lti1p3-launch-unknown"),
        everyone(FORBIDDEN),
    ),
    Row("reporting:dictionary_json", "GET", url("reporting:dictionary_json"), everyone(OK)),
    # --- Wagtail's front end --------------------------------------------------------------
    Row(
        "wagtailcore_authenticate_with_password",
        "GET",
        url("wagtailcore_authenticate_with_password", lambda w: 999999, lambda w: w.home.pk),
        everyone(NOT_FOUND),
    ),
    # Wagtail's own login form is replaced by a redirect to allauth's (frontend_login).
    Row("wagtailcore_login", "GET", url("wagtailcore_login"), everyone(LOGIN)),
    Row("wagtailcore_login", "POST", url("wagtailcore_login"), everyone(LOGIN)),
    Row("frontend_login", "GET", url("frontend_login"), everyone(LOGIN)),
    Row("wagtail_serve", "GET", lambda w: "/en/", everyone(OK), label="home page"),
    Row("wagtail_serve", "GET", lambda w: w.course.url, everyone(OK), label="course page"),
    Row("wagtail_serve", "GET", lambda w: "/en/no-such-page/", everyone(NOT_FOUND), label="404"),
    # --- Wagtail admin: a few of Wagtail's own pages, and every page the platform adds -----
    Row("wagtailadmin_home", "GET", url("wagtailadmin_home"), STAFF_ADMIN),
    Row(
        "wagtailadmin_pages:edit",
        "GET",
        url("wagtailadmin_pages:edit", lambda w: w.course.pk),
        ADMIN_ONLY,
    ),
    Row("wagtailusers_users:index", "GET", url("wagtailusers_users:index"), ADMIN_ONLY),
    # A trainer's reports cover the sessions they train.
    Row("reporting_admin:dashboard", "GET", url("reporting_admin:dashboard"), STAFF_ADMIN),
    Row(
        "reporting_admin:file",
        "GET",
        lambda w: reverse("reporting_admin:file", kwargs={"what": "report", "file_format": "csv"}),
        STAFF_ADMIN,
    ),
    Row("certificate:index", "GET", url("certificate:index"), ADMIN_ONLY),
    Row("certificate:index_results", "GET", url("certificate:index_results"), ADMIN_ONLY),
    Row(
        "certificate:inspect",
        "GET",
        url("certificate:inspect", lambda w: w.certificate_id),
        ADMIN_ONLY,
    ),
    Row(
        "certificate:revoke",
        "GET",
        url("certificate:revoke", lambda w: w.certificate_id),
        ADMIN_ONLY,
    ),
    Row("certificate:issue", "GET", url("certificate:issue"), ADMIN_ONLY),
    Row("certificate:pdf", "GET", url("certificate:pdf", lambda w: w.certificate_id), ADMIN_ONLY),
]


# The platform's snippets in the admin, each with Wagtail's nine views.
SNIPPETS = {
    # Trainers schedule sessions and keep trainer profiles; administrators also delete them.
    "courses_trainingsession": (lambda w: w.session.pk, STAFF_ADMIN, ADMIN_ONLY),
    "courses_trainer": (lambda w: w.trainer_profile_id, STAFF_ADMIN, ADMIN_ONLY),
    "surveys_survey": (lambda w: w.survey_id, ADMIN_ONLY, ADMIN_ONLY),
    "surveys_surveytemplate": (lambda w: w.template_id, ADMIN_ONLY, ADMIN_ONLY),
    "certificates_completionrule": (lambda w: w.completion_rule_id, ADMIN_ONLY, ADMIN_ONLY),
    "conferencing_videomeeting": (lambda w: video_meeting(w), ADMIN_ONLY, ADMIN_ONLY),
    "lti_ltiplatform": (lambda w: lti_platform_id(), ADMIN_ONLY, ADMIN_ONLY),
    "sso_identityprovider": (identity_provider_id, ADMIN_ONLY, ADMIN_ONLY),
}
for model, (pk, editors, deleters) in SNIPPETS.items():
    namespace = f"wagtailsnippets_{model}"
    for view in ("list", "list_results", "add"):
        TABLE.append(Row(f"{namespace}:{view}", "GET", url(f"{namespace}:{view}"), editors))
    for view in ("usage", "history", "history_results", "copy"):
        TABLE.append(Row(f"{namespace}:{view}", "GET", url(f"{namespace}:{view}", pk), editors))
    TABLE.append(Row(f"{namespace}:delete", "GET", url(f"{namespace}:delete", pk), deleters))
# Editing: a trainer edits what they schedule, not another trainer's session.
TABLE += [
    Row(
        "wagtailsnippets_courses_trainingsession:edit",
        "GET",
        url("wagtailsnippets_courses_trainingsession:edit", session),
        (LOGIN, NO_ADMIN, NO_ADMIN, OK, ADMIN_HOME, OK),
    ),
    Row(
        "wagtailsnippets_courses_trainer:edit",
        "GET",
        url("wagtailsnippets_courses_trainer:edit", lambda w: w.trainer_profile_id),
        STAFF_ADMIN,
    ),
    *(
        Row(
            f"wagtailsnippets_{model}:edit",
            "GET",
            url(f"wagtailsnippets_{model}:edit", pk),
            ADMIN_ONLY,
        )
        for model, (pk, _editors, _deleters) in SNIPPETS.items()
        if not model.startswith("courses_")
    ),
]


def lti_platform_id() -> int:
    from lti.models import LtiPlatform

    platform, _created = LtiPlatform.objects.get_or_create(
        issuer="https://lms.example.org",
        client_id="tool",
        defaults={
            "name": "Partner LMS",
            "auth_login_url": "https://lms.example.org/auth",
            "auth_token_url": "https://lms.example.org/token",
            "key_set_url": "https://lms.example.org/jwks",
            "deployment_ids": "1",
        },
    )
    return platform.pk


def lrs(w):
    """A learning record store, made when its row first asks for it."""
    from xapi.models import LearningRecordStore

    store, _created = LearningRecordStore.objects.get_or_create(
        name="Partner LRS", defaults={"endpoint": "http://127.0.0.1:9/xAPI/"}
    )
    return store.pk


# Learning record stores: administrators only (no copy, which would copy the secrets).
XAPI_STORES = "wagtailsnippets_xapi_learningrecordstore"
TABLE += [
    *(
        Row(f"{XAPI_STORES}:{view}", "GET", url(f"{XAPI_STORES}:{view}"), ADMIN_ONLY)
        for view in ("list", "list_results", "add")
    ),
    *(
        Row(f"{XAPI_STORES}:{view}", "GET", url(f"{XAPI_STORES}:{view}", lrs), ADMIN_ONLY)
        for view in ("edit", "delete", "usage", "history", "history_results", "retry")
    ),
]


def declared_names() -> set[str]:
    return {row.name for row in TABLE}


def platform_url_names() -> set[str]:
    """Every URL outside Wagtail's admin (by name; by path if it has none), and the admin
    pages of the platform's own apps (its reports, certificates and snippets)."""
    names = set()

    def walk(resolver, prefix, namespace):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                walk(pattern, route, inner)
            elif isinstance(pattern, URLPattern):
                name = namespace + pattern.name if pattern.name else route
                if not route.startswith("admin/") or is_platform_admin(name):
                    names.add(name)

    walk(get_resolver(), "", "")
    return names


def is_platform_admin(name: str) -> bool:
    if name.startswith(("reporting_admin:", "certificate:")):
        return True
    apps = (
        "courses_",
        "enrollment_",
        "surveys_",
        "certificates_",
        "live_",
        "cms_",
        "privacy_",
        "conferencing_",
        "lti_",
        "xapi_",
        "sso_",
    )
    return name.removeprefix("wagtailsnippets_").startswith(apps)


def test_every_address_of_the_platform_is_in_the_table():
    """A new URL fails this test until its row says who may open it."""
    assert sorted(platform_url_names() - declared_names()) == []


def test_the_table_names_only_existing_addresses():
    """A row for a URL that was removed is noticed."""
    admin_wagtail = {"wagtailadmin_home", "wagtailadmin_pages:edit", "wagtailusers_users:index"}
    assert sorted(declared_names() - platform_url_names() - admin_wagtail) == []


def outcome(response) -> str:
    """The status code, or the URL name a redirect leads to."""
    if response.status_code in (301, 302, 303, 307, 308):
        path = urlsplit(response["Location"]).path
        try:
            return f"→{resolve(path).view_name}"
        except Resolver404:
            return f"→{path}"
    return str(response.status_code)


def cases():
    for row in TABLE:
        for role, expected in zip(ROLES, row.outcomes, strict=True):
            marks = []
            if role in row.known:
                marks.append(pytest.mark.xfail(reason=row.known[role], strict=True))
            yield pytest.param(row, role, expected, id=f"{row.id} as {role}", marks=marks)


def ask(client, w: World, row: Row):
    target = row.url(w)
    if row.method == "GET":
        return client.get(target)
    data = row.data(w) if row.data else {}
    if target.startswith("/api/"):
        return client.post(target, json.dumps(data), content_type="application/json")
    return client.post(target, data)


@pytest.fixture
def as_role(client, world):
    def login(role):
        user = world.users[role]
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.mark.parametrize(("row", "role", "expected"), list(cases()))
def test_permission_matrix(as_role, world, row, role, expected):
    """Each address answers each role as the table says."""
    response = ask(as_role(role), world, row)
    assert outcome(response) == expected


# --- No leak of learner A's records -----------------------------------------------------------

A_PRIVATE = [A_EMAIL, A_NAME, A_ORGANISATION, A_COMMENT]

LEAK_PROBES = {
    # What learner B and the other trainer may try against A's records or A's session.
    "enrollment": lambda w: reverse("enrollment:cancel", args=[w.enrollment_a.pk]),
    "certificate": lambda w: reverse("certificates:enrollment", args=[w.enrollment_a.pk]),
    "certificate pdf": lambda w: reverse("certificates:pdf", args=[w.enrollment_a.pk]),
    "badge": lambda w: reverse("certificates:badge_json", args=[w.enrollment_a.pk]),
    "survey": lambda w: reverse("surveys:respond", args=[w.enrollment_a.pk]),
    "quiz attempt": lambda w: reverse("learning:quiz_attempt", args=[attempt_a(w)]),
    "quiz results": lambda w: reverse("learning:quiz_results", args=[w.course.pk]),
    "quiz results file": lambda w: reverse("learning:quiz_results_csv", args=[w.course.pk]),
    "survey results": lambda w: reverse("surveys:results", args=[w.session.pk]),
    "attendance export": lambda w: reverse("enrollment:roster_csv", args=[w.session.pk]),
    "attendance workbook": lambda w: reverse("enrollment:roster_xlsx", args=[w.session.pk]),
    "roster": lambda w: reverse("enrollment:roster", args=[w.session.pk]),
    "my learning": lambda w: reverse("enrollment:my_learning"),
    "profile": lambda w: reverse("enrollment:profile"),
    "live room": lambda w: reverse("live:room", args=[w.session.pk]),
    "live console": lambda w: reverse("live:console", args=[w.session.pk]),
    "live projector": lambda w: reverse("live:projector", args=[w.session.pk]),
    "live events": lambda w: reverse("live_api:events", args=[w.session.pk]),
    "sessions api": lambda w: reverse("courses_api:session-detail", args=[w.session.pk]),
    "my sessions": lambda w: reverse("enrollment:my_sessions"),
    "new trainer profile": lambda w: reverse("wagtailsnippets_courses_trainer:add"),
    "trainer profile": lambda w: reverse(
        "wagtailsnippets_courses_trainer:edit", args=[w.trainer_profile_id]
    ),
    "session in the admin": lambda w: reverse(
        "wagtailsnippets_courses_trainingsession:edit", args=[w.session.pk]
    ),
    "my data": lambda w: reverse("privacy:your_data"),
    "my data download": lambda w: reverse("privacy:download"),
    "learners' progress": lambda w: reverse("learning:course_progress", args=[w.course.pk]),
    "learners' progress file": lambda w: reverse(
        "learning:course_progress_csv", args=[w.course.pk]
    ),
    "reports": lambda w: reverse("reporting_admin:dashboard"),
    "report sessions file": lambda w: reverse(
        "reporting_admin:file", kwargs={"what": "sessions", "file_format": "csv"}
    ),
}


@pytest.mark.parametrize("role", ["other_learner", "other_trainer"])
@pytest.mark.parametrize("probe", LEAK_PROBES)
def test_nobody_else_reads_learner_as_records(as_role, world, role, probe):
    """Learner B and another trainer never receive A's e-mail, name, organisation or
    survey comment, whatever they open."""
    response = as_role(role).get(LEAK_PROBES[probe](world))
    content = b"".join(response) if response.streaming else response.content
    body = content.decode("utf-8", "replace")
    assert [text for text in A_PRIVATE if text in body] == []


def test_the_anonymous_question_keeps_its_author_hidden(as_role, world):
    """Everyone in the room, the trainer included, reads A's anonymous question without
    her name; B's snapshot does not say how A voted."""
    for role in ("other_learner", "trainer", "administrator"):
        response = as_role(role).get(reverse("live_api:events", args=[world.session.pk]))
        snapshot = response.json()["frames"][0]
        (question,) = [q for q in snapshot["questions"] if q["id"] == world.question_id]
        assert (question["text"], question["author"]) == (A_QUESTION, None)
        assert A_NAME not in response.content.decode()
        assert A_EMAIL not in response.content.decode()
        assert snapshot["me"]["ballots"] == {}
        assert snapshot["me"]["questions"] == []


def test_the_trainer_reads_no_answer_while_too_few_could_be_recognised(as_role, world):
    """With two answers, the session's trainer learns how many answered, and neither
    comment nor who wrote it."""
    response = as_role("trainer").get(reverse("surveys:results", args=[world.session.pk]))
    body = response.content.decode()
    assert "2 learners have answered so far." in body
    assert [text for text in [*A_PRIVATE, ANONYMOUS_COMMENT] if text in body] == []


def test_wagtails_own_login_form_lets_nobody_past_allauth(client, world):
    """An account whose address is not verified yet is not let in through the login form
    Wagtail serves for private pages: it is sent to the platform's log-in page."""
    user = UserFactory(email="not.verified@example.org", verified_email=False)
    credentials = {"username": user.email, "password": DEFAULT_PASSWORD}
    response = client.post(reverse("wagtailcore_login") + "?next=/en/", credentials)
    assert outcome(response) == LOGIN
    assert response["Location"].endswith("?next=/en/")
    assert "_auth_user_id" not in client.session


def test_a_trainer_links_a_profile_to_no_one_but_themselves(as_role, world):
    """Another trainer editing this session's trainer profile is offered only the account
    it is linked to, and cannot link it to their own; an administrator can."""
    from courses.models import Trainer

    edit = reverse("wagtailsnippets_courses_trainer:edit", args=[world.trainer_profile_id])
    trainer, other_trainer = world.users["trainer"], world.users["other_trainer"]
    form = as_role("other_trainer").get(edit).context["form"]
    assert list(form.fields["user"].queryset) == [trainer]

    profile = Trainer.objects.get(pk=world.trainer_profile_id)
    fields = {"name": profile.name, "organisation": profile.organisation, "bio": "[]"}
    as_role("other_trainer").post(edit, {**fields, "user": other_trainer.pk})
    assert Trainer.objects.get(pk=profile.pk).user == trainer

    form = as_role("administrator").get(edit).context["form"]
    assert world.users["learner"] in form.fields["user"].queryset
