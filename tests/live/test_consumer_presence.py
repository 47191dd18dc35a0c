import asyncio

import pytest
from channels.db import database_sync_to_async
from django.utils import timezone

from enrollment.factories import EnrollmentFactory
from enrollment.models import Attendance, AttendanceSource
from enrollment.selectors import session_today
from live import hub
from live.models import OnlinePresence
from tests.live.conftest import close_code, joined, next_frame, quiet, send, setup_room

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


async def eventually(check, timeout=5.0):
    """Polls `check` (a synchronous function reading the database) until it is true."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await database_sync_to_async(check)():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_a_silent_connection_is_closed_and_a_pinging_one_is_kept(
    sockets, settings, monkeypatch
):
    settings.LIVE_IDLE_SECONDS = 0.4
    monkeypatch.setattr(hub, "IDLE_CHECK_EVERY", 0.1)
    setup = await setup_room()
    silent, _snapshot = await joined(sockets, setup.learner, setup.room)
    pinging, _snapshot = await joined(sockets, setup.trainer, setup.room)
    closed = asyncio.ensure_future(close_code(silent, timeout=3))
    for n in range(12):
        await send(pinging, "ping", ref=n)
        assert await next_frame(pinging) == {"type": "pong", "ref": n}
        await asyncio.sleep(0.1)
    assert await closed == 4408
    await send(pinging, "ping", ref="still here")
    assert (await next_frame(pinging))["ref"] == "still here"


async def test_presence_frames_count_people_online_and_checked_in(sockets, settings, monkeypatch):
    settings.LIVE_PRESENCE_SECONDS = 0.1
    monkeypatch.setattr(hub, "CHECKED_IN_EVERY", 0.1)
    setup = await setup_room()
    learner, snapshot = await joined(sockets, setup.learner, setup.room)
    assert snapshot["presence"] == {"online": 1, "checked_in": 0}
    assert await next_frame(learner, presence=True) == {
        "type": "presence",
        "online": 1,
        "checked_in": 0,
    }
    trainer, snapshot = await joined(sockets, setup.trainer, setup.room)
    assert snapshot["presence"]["online"] == 2
    assert (await next_frame(learner, presence=True))["online"] == 2

    # A second tab of the same person is one person online.
    _tab, _snapshot = await joined(sockets, setup.learner, setup.room)
    await trainer.disconnect()
    assert (await next_frame(learner, presence=True))["online"] == 1

    enrollment = await database_sync_to_async(setup.learner.enrollments.get)()
    await database_sync_to_async(Attendance.objects.create)(
        enrollment=enrollment, day=timezone.now().date(), source=AttendanceSource.CHECK_IN_CODE
    )
    assert await next_frame(learner, presence=True) == {
        "type": "presence",
        "online": 1,
        "checked_in": 1,
    }


async def test_the_first_arrival_sees_who_checked_in_before_the_room_was_followed(
    sockets, settings
):
    """The room's first arrival in this process gets the check-ins in its snapshot, not a 0
    until the presence pass counts them."""
    settings.LIVE_TALLY_SECONDS = 3600  # the hub's ticker, whose presence pass would count them
    setup = await setup_room()
    enrollment = await database_sync_to_async(setup.learner.enrollments.get)()
    today = await database_sync_to_async(lambda: session_today(setup.room.session))()
    await database_sync_to_async(Attendance.objects.create)(
        enrollment=enrollment, day=today, source=AttendanceSource.CHECK_IN_CODE
    )
    _learner, snapshot = await joined(sockets, setup.learner, setup.room)
    assert snapshot["presence"] == {"online": 1, "checked_in": 1}


async def test_presence_frames_are_sent_only_when_counts_change(sockets, settings):
    settings.LIVE_PRESENCE_SECONDS = 0.1
    setup = await setup_room()
    learner, _snapshot = await joined(sockets, setup.learner, setup.room)
    await next_frame(learner, presence=True)
    with pytest.raises(TimeoutError):
        await next_frame(learner, timeout=0.5, presence=True)


async def test_learners_connected_long_enough_are_marked_present_online(sockets, settings):
    settings.LIVE_PRESENCE_SECONDS = 0.1
    settings.LIVE_CREDIT_SECONDS = 1.0
    settings.LIVE_ATTENDANCE_MINUTES = 2 / 60  # two seconds
    setup = await setup_room()
    late = (await database_sync_to_async(EnrollmentFactory)(session=setup.room.session)).user
    await joined(sockets, setup.learner, setup.room)
    await joined(sockets, setup.trainer, setup.room)
    await joined(sockets, late, setup.room)

    def present(user):
        return Attendance.objects.filter(
            enrollment__user=user, source=AttendanceSource.ONLINE
        ).exists()

    await eventually(lambda: present(setup.learner))
    # Joined after the room's first interval began: credited from the next one.
    await eventually(lambda: present(late))

    def seconds(user):
        return OnlinePresence.objects.get(user=user).seconds

    assert await database_sync_to_async(seconds)(setup.learner) > await database_sync_to_async(
        seconds
    )(late)
    assert not await database_sync_to_async(
        OnlinePresence.objects.filter(user=setup.trainer).exists
    )()


async def test_no_attendance_for_a_room_that_is_not_live(sockets, settings):
    settings.LIVE_PRESENCE_SECONDS = 0.1
    settings.LIVE_CREDIT_SECONDS = 0.3
    settings.LIVE_ATTENDANCE_MINUTES = 1 / 60
    setup = await setup_room(state="scheduled")
    learner, _snapshot = await joined(sockets, setup.learner, setup.room)
    assert await quiet(learner, 1.5) == []
    assert not await database_sync_to_async(OnlinePresence.objects.exists)()
    assert not await database_sync_to_async(Attendance.objects.exists)()


async def test_watching_listening_or_reading_all_count_as_attending(sockets, settings):
    """The broadcast player reports nothing: a learner in the room is credited by the
    room's own connection, whether they play the picture, the sound only or nothing at all,
    and the broadcast stopping meanwhile changes nothing."""
    from live import broadcasts
    from tests.live.factories import access_of

    settings.LIVE_PRESENCE_SECONDS = 0.1
    settings.LIVE_CREDIT_SECONDS = 0.5
    settings.LIVE_ATTENDANCE_MINUTES = 2 / 60
    setup = await setup_room()
    reader = (await database_sync_to_async(EnrollmentFactory)(session=setup.room.session)).user

    def on_air():
        broadcast = broadcasts.stream_key_create(
            room=setup.room, access=access_of(setup.trainer, setup.room)
        )
        broadcasts.ingest_publish(stream_key=broadcast.stream_key)
        return broadcast.stream_key

    key = await database_sync_to_async(on_air)()
    await joined(sockets, setup.learner, setup.room)
    await joined(sockets, reader, setup.room)
    await database_sync_to_async(broadcasts.ingest_publish_done)(stream_key=key)

    def present(user):
        return Attendance.objects.filter(
            enrollment__user=user, source=AttendanceSource.ONLINE
        ).exists()

    await eventually(lambda: present(setup.learner))
    await eventually(lambda: present(reader))


async def test_people_leaving_are_counted_out_without_a_trip_to_the_database_thread(
    sockets, settings, monkeypatch
):
    """A crowd leaving (or a restart's disconnections) must not queue one trip each on the
    database thread the live room shares: Channels would close stale connections there."""
    from channels.generic import websocket

    trips = []

    async def close_old_connections():
        trips.append(1)

    monkeypatch.setattr(websocket, "aclose_old_connections", close_old_connections)
    settings.LIVE_PRESENCE_SECONDS = 0.1
    setup = await setup_room()
    learner, _snapshot = await joined(sockets, setup.learner, setup.room)
    trainer, snapshot = await joined(sockets, setup.trainer, setup.room)
    assert snapshot["presence"]["online"] == 2
    await trainer.disconnect()
    while (await next_frame(learner, presence=True))["online"] != 1:
        pass
    assert trips == []
