"""The roster pages trainers and administrators use: who sees them, approving and rejecting
one by one and in bulk, marking attendance, the list of their sessions, the check-in screen."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.factories import AdministratorFactory, TrainerFactory, UserFactory
from courses.factories import (
    CoursePageFactory,
    ThemePageFactory,
    TrainerSnippetFactory,
    TrainingSessionFactory,
)
from courses.models import SessionMode, SessionStatus, TrainingSession
from enrollment.factories import EnrollmentFactory, LearnerProfileFactory
from enrollment.models import Attendance, AttendanceSource, Enrollment, EnrollmentStatus
from enrollment.services import attendance_record, enrollment_create
from enrollment.views.trainer import qr_svg

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(home):
    return CoursePageFactory(parent=ThemePageFactory(parent=home), title="Flood forecasting")


@pytest.fixture
def trainer():
    return TrainerFactory()


@pytest.fixture
def session(course, trainer):
    """A session needing approval, run by `trainer`, with two seats."""
    return TrainingSessionFactory(
        course=course,
        capacity=2,
        requires_approval=True,
        trainers=[TrainerSnippetFactory(user=trainer)],
    )


@pytest.fixture
def running(course, trainer):
    """A three-day session (UTC) that started yesterday: yesterday and today may be marked."""
    today = timezone.now().date()
    start = datetime.combine(today - timedelta(days=1), time(8), tzinfo=UTC)
    return TrainingSessionFactory(
        course=course,
        starts_at=start,
        ends_at=start + timedelta(days=2, hours=8),
        mode=SessionMode.IN_ROOM,
        city="Nairobi",
        trainers=[TrainerSnippetFactory(user=trainer)],
    )


def roster_url(session, name="enrollment:roster"):
    return reverse(name, kwargs={"session_id": session.pk})


def seats_taken(session) -> int:
    return TrainingSession.objects.get(pk=session.pk).seats_taken


def statuses(*enrollments) -> list[str]:
    return [Enrollment.objects.get(pk=e.pk).status for e in enrollments]


# --- who sees the roster ------------------------------------------------------------------


def test_anonymous_visitor_is_asked_to_log_in_and_comes_back(client, session):
    """Opening a roster logged out leads to the log-in page, then back to the roster."""
    response = client.get(roster_url(session))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert f"next={roster_url(session)}" in response.url.replace("%2F", "/")


@pytest.mark.parametrize("who", ["learner", "other trainer", "administrator in name only"])
def test_people_who_do_not_run_the_session_get_not_found(client, session, who):
    """A learner, a trainer of other sessions, or a trainer-role account not linked to the
    session sees a 404, as if the session had no roster."""
    user = UserFactory() if who == "learner" else TrainerFactory()
    if who == "other trainer":
        TrainingSessionFactory(course=session.course, trainers=[TrainerSnippetFactory(user=user)])
    client.force_login(user)
    for name in ("enrollment:roster", "enrollment:check_in_display"):
        assert client.get(roster_url(session, name)).status_code == 404


def test_the_sessions_trainer_sees_every_list_of_the_roster(client, session, trainer):
    """Pending requests, the waitlist in order, the enrolled learners with their profile,
    and the number of cancelled and rejected requests."""
    session.requires_approval = False
    session.save()
    amina = UserFactory(first_name="Amina", last_name="Diallo")
    LearnerProfileFactory(user=amina, country="SN", organisation="Dakar Water Board")
    enrollment_create(user=amina, session=session)
    enrollment_create(user=UserFactory(), session=session)
    waiting = [UserFactory(first_name=name, last_name="W") for name in ("Bao", "Carlos")]
    for user in waiting:
        enrollment_create(user=user, session=session)
    EnrollmentFactory(session=session, status=EnrollmentStatus.PENDING,
                      user=UserFactory(first_name="Dana", last_name="P"))
    EnrollmentFactory(session=session, status=EnrollmentStatus.CANCELLED)
    client.force_login(trainer)
    response = client.get(roster_url(session))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Amina Diallo" in html and "Dakar Water Board" in html and "Senegal" in html
    assert html.index("Bao W") < html.index("Carlos W")
    assert "Dana P" in html
    roster = response.context["roster"]
    assert (len(roster.enrolled), len(roster.waitlisted), len(roster.pending)) == (2, 2, 1)
    assert (roster.cancelled_count, roster.rejected_count) == (1, 0)


def test_an_administrator_sees_any_roster(client, session):
    """Administrators are not trainers of the session and still see its roster."""
    client.force_login(AdministratorFactory())
    assert client.get(roster_url(session)).status_code == 200


# --- approve and reject -------------------------------------------------------------------


def test_the_trainer_approves_one_request(client, session, trainer):
    """Approving a pending request confirms the learner and takes a seat."""
    request = enrollment_create(user=UserFactory(), session=session)
    client.force_login(trainer)
    response = client.post(
        roster_url(session, "enrollment:roster_decide"), {"decision": f"approve:{request.pk}"}
    )
    assert response.status_code == 302
    assert statuses(request) == [EnrollmentStatus.CONFIRMED]
    assert seats_taken(session) == 1
    assert Enrollment.objects.get(pk=request.pk).decided_by == trainer


def test_the_trainer_rejects_one_request_with_a_reason(client, session, trainer):
    """Rejecting keeps the reason typed on the row and takes no seat."""
    request = enrollment_create(user=UserFactory(), session=session)
    client.force_login(trainer)
    client.post(
        roster_url(session, "enrollment:roster_decide"),
        {"decision": f"reject:{request.pk}", f"reason-{request.pk}": "Course is for engineers"},
    )
    rejected = Enrollment.objects.get(pk=request.pk)
    assert rejected.status == EnrollmentStatus.REJECTED
    assert rejected.reason == "Course is for engineers"
    assert seats_taken(session) == 0


def test_bulk_approval_confirms_while_seats_last_then_waitlists(client, session, trainer):
    """Three ticked requests for two seats: two confirmed, the third waitlisted."""
    requests = [enrollment_create(user=UserFactory(), session=session) for _ in range(3)]
    client.force_login(trainer)
    response = client.post(
        roster_url(session, "enrollment:roster_decide"),
        {"decision": "approve:selected", "selected": [r.pk for r in requests]},
        follow=True,
    )
    assert statuses(*requests) == [
        EnrollmentStatus.CONFIRMED,
        EnrollmentStatus.CONFIRMED,
        EnrollmentStatus.WAITLISTED,
    ]
    assert seats_taken(session) == 2
    assert "3 requests approved." in response.content.decode()


def test_bulk_rejection_uses_the_shared_reason_unless_a_row_has_its_own(client, session, trainer):
    """The reason typed for all ticked requests applies, except where a row has one."""
    first, second = (enrollment_create(user=UserFactory(), session=session) for _ in range(2))
    client.force_login(trainer)
    client.post(
        roster_url(session, "enrollment:roster_decide"),
        {
            "decision": "reject:selected",
            "selected": [first.pk, second.pk],
            "reason": "The session is full of engineers",
            f"reason-{second.pk}": "Please apply to the March session",
        },
    )
    assert list(
        Enrollment.objects.filter(pk__in=[first.pk, second.pk]).order_by("pk").values_list(
            "status", "reason"
        )
    ) == [
        (EnrollmentStatus.REJECTED, "The session is full of engineers"),
        (EnrollmentStatus.REJECTED, "Please apply to the March session"),
    ]


def test_a_refused_decision_is_shown_on_its_row_and_the_others_are_done(
    client, session, trainer
):
    """When another trainer already moved one ticked request to the waiting list, the other
    two are approved (behind it, the session being full) and that row says why it was not."""
    TrainingSession.objects.filter(pk=session.pk).update(seats_taken=2)
    first, second = (enrollment_create(user=UserFactory(), session=session) for _ in range(2))
    Enrollment.objects.filter(pk=second.pk).update(status=EnrollmentStatus.WAITLISTED)
    third = enrollment_create(user=UserFactory(), session=session)
    client.force_login(trainer)
    response = client.post(
        roster_url(session, "enrollment:roster_decide"),
        {"decision": "approve:selected", "selected": [first.pk, second.pk, third.pk]},
    )
    assert statuses(first, second, third) == [EnrollmentStatus.WAITLISTED] * 3
    assert seats_taken(session) == 2
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 requests approved." in html
    waitlist = html[html.index('id="waitlist"'):]
    assert 'class="has-error"' in waitlist
    assert "Only requests awaiting approval can be approved." in waitlist


def test_a_request_of_another_session_is_refused_with_a_message(client, session, trainer):
    """An id from another session's roster is not decided; the rest are."""
    foreign = EnrollmentFactory(
        session=TrainingSessionFactory(course=session.course), status=EnrollmentStatus.PENDING
    )
    mine = EnrollmentFactory(session=session, status=EnrollmentStatus.PENDING)
    client.force_login(trainer)
    response = client.post(
        roster_url(session, "enrollment:roster_decide"),
        {"decision": "reject:selected", "selected": [foreign.pk, mine.pk], "reason": "No"},
    )
    assert statuses(foreign, mine) == [EnrollmentStatus.PENDING, EnrollmentStatus.REJECTED]
    assert response.status_code == 200
    assert "This request is not on this session&#x27;s roster." in response.content.decode()


def test_deciding_with_nothing_ticked_keeps_what_was_typed(client, session, trainer):
    """Pressing a bulk button with no box ticked asks to tick one, and the reasons typed
    are still in their fields."""
    request = enrollment_create(user=UserFactory(), session=session)
    client.force_login(trainer)
    response = client.post(
        roster_url(session, "enrollment:roster_decide"),
        {
            "decision": "reject:selected",
            "reason": "Shared reason",
            f"reason-{request.pk}": "Row reason",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tick at least one request" in html
    assert 'value="Shared reason"' in html and 'value="Row reason"' in html
    assert statuses(request) == [EnrollmentStatus.PENDING]


def test_another_trainer_cannot_approve(client, session):
    """A trainer of other sessions posting a decision gets a 404 and nothing changes."""
    request = enrollment_create(user=UserFactory(), session=session)
    client.force_login(TrainerFactory())
    response = client.post(
        roster_url(session, "enrollment:roster_decide"), {"decision": f"approve:{request.pk}"}
    )
    assert response.status_code == 404
    assert statuses(request) == [EnrollmentStatus.PENDING]


# --- attendance ---------------------------------------------------------------------------


def test_ticking_the_roster_records_attendance_from_the_roster(client, running, trainer):
    """Ticked boxes for yesterday and today become attendance marked on the roster by the
    trainer; a box for tomorrow is not offered, and one forged is ignored."""
    learner = EnrollmentFactory(session=running)
    yesterday, today, tomorrow = (running.starts_at.date() + timedelta(days=n) for n in range(3))
    client.force_login(trainer)
    page = client.get(roster_url(running)).content.decode()
    assert f'value="{today.isoformat()}/{learner.pk}"' in page
    assert f'value="{tomorrow.isoformat()}/{learner.pk}"' not in page
    response = client.post(
        roster_url(running, "enrollment:roster_attendance"),
        {"present": [f"{day.isoformat()}/{learner.pk}" for day in (yesterday, today, tomorrow)]},
    )
    assert response.status_code == 302
    rows = Attendance.objects.filter(enrollment=learner).order_by("day")
    assert [(row.day, row.source, row.recorded_by) for row in rows] == [
        (yesterday, AttendanceSource.ROSTER, trainer),
        (today, AttendanceSource.ROSTER, trainer),
    ]
    html = client.get(roster_url(running)).content.decode()
    assert "2 of 3 days (67%)" in html


def test_ticking_keeps_a_check_in_already_recorded(client, running, trainer):
    """A learner who checked in with the code keeps that record when the trainer saves."""
    learner = EnrollmentFactory(session=running)
    today = timezone.now().date()
    attendance_record(enrollment=learner, day=today, source=AttendanceSource.CHECK_IN_CODE)
    client.force_login(trainer)
    client.post(
        roster_url(running, "enrollment:roster_attendance"),
        {"present": [f"{today.isoformat()}/{learner.pk}"]},
    )
    assert list(Attendance.objects.values_list("source", flat=True)) == [
        AttendanceSource.CHECK_IN_CODE
    ]


def test_a_learner_who_cannot_be_marked_is_shown_and_the_others_are_recorded(
    client, running, trainer
):
    """A no-show cannot be marked present: its row says why; the other tick is saved."""
    present = EnrollmentFactory(session=running)
    no_show = EnrollmentFactory(session=running, status=EnrollmentStatus.NO_SHOW)
    today = timezone.now().date().isoformat()
    client.force_login(trainer)
    response = client.post(
        roster_url(running, "enrollment:roster_attendance"),
        {"present": [f"{today}/{present.pk}", f"{today}/{no_show.pk}"]},
    )
    assert response.status_code == 200
    assert "Only confirmed learners can be marked present." in response.content.decode()
    assert list(Attendance.objects.values_list("enrollment", flat=True)) == [present.pk]


def test_another_trainer_cannot_mark_attendance(client, running):
    """A trainer of other sessions posting ticks gets a 404 and nothing is recorded."""
    learner = EnrollmentFactory(session=running)
    client.force_login(TrainerFactory())
    response = client.post(
        roster_url(running, "enrollment:roster_attendance"),
        {"present": [f"{timezone.now().date().isoformat()}/{learner.pk}"]},
    )
    assert response.status_code == 404
    assert not Attendance.objects.exists()


# --- query count --------------------------------------------------------------------------


def roster_queries(client, session) -> int:
    client.get(roster_url(session))
    with CaptureQueriesContext(connection) as context:
        assert client.get(roster_url(session)).status_code == 200
    return len(context)


def add_learners(session, count: int) -> None:
    for n in range(count):
        status = [EnrollmentStatus.CONFIRMED, EnrollmentStatus.WAITLISTED,
                  EnrollmentStatus.PENDING, EnrollmentStatus.CANCELLED][n % 4]
        enrollment = EnrollmentFactory(session=session, status=status)
        LearnerProfileFactory(user=enrollment.user)
        if status == EnrollmentStatus.CONFIRMED:
            attendance_record(
                enrollment=enrollment, day=session.starts_at.date(), source=AttendanceSource.ROSTER
            )


def test_the_roster_costs_the_same_queries_at_any_size(client, running, trainer):
    """Four learners or forty, with profiles and attendance: the same number of queries."""
    client.force_login(trainer)
    add_learners(running, 4)
    small = roster_queries(client, running)
    add_learners(running, 36)
    assert roster_queries(client, running) == small
    assert small <= 20  # most of them are the base template's, the same on every page


# --- my sessions --------------------------------------------------------------------------


def test_a_trainer_lists_only_their_sessions(client, session, trainer, course):
    """My sessions shows the trainer's sessions with pending requests counted, not others'."""
    enrollment_create(user=UserFactory(), session=session)
    TrainingSessionFactory(course=CoursePageFactory(parent=course.get_parent(), title="Other"))
    client.force_login(trainer)
    response = client.get(reverse("enrollment:my_sessions"))
    assert response.status_code == 200
    assert [s.pk for s in response.context["sessions"]] == [session.pk]
    assert response.context["sessions"][0].pending_count == 1


def test_an_administrator_lists_every_session_and_filters_them(client, session, course):
    """Administrators see all sessions, and can keep the cancelled ones or the past ones."""
    cancelled = TrainingSessionFactory(course=course, status=SessionStatus.CANCELLED)
    past = TrainingSessionFactory(
        course=course,
        starts_at=timezone.now() - timedelta(days=30),
        ends_at=timezone.now() - timedelta(days=29),
    )
    client.force_login(AdministratorFactory())
    url = reverse("enrollment:my_sessions")

    def listed(**params):
        return {s.pk for s in client.get(url, params).context["sessions"]}

    assert listed() == {session.pk, cancelled.pk}
    assert listed(status="cancelled") == {cancelled.pk}
    assert listed(when="past") == {past.pk}
    assert listed(when="all") == {session.pk, cancelled.pk, past.pk}


def test_a_learner_has_no_session_list(client, home):
    """A learner opening My sessions gets a 404."""
    client.force_login(UserFactory())
    assert client.get(reverse("enrollment:my_sessions")).status_code == 404


def test_trainers_find_my_sessions_in_the_admin_menu(client, home, trainer):
    """The Wagtail admin shows trainers a My sessions link to their list."""
    client.force_login(trainer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "My sessions" in html
    assert reverse("enrollment:my_sessions") in html


# --- check-in screen ----------------------------------------------------------------------


def test_the_check_in_screen_shows_a_code_a_qr_code_and_who_is_present(
    client, running, trainer
):
    """The room's screen shows the current code big, an inline QR code of the learner's
    check-in address, when the code changes, reloads itself, and counts who is present."""
    learner = EnrollmentFactory(session=running)
    attendance_record(
        enrollment=learner, day=timezone.now().date(), source=AttendanceSource.ROSTER
    )
    client.force_login(trainer)
    response = client.get(roster_url(running, "enrollment:check_in_display"))
    assert response.status_code == 200
    html = response.content.decode()
    code = response.context["code"].code
    assert '<div class="check-in-code" dir="ltr">' in html and code in html
    assert "<svg" in html and "<img" not in html
    assert response.context["check_in_url"] == "http://testserver" + reverse(
        "enrollment:check_in_code", kwargs={"code": code}
    )
    assert f"http://testserver{reverse('enrollment:check_in')}" in html
    # The QR code drawn is the one of the learner's check-in address with this code.
    assert qr_svg(response.context["check_in_url"], title="QR code to check in") in html
    assert '<meta http-equiv="refresh" content="' in html
    assert "Present today: 1 of" in html
    assert "not a day of this session" not in html


def test_the_check_in_screen_keeps_its_code_between_reloads(
    client, running, trainer, monkeypatch
):
    """Reloading within the period shows the same code."""
    fixed = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: fixed)
    client.force_login(trainer)
    url = roster_url(running, "enrollment:check_in_display")
    assert client.get(url).context["code"].code == client.get(url).context["code"].code


def test_showing_the_check_in_screen_writes_nothing(client, running, trainer):
    """Opening and reloading the room's screen only reads: no row is added, changed or
    deleted."""
    client.force_login(trainer)
    url = roster_url(running, "enrollment:check_in_display")
    # Wagtail makes the trainer's admin profile on their first admin page; not the screen's.
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        client.get(url)
    assert response.status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
