"""A seminar's crowd opening the live room page: everyone who has done nothing in the room
yet gets the page as the first of them got it (live.fragments.crowd_page), with their own
CSRF token, account menu and the counts of the moment; anyone the page shows more of their
own gets a page rendered for them."""

import re

import pytest
from channels.db import database_sync_to_async
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest
from django.test import AsyncClient
from django.test.signals import template_rendered

from accounts.factories import TrainerFactory
from enrollment.factories import EnrollmentFactory
from live.factories import QuestionFactory
from tests.live.conftest import joined, next_frame, setup_room
from tests.live.test_views_room_shared import ask, page_as_served, room_url

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def room_renders():
    """How many times the room page's template was rendered."""
    rendered = []

    def receive(sender, template, context, **kwargs):
        if template.name == "live/room.html":
            rendered.append(template.name)

    template_rendered.connect(receive)
    yield rendered
    template_rendered.disconnect(receive)


async def crowd_of(room, count):
    return [
        (await database_sync_to_async(EnrollmentFactory)(session=room.session)).user
        for _ in range(count)
    ]


def tokens_of(page: str) -> set[str]:
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))


def online_of(page: str) -> str:
    return re.search(r'<strong data-presence="online">([^<]*)</strong>', page)[1]


async def test_the_crowd_gets_one_render_with_their_own_tokens_and_the_counts_of_the_moment(
    sockets, settings, room_renders
):
    settings.LIVE_PRESENCE_SECONDS = 0.1
    setup = await setup_room()
    await database_sync_to_async(QuestionFactory)(room=setup.room, text="Are slides shared?")
    socket, _snapshot = await joined(sockets, setup.learner, setup.room)
    first, second, third = await crowd_of(setup.room, 3)

    page = await page_as_served(first, setup.room)
    assert "Are slides shared?" in page
    assert online_of(page) == "1"
    assert room_renders == ["live/room.html"]

    _other_socket, _snapshot = await joined(sockets, third, setup.room)
    while (await next_frame(socket, presence=True))["online"] != 2:
        pass
    next_page = await page_as_served(second, setup.room)
    assert room_renders == ["live/room.html"], "the second reader got the first one's page"
    assert "Are slides shared?" in next_page
    assert online_of(next_page) == "2", "the count of the moment, not the first reader's"

    first_tokens, second_tokens = tokens_of(page), tokens_of(next_page)
    assert len(first_tokens) == len(second_tokens) == 1, "one token for every form"
    assert first_tokens != second_tokens
    assert first_tokens.pop() not in next_page
    assert f'data-csrf="{second_tokens.pop()}"' in next_page
    assert "-marker-" not in page + next_page


async def test_a_reader_with_a_message_waiting_gets_it(sockets, room_renders):
    setup = await setup_room()
    _socket, _snapshot = await joined(sockets, setup.learner, setup.room)
    first, second = await crowd_of(setup.room, 2)
    await page_as_served(first, setup.room)
    client = AsyncClient()
    await client.aforce_login(second)
    waiting = [Message(constants.SUCCESS, "You are enrolled in the seminar.")]
    client.cookies[CookieStorage.cookie_name] = CookieStorage(HttpRequest())._encode(waiting)
    response = await client.get(room_url(setup.room))
    assert response.status_code == 200
    assert "You are enrolled in the seminar." in response.content.decode()
    assert len(room_renders) == 2


async def test_someone_who_may_open_the_admin_gets_their_menu_and_the_user_bar(
    sockets, room_renders
):
    setup = await setup_room()
    _socket, _snapshot = await joined(sockets, setup.learner, setup.room)
    (learner,) = await crowd_of(setup.room, 1)
    trainer = await database_sync_to_async(TrainerFactory)()
    await database_sync_to_async(EnrollmentFactory)(session=setup.room.session, user=trainer)

    learners_page = await page_as_served(learner, setup.room)
    trainers_page = await page_as_served(trainer, setup.room)
    again = await page_as_served(learner, setup.room)
    assert "Administration" in trainers_page
    assert "wagtail-userbar" in trainers_page
    for page in (learners_page, again):
        assert "Administration" not in page
        assert "wagtail-userbar" not in page
    assert len(room_renders) == 2, "the trainer's page was theirs; the learner's the crowd's"


async def test_a_change_in_the_room_reaches_the_next_readers_page(sockets, room_renders):
    setup = await setup_room()
    socket, _snapshot = await joined(sockets, setup.learner, setup.room)
    first, second, third = await crowd_of(setup.room, 3)
    assert "Is there a recording?" not in await page_as_served(first, setup.room)
    await database_sync_to_async(ask)(setup.room, setup.trainer, "Is there a recording?")
    assert (await next_frame(socket))["kind"] == "question.asked"
    assert "Is there a recording?" in await page_as_served(second, setup.room)
    assert "Is there a recording?" in await page_as_served(third, setup.room)
    assert len(room_renders) == 2, "one render for each state of the room"


def seq_of(page: str) -> int:
    return int(re.search(r'data-seq="(\d+)"', page)[1])


async def test_in_a_busy_room_the_crowd_shares_a_page_a_little_behind_which_its_script_catches_up(
    sockets, settings, room_renders
):
    """Within LIVE_PAGE_LAG_SECONDS of its render a crowd's page serves after the room
    changed: it says which event it shows, and the websocket opened from it replays the
    events since."""
    settings.LIVE_PAGE_LAG_SECONDS = 3600
    setup = await setup_room()
    socket, _snapshot = await joined(sockets, setup.learner, setup.room)
    first, second, third = await crowd_of(setup.room, 3)
    before = await page_as_served(first, setup.room)
    await database_sync_to_async(ask)(setup.room, setup.trainer, "Is there a recording?")
    assert (await next_frame(socket))["kind"] == "question.asked"

    behind = await page_as_served(second, setup.room)
    assert room_renders == ["live/room.html"]
    assert "Is there a recording?" not in behind
    assert seq_of(behind) == seq_of(before)
    caught_up, connected = await sockets(second, setup.room.pk, f"since={seq_of(behind)}")
    assert connected
    replayed = await next_frame(caught_up)
    assert replayed["kind"] == "question.asked"
    assert replayed["seq"] == seq_of(behind) + 1

    settings.LIVE_PAGE_LAG_SECONDS = 0
    assert "Is there a recording?" in await page_as_served(third, setup.room)
    assert len(room_renders) == 2
