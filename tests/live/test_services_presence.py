from datetime import timedelta

import pytest
from django.utils import timezone

from enrollment.factories import EnrollmentFactory
from enrollment.models import Attendance, AttendanceSource, EnrollmentStatus
from live import services
from live.models import OnlinePresence, Room
from tests.live.factories import live_room_setup

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(settings):
    settings.LIVE_ATTENDANCE_MINUTES = 30
    return live_room_setup()


def credit(setup, *users, seconds, now=None):
    return services.presence_credit(
        room_id=setup.room.pk, user_ids=[user.pk for user in users], seconds=seconds, now=now
    )


def online_attendance(user):
    return list(Attendance.objects.filter(enrollment__user=user).values_list("source", flat=True))


def test_thirty_minutes_in_the_room_count_as_attending_online(setup):
    """Credits add up over the day; attendance is recorded when they reach the threshold."""
    assert credit(setup, setup.learner, seconds=1000) == []
    assert online_attendance(setup.learner) == []
    assert credit(setup, setup.learner, seconds=799) == []
    assert online_attendance(setup.learner) == []
    assert credit(setup, setup.learner, seconds=1) == [setup.learner.pk]
    assert online_attendance(setup.learner) == [AttendanceSource.ONLINE]
    presence = OnlinePresence.objects.get(user=setup.learner)
    assert (presence.seconds, presence.attendance_recorded) == (1800, True)


def test_attendance_is_recorded_once_a_day(setup):
    credit(setup, setup.learner, seconds=1800)
    assert credit(setup, setup.learner, seconds=1800) == []
    assert Attendance.objects.filter(enrollment__user=setup.learner).count() == 1
    tomorrow = timezone.now() + timedelta(days=1)
    assert credit(setup, setup.learner, seconds=1800, now=tomorrow) == [setup.learner.pk]
    days = Attendance.objects.filter(enrollment__user=setup.learner).values_list("day", flat=True)
    assert len(set(days)) == 2


def test_the_threshold_follows_the_setting(setup, settings):
    settings.LIVE_ATTENDANCE_MINUTES = 1
    assert credit(setup, setup.learner, seconds=60) == [setup.learner.pk]


def test_only_confirmed_learners_are_marked_present(setup):
    """Time spent by a trainer or a visitor is counted, but makes no attendance record."""
    completed = EnrollmentFactory(
        session=setup.room.session, status=EnrollmentStatus.COMPLETED
    ).user
    recorded = credit(setup, setup.trainer, setup.outsider, completed, seconds=1800)
    assert recorded == []
    assert not Attendance.objects.exists()


def test_no_attendance_while_the_room_is_not_live(setup):
    for state in ("scheduled", "ended"):
        Room.objects.filter(pk=setup.room.pk).update(state=state)
        assert credit(setup, setup.learner, seconds=3600) == []
    assert not OnlinePresence.objects.exists()
    assert not Attendance.objects.exists()


def test_an_attendance_already_marked_on_the_roster_is_kept(setup):
    enrollment = setup.learner.enrollments.get()
    Attendance.objects.create(
        enrollment=enrollment, day=timezone.now().date(), source=AttendanceSource.ROSTER
    )
    credit(setup, setup.learner, seconds=1800)
    assert online_attendance(setup.learner) == [AttendanceSource.ROSTER]


def test_checked_in_counts_todays_code_and_roster_attendance(setup):
    today = timezone.now().date()
    sources = [AttendanceSource.CHECK_IN_CODE, AttendanceSource.ROSTER, AttendanceSource.ONLINE]
    for source in sources:
        enrollment = EnrollmentFactory(session=setup.room.session)
        Attendance.objects.create(enrollment=enrollment, day=today, source=source)
    Attendance.objects.create(
        enrollment=setup.learner.enrollments.get(),
        day=today - timedelta(days=1),
        source=AttendanceSource.CHECK_IN_CODE,
    )
    other = live_room_setup()
    Attendance.objects.create(
        enrollment=other.learner.enrollments.get(),
        day=today,
        source=AttendanceSource.CHECK_IN_CODE,
    )
    assert services.checked_in_count(setup.room.pk) == 2
