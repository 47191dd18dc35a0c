"""What a crowd opening the live room page shares: the room as the process's websocket
snapshot holds it (live.selectors.participant_view), and each question rendered once per
process (live.fragments). Each reader still sees their own votes and questions, and each form
carries the reader's own CSRF token."""

import re

import pytest
from asgiref.sync import ThreadSensitiveContext, sync_to_async
from channels.db import database_sync_to_async
from django.db import connections
from django.db.models import F
from django.test import AsyncClient, Client
from django.utils import timezone

from enrollment.factories import EnrollmentFactory
from enrollment.models import Attendance, AttendanceSource
from live import broadcast, hub, selectors, services
from live.factories import QuestionFactory
from live.models import Question, QuestionVote, Room
from tests.live.conftest import joined, next_frame, setup_room

pytestmark = pytest.mark.django_db


def room_url(room) -> str:
    return f"/en/live/{room.pk}/"


def item_of(page: str, question) -> str:
    return page.split(f'id="question-{question.pk}"')[1].split("</li>")[0]


def vote_button(item: str) -> str:
    return re.search(r'<button type="submit" name="action" value="vote"[^>]*>', item)[0]


def withdraw_button(item: str) -> str:
    return re.search(r'<button type="submit" name="action" value="unvote"[^>]*>', item)[0]


def page_of(user, room, client=None) -> str:
    client = client or Client()
    client.force_login(user)
    response = client.get(room_url(room))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def two_learners(setup):
    """The set-up's learner voted for one question and asked another; a second learner of
    the session did neither."""
    other = EnrollmentFactory(session=setup.room.session).user
    voted = QuestionFactory(room=setup.room, text="Which gauges are read daily?", votes=1)
    QuestionVote.objects.create(question=voted, user=setup.learner)
    asked = QuestionFactory(room=setup.room, author=setup.learner, text="Is there a glossary?")
    return other, voted, asked


@pytest.mark.parametrize("first", ["voter", "other"])
def test_each_reader_sees_their_own_marks_whoever_came_first(setup, two_learners, first):
    other, voted, asked = two_learners
    readers = {"voter": setup.learner, "other": other}
    pages = {}
    for name in sorted(readers, key=lambda name: name != first):
        pages[name] = page_of(readers[name], setup.room)
    # The voter: their vote can be withdrawn, their own question shows as theirs and takes no
    # vote from them.
    voter_item = item_of(pages["voter"], voted)
    assert "hidden" in vote_button(voter_item)
    assert "hidden" not in withdraw_button(voter_item)
    own_item = item_of(pages["voter"], asked)
    assert 'data-if="mine">Your question' in own_item
    assert "hidden" in vote_button(own_item)
    # The other learner may vote for both, and neither is theirs.
    for question in (voted, asked):
        item = item_of(pages["other"], question)
        assert "hidden" not in vote_button(item)
        assert "hidden" in withdraw_button(item)
        assert 'data-if="mine" hidden>Your question' in item


def test_a_changed_question_shows_its_change_at_once(learner_client, setup):
    question = QuestionFactory(room=setup.room, text="Where are the slides?", votes=2)
    before = item_of(learner_client.get(room_url(setup.room)).content.decode(), question)
    assert "<strong data-votes>2</strong>" in before
    assert 'data-if="answered" hidden>Answered' in before
    Question.objects.filter(pk=question.pk).update(votes=7, answered=True)
    # Numbered as every change told to the room is (live.services._emit).
    Room.objects.filter(pk=setup.room.pk).update(last_seq=F("last_seq") + 1)
    after = item_of(learner_client.get(room_url(setup.room)).content.decode(), question)
    assert "<strong data-votes>7</strong>" in after
    assert 'data-if="answered">Answered' in after


def test_every_form_carries_the_readers_own_token_which_the_server_accepts(setup, two_learners):
    other, voted, _asked = two_learners
    tokens = {}
    for user in (setup.learner, other):
        client = Client(enforce_csrf_checks=True)
        page = page_of(user, setup.room, client)
        assert "csrf-marker" not in page
        found = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))
        assert len(found) == 1, "one token for every form of the page"
        tokens[user.pk] = found.pop()
        if user == other:
            # A vote sent with the token of the page, as a browser without JavaScript does.
            response = client.post(
                f"/en/live/{setup.room.pk}/act/",
                {
                    "csrfmiddlewaretoken": tokens[user.pk],
                    "action": "vote",
                    "question": voted.pk,
                    "next": room_url(setup.room),
                },
            )
            assert response.status_code == 302
            assert QuestionVote.objects.filter(question=voted, user=other).exists()
    assert tokens[setup.learner.pk] != tokens[other.pk]


def ask(room, user, text) -> Question:
    room = Room.objects.get(pk=room.pk)
    access = services.room_access(user, room.session)
    return services.question_ask(room=room, user=user, access=access, text_=text)


async def page_as_served(user, room) -> str:
    """The page through the ASGI handler in this event loop, as the server runs it."""
    client = AsyncClient()
    await client.aforce_login(user)
    async with ThreadSensitiveContext():
        response = await client.get(room_url(room))
        await sync_to_async(connections.close_all)()  # that thread's, before it ends
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_a_crowd_opening_the_page_reads_the_room_once_until_it_changes(
    sockets, monkeypatch
):
    setup = await setup_room()
    await database_sync_to_async(QuestionFactory)(room=setup.room, text="Are slides shared?")
    built = []
    room_snapshot = selectors.room_snapshot

    def counted(room, *, moderator):
        built.append(moderator)
        return room_snapshot(room, moderator=moderator)

    monkeypatch.setattr(selectors, "room_snapshot", counted)
    socket, _snapshot = await joined(sockets, setup.learner, setup.room)
    assert built == [False]
    crowd = [
        (await database_sync_to_async(EnrollmentFactory)(session=setup.room.session)).user
        for _ in range(3)
    ]
    for user in crowd:
        assert "Are slides shared?" in await page_as_served(user, setup.room)
    assert built == [False], "the pages used the snapshot the websocket arrivals share"
    # A question asked since: the shared copy is older than the room, and is not used.
    await database_sync_to_async(ask)(setup.room, setup.trainer, "Is lunch provided?")
    assert (await next_frame(socket))["kind"] == "question.asked"
    page = await page_as_served(crowd[0], setup.room)
    assert "Is lunch provided?" in page
    assert "Are slides shared?" in page
    assert built == [False, False]


def vote(room, user, question):
    room = Room.objects.get(pk=room.pk)
    access = services.room_access(user, room.session)
    services.question_vote(room=room, user=user, access=access, question_id=question.pk)


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_a_voter_sees_their_vote_counted_before_the_next_tally(sockets, monkeypatch):
    """Votes reach the shared snapshot with the next tally; the voter's own page reads the
    room afresh and shows their vote at once."""
    setup = await setup_room()
    question = await database_sync_to_async(QuestionFactory)(room=setup.room, votes=0)
    other = (await database_sync_to_async(EnrollmentFactory)(session=setup.room.session)).user
    _socket, _snapshot = await joined(sockets, other, setup.room)  # the shared snapshot
    monkeypatch.setattr(broadcast, "request_tally", lambda room_id: None)  # no tally yet
    await database_sync_to_async(vote)(setup.room, setup.learner, question)
    voter = item_of(await page_as_served(setup.learner, setup.room), question)
    assert "<strong data-votes>1</strong>" in voter
    assert "hidden" not in withdraw_button(voter)


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("checked_in", [1, 0])
async def test_the_page_shows_the_counts_the_room_shows_without_counting_again(
    sockets, settings, monkeypatch, checked_in
):
    """While the process follows the room, a crowd's pages show its counts of people
    online and checked in, as the presence frames do, and do not count check-ins again
    (nor when nobody checked in: a count of 0 is a count)."""
    settings.LIVE_PRESENCE_SECONDS = 0.1
    monkeypatch.setattr(hub, "CHECKED_IN_EVERY", 0.1)
    setup = await setup_room()
    if checked_in:
        enrollment = await database_sync_to_async(setup.learner.enrollments.get)()
        await database_sync_to_async(Attendance.objects.create)(
            enrollment=enrollment,
            day=timezone.now().date(),
            source=AttendanceSource.CHECK_IN_CODE,
        )
    socket, _snapshot = await joined(sockets, setup.learner, setup.room)
    while (await next_frame(socket, presence=True))["checked_in"] != checked_in:
        pass
    monkeypatch.setattr(hub, "CHECKED_IN_EVERY", 3600)  # the hub keeps the count it has
    counted = []
    monkeypatch.setattr(services, "checked_in_count", lambda *a, **k: counted.append(1))
    page = await page_as_served(setup.learner, setup.room)
    assert '<strong data-presence="online">1</strong>' in page
    assert f'<strong data-presence="checked_in">{checked_in}</strong>' in page
    assert counted == []
