"""A crowd arriving at a live room at once: each participant gets a correct snapshot, of
their own kind (moderator or not) and with their own votes and questions, while the room's
shared part is read and encoded once per room version; joins from one address are limited."""

import asyncio
import contextlib
import threading

import pytest
from channels import db as channels_db
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext

from config.asgi import application
from enrollment.factories import EnrollmentFactory
from live import hub, selectors, services
from live.factories import PollFactory, QuestionFactory
from live.models import PollState, QuestionStatus
from tests.live.conftest import (
    ack_and_event,
    close_code,
    joined,
    next_frame,
    send,
    session_cookie,
    setup_room,
)
from tests.live.factories import access_of

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CROWD = 50


@pytest.fixture
def builds(monkeypatch):
    """How many times the shared part of a snapshot was read and encoded, per kind."""
    counted = {"moderator": 0, "participant": 0}
    real = selectors.room_snapshot

    def counting(room, *, moderator):
        counted["moderator" if moderator else "participant"] += 1
        return real(room, moderator=moderator)

    monkeypatch.setattr(selectors, "room_snapshot", counting)
    return counted


def learners_of(room, count):
    return [EnrollmentFactory(session=room.session).user for _ in range(count)]


async def crowd_joins(sockets, users, room):
    """Everyone connects at the same time; returns their snapshots in the same order."""
    opened = await asyncio.gather(*(joined(sockets, user, room) for user in users))
    return [snapshot for _communicator, snapshot in opened]


async def test_a_crowd_gets_one_snapshot_read_once(sockets, builds):
    """Fifty learners connecting at once all see the room's question; it was read once."""
    setup = await setup_room()
    question = await database_sync_to_async(QuestionFactory)(room=setup.room, text="Visible")
    crowd = await database_sync_to_async(learners_of)(setup.room, CROWD)

    snapshots = await crowd_joins(sockets, crowd, setup.room)

    assert len(snapshots) == CROWD
    for snapshot in snapshots:
        assert snapshot["type"] == "snapshot"
        assert snapshot["seq"] == 0
        assert snapshot["room"]["id"] == setup.room.pk
        assert [q["text"] for q in snapshot["questions"]] == ["Visible"]
        assert snapshot["questions"][0]["id"] == question.pk
        assert snapshot["me"] == {"moderator": False, "questions": [], "voted": [], "ballots": {}}
        assert 1 <= snapshot["presence"]["online"] <= CROWD
    assert builds == {"moderator": 0, "participant": 1}


async def test_a_new_event_gives_the_next_joiner_a_new_snapshot(sockets, builds):
    """A question asked after the first joiners arrived is in the next joiner's snapshot."""
    setup = await setup_room()
    first, second, later = await database_sync_to_async(learners_of)(setup.room, 3)
    asker, _snapshot = await joined(sockets, first, setup.room)
    _other, snapshot = await joined(sockets, second, setup.room)
    assert snapshot["questions"] == []
    assert builds["participant"] == 1

    await send(asker, "ask", text="Does the model cover droughts?")
    _ack, event = await ack_and_event(asker)

    _late, snapshot = await joined(sockets, later, setup.room)
    assert snapshot["seq"] == event["seq"]
    assert [q["text"] for q in snapshot["questions"]] == ["Does the model cover droughts?"]
    assert builds["participant"] == 2


async def test_moderators_and_learners_arriving_together_get_their_own_views(sockets, builds):
    """A hidden question, a question awaiting moderation and a draft poll reach only the
    trainer's snapshot, even when both arrive at the same moment."""
    setup = await setup_room(premoderation=True)
    await database_sync_to_async(QuestionFactory)(room=setup.room, text="Shown")
    await database_sync_to_async(QuestionFactory)(
        room=setup.room, text="Hidden", status=QuestionStatus.HIDDEN
    )
    await database_sync_to_async(QuestionFactory)(
        room=setup.room, text="Waiting", status=QuestionStatus.PENDING
    )
    await database_sync_to_async(PollFactory)(room=setup.room, question="Draft poll")
    other_learner = (await database_sync_to_async(learners_of)(setup.room, 1))[0]

    trainer, learner, other = await crowd_joins(
        sockets, [setup.trainer, setup.learner, other_learner], setup.room
    )

    assert trainer["me"]["moderator"] is True
    assert sorted(q["text"] for q in trainer["questions"]) == ["Hidden", "Shown", "Waiting"]
    assert [p["question"] for p in trainer["polls"]] == ["Draft poll"]
    for snapshot in (learner, other):
        assert snapshot["me"]["moderator"] is False
        assert [q["text"] for q in snapshot["questions"]] == ["Shown"]
        assert snapshot["polls"] == []
    assert builds == {"moderator": 1, "participant": 1}


def votes_and_questions(setup, voter, asker):
    """`voter` votes on a question and answers a poll; `asker` has a question awaiting
    moderation. Returns the question and the poll's chosen option."""
    question = QuestionFactory(room=setup.room, text="Everyone's")
    services.question_vote(
        room=setup.room, user=voter, access=access_of(voter, setup.room), question_id=question.pk
    )
    poll = PollFactory(room=setup.room, question="Which river?", state=PollState.OPEN)
    option = poll.options.first()
    services.poll_vote(
        room=setup.room,
        user=voter,
        access=access_of(voter, setup.room),
        poll_id=poll.pk,
        option_ids=[option.pk],
    )
    own = services.question_ask(
        room=setup.room, user=asker, access=access_of(asker, setup.room), text_="Mine, waiting"
    )
    return question, poll, option, own


async def test_each_joiner_keeps_their_own_votes_and_questions(sockets, builds, rate_limit_clock):
    """Sharing the room's part does not share the personal one: a learner's votes, ballot
    and question awaiting moderation are theirs alone."""
    setup = await setup_room(premoderation=True)
    voter, asker, bystander = await database_sync_to_async(learners_of)(setup.room, 3)
    question, poll, option, own = await database_sync_to_async(votes_and_questions)(
        setup, voter, asker
    )

    by_voter, by_asker, by_bystander = await crowd_joins(
        sockets, [voter, asker, bystander], setup.room
    )

    assert by_voter["me"] == {
        "moderator": False,
        "questions": [],
        "voted": [question.pk],
        "ballots": {str(poll.pk): [option.pk]},
    }
    assert by_asker["me"]["questions"] == [own.pk]
    assert by_asker["me"]["voted"] == []
    assert [q["text"] for q in by_asker["questions"]] == ["Mine, waiting", "Everyone's"]
    assert [q["text"] for q in by_voter["questions"]] == ["Everyone's"]
    assert by_bystander["me"] == {
        "moderator": False,
        "questions": [],
        "voted": [],
        "ballots": {},
    }
    assert [q["text"] for q in by_bystander["questions"]] == ["Everyone's"]
    assert by_voter["questions"][0]["votes"] == 1
    assert builds["participant"] == 1


async def open_from(address, user, room, query=""):
    """A websocket to the room as `user`, from the network address `address`."""
    cookie = await session_cookie(user)
    headers = [
        (b"origin", b"http://localhost"),
        (b"host", b"localhost"),
        (b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode()),
    ]
    path = f"/ws/live/{room.pk}/" + (f"?{query}" if query else "")
    communicator = WebsocketCommunicator(application, path, headers=headers)
    communicator.scope["client"] = (address, 50_000)
    connected, _subprotocol = await communicator.connect()
    assert connected
    return communicator


async def test_a_flood_of_joins_from_one_address_is_refused(settings, rate_limit_clock):
    """Past LIVE_JOINS_PER_ADDRESS joins in a minute, one address is told to try again in
    a minute and disconnected; other addresses, and the same one a minute later, join."""
    settings.LIVE_JOINS_PER_ADDRESS = 2
    setup = await setup_room()
    opened = [await open_from("203.0.113.7", setup.learner, setup.room) for _ in range(3)]
    try:
        for communicator in opened[:2]:
            assert (await next_frame(communicator))["type"] == "snapshot"
        assert await next_frame(opened[2]) == {
            "type": "refused",
            "reason": "too_many_joins",
            "message": "Too many people are joining from your network at once: "
            "try again in a minute.",
        }
        assert await close_code(opened[2]) == 4429

        opened.append(await open_from("198.51.100.20", setup.learner, setup.room))
        assert (await next_frame(opened[-1]))["type"] == "snapshot"

        rate_limit_clock.value += 60
        opened.append(await open_from("203.0.113.7", setup.learner, setup.room))
        assert (await next_frame(opened[-1]))["type"] == "snapshot"
    finally:
        for communicator in opened:
            await communicator.disconnect()


async def test_the_join_refusal_speaks_the_pages_language(settings, rate_limit_clock):
    settings.LIVE_JOINS_PER_ADDRESS = 1
    setup = await setup_room()
    first = await open_from("203.0.113.9", setup.learner, setup.room)
    refused = await open_from("203.0.113.9", setup.learner, setup.room, "lang=fr")
    try:
        message = (await next_frame(refused))["message"]
        english = "Too many people are joining from your network at once: try again in a minute."
        with translation.override("fr"):
            assert message == gettext(english)
    finally:
        await first.disconnect()
        await refused.disconnect()


async def test_a_crowd_arriving_over_several_passes_keeps_one_sqlite_connection(
    sockets, settings, monkeypatch
):
    """Opening a SQLite connection costs more than a pass's reads: Channels would close it
    after each pass; the passes of one crowd keep it, and it is closed once everyone is in.
    (The tests' in-memory database is never really closed: what is counted is Channels
    asking.)"""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL lends each pass a pooled connection")
    settings.LIVE_TALLY_SECONDS = 3600  # the hub's ticker (presence, check-ins) stays asleep
    setup = await setup_room()
    crowd = await database_sync_to_async(learners_of)(setup.room, 3)
    monkeypatch.setattr(hub, "ARRIVALS_BATCH", 1)  # one pass per arrival
    gate = threading.Event()
    happened = []
    welcomes = selectors.welcomes

    def gated(knocks, known):
        gate.wait()
        happened.append("pass")
        return welcomes(knocks, known)

    monkeypatch.setattr(selectors, "welcomes", gated)
    def close():
        happened.append("close")

    monkeypatch.setattr(channels_db, "close_old_connections", close)  # Channels' own calls
    monkeypatch.setattr(hub, "close_old_connections", close)  # the hub's, once all are in
    arrivals = [asyncio.ensure_future(joined(sockets, user, setup.room)) for user in crowd]
    for _ in range(1000):  # until the first pass waits at the gate and two more knocks queue
        if len(hub.get_hub()._knocks) == 2:
            break
        await asyncio.sleep(0.01)
    gate.set()
    await asyncio.gather(*arrivals)
    await hub.get_hub()._doorkeeper
    passes = "".join(event[0] for event in happened).strip("c")
    assert passes == "ppp", happened
    assert happened[-1] == "close"


async def test_a_crowd_arriving_in_waves_keeps_its_sqlite_connection_between_them(
    sockets, settings, monkeypatch
):
    """A crowd comes in waves, with moments when nobody waits between them: the connection
    stays open until nobody has knocked for CROWD_SECONDS (here longer than the test)."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL lends each pass a pooled connection")
    settings.LIVE_TALLY_SECONDS = 3600  # the hub's ticker (presence, check-ins) stays asleep
    setup = await setup_room()
    first, second = await database_sync_to_async(learners_of)(setup.room, 2)
    monkeypatch.setattr(hub, "CROWD_SECONDS", 3600)
    happened = []
    welcomes = selectors.welcomes

    def counted(knocks, known):
        happened.append("pass")
        return welcomes(knocks, known)

    monkeypatch.setattr(selectors, "welcomes", counted)
    monkeypatch.setattr(hub, "close_old_connections", lambda: happened.append("close"))

    await joined(sockets, first, setup.room)
    assert not hub.get_hub()._knocks  # nobody waits: the first wave is in
    await joined(sockets, second, setup.room)
    doorkeeper = hub.get_hub()._doorkeeper

    assert happened == ["pass", "pass"]
    assert not doorkeeper.done()  # still waiting for the next wave, connection open
    doorkeeper.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await doorkeeper
