"""The process's hub: one subscription per room, events to the right rooms, long-poll
waits, and votes gathered into tallies."""

import asyncio

import pytest
from channels.db import database_sync_to_async

from enrollment.factories import EnrollmentFactory
from live import services
from live.factories import QuestionFactory
from live.hub import get_hub
from tests.live.conftest import joined, next_frame, quiet, setup_room
from tests.live.factories import access_of

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@database_sync_to_async
def announce(setup, text_):
    return services.announce(
        room=setup.room, by=setup.trainer, access=access_of(setup.trainer, setup.room), text_=text_
    )


async def test_a_room_is_subscribed_once_and_released_with_its_last_participant(sockets):
    setup = await setup_room()
    learner, _snapshot = await joined(sockets, setup.learner, setup.room)
    trainer, _snapshot = await joined(sockets, setup.trainer, setup.room)
    room = get_hub().rooms[setup.room.pk]
    assert len(room.connections) == 2
    assert get_hub().online(setup.room.pk) == 2
    await learner.disconnect()
    assert get_hub().online(setup.room.pk) == 1
    await trainer.disconnect()
    assert setup.room.pk not in get_hub().rooms
    assert get_hub().online(setup.room.pk) == 0


async def test_a_participant_in_two_tabs_is_online_once_until_both_close(sockets):
    setup = await setup_room()
    first_tab, _snapshot = await joined(sockets, setup.learner, setup.room)
    second_tab, _snapshot = await joined(sockets, setup.learner, setup.room)
    trainer, _snapshot = await joined(sockets, setup.trainer, setup.room)
    assert get_hub().online(setup.room.pk) == 2
    await first_tab.disconnect()
    assert get_hub().online(setup.room.pk) == 2
    await second_tab.disconnect()
    assert get_hub().online(setup.room.pk) == 1
    await trainer.disconnect()


async def test_events_reach_only_their_rooms_participants(sockets):
    first, second = await setup_room(), await setup_room()
    here, _snapshot = await joined(sockets, first.learner, first.room)
    there, _snapshot = await joined(sockets, second.learner, second.room)
    await announce(first, "For the first room")
    event = await next_frame(here)
    assert (event["seq"], event["data"]["text"]) == (1, "For the first room")
    assert await quiet(there) == []


async def test_a_long_poll_wakes_up_when_an_event_arrives():
    setup = await setup_room()
    hub = get_hub()

    async def nothing_yet():
        return False

    waiting = asyncio.ensure_future(
        hub.wait_for_event(setup.room.pk, 0, timeout=5, check=nothing_yet)
    )
    await asyncio.sleep(0.1)
    hub.note_poller(setup.room.pk, setup.learner.pk)
    assert hub.online(setup.room.pk) == 1
    started = asyncio.get_running_loop().time()
    await announce(setup, "Wake up")
    assert await waiting is True
    assert asyncio.get_running_loop().time() - started < 2
    assert setup.room.pk not in hub.rooms


async def test_a_long_poll_times_out_without_events_and_skips_waiting_when_some_exist():
    setup = await setup_room()
    hub = get_hub()
    checked = []

    async def already_there():
        checked.append(True)
        return True

    assert await hub.wait_for_event(setup.room.pk, 0, timeout=5, check=already_there) is True
    assert checked == [True]

    async def nothing_yet():
        return False

    assert await hub.wait_for_event(setup.room.pk, 0, timeout=0.2, check=nothing_yet) is False
    assert hub.rooms == {}


async def test_votes_arriving_together_make_one_tally(sockets, settings):
    settings.LIVE_TALLY_SECONDS = 0.5
    setup = await setup_room()
    question = await database_sync_to_async(QuestionFactory)(room=setup.room)
    learner, _snapshot = await joined(sockets, setup.learner, setup.room)

    def five_votes():
        voters = [setup.learner] + [
            EnrollmentFactory(session=setup.room.session).user for _ in range(4)
        ]
        accesses = [access_of(voter, setup.room) for voter in voters]
        for voter, access in zip(voters, accesses, strict=True):
            services.question_vote(
                room=setup.room, user=voter, access=access, question_id=question.pk
            )

    await database_sync_to_async(five_votes)()
    tallies = [await next_frame(learner)]
    while tallies[-1]["data"]["questions"] != {str(question.pk): 5}:
        tallies.append(await next_frame(learner))
    assert {t["kind"] for t in tallies} == {"tally"}
    assert len(tallies) <= 2
    assert await quiet(learner) == []
