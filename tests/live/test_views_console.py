"""The trainers' console and the projector view: who may open them, and each of the
console's plain forms."""

import re

import pytest

from accounts.factories import AdministratorFactory
from courses.models import SessionKind
from live.factories import PollFactory, QuestionFactory
from live.models import (
    Announcement,
    Poll,
    PollState,
    QuestionStatus,
    Room,
    RoomState,
)
from tests.live.factories import live_room_setup

pytestmark = pytest.mark.django_db


def console_url(room) -> str:
    return f"/en/live/{room.pk}/console/"


def projector_url(room) -> str:
    return f"/en/live/{room.pk}/projector/"


def act(client, room, **data):
    data.setdefault("next", console_url(room))
    return client.post(f"/en/live/{room.pk}/act/", data)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def text_of(response) -> str:
    return response.content.decode()


def after(client, response) -> list[str]:
    """The messages shown on the page the form sent the trainer back to."""
    assert response.status_code == 302
    return messages_of(client.get(response["Location"]))


# --- Who may open it ----------------------------------------------------------------------


@pytest.mark.parametrize("page", [console_url, projector_url])
def test_learner_finds_no_console(client, setup, page):
    """For a learner the console and the projector view do not exist."""
    client.force_login(setup.learner)
    assert client.get(page(setup.room)).status_code == 404


@pytest.mark.parametrize("page", [console_url, projector_url])
def test_outsider_finds_no_console(client, setup, page):
    client.force_login(setup.outsider)
    assert client.get(page(setup.room)).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client, setup):
    response = client.get(console_url(setup.room))
    assert response["Location"] == f"/en/accounts/login/?next={console_url(setup.room)}"


def test_administrator_opens_any_console(client, setup):
    """Administrators run every session's room."""
    client.force_login(AdministratorFactory())
    assert client.get(console_url(setup.room)).status_code == 200


def test_trainer_sees_the_console(trainer_client, setup):
    """The console shows the room's controls, settings, queue, questions, polls and the
    announcement form."""
    QuestionFactory(room=setup.room, text="Waiting one", status=QuestionStatus.PENDING)
    QuestionFactory(room=setup.room, text="Shown one")
    QuestionFactory(room=setup.room, text="Hidden one", status=QuestionStatus.HIDDEN)
    PollFactory(room=setup.room, question="Draft poll?")
    page = text_of(trainer_client.get(console_url(setup.room)))
    assert f"Trainer console: <bdi>{setup.room.session.course.title}</bdi>" in page
    assert 'value="room_close" class="danger" data-if="live">Close the room' in page
    assert "Room settings" in page
    assert 'Awaiting moderation (<span data-count="live-pending">1</span>)' in page
    assert "Waiting one" in page and "Shown one" in page and "Hidden one" in page
    assert "Draft poll?" in page
    assert 'data-if="draft">Open the poll' in page
    assert "Send the announcement" in page
    assert "Open to any logged-in user" not in page  # a training, not a seminar


def test_room_page_links_moderators_to_the_console(trainer_client, setup):
    """A trainer on the room page finds the console and the projector view."""
    page = text_of(trainer_client.get(f"/en/live/{setup.room.pk}/"))
    assert f'href="{console_url(setup.room)}"' in page
    assert f'href="{projector_url(setup.room)}"' in page


def test_roster_and_my_sessions_link_to_the_console(trainer_client, setup):
    """The trainer reaches the console from the roster and from My sessions."""
    session = setup.room.session
    roster = text_of(trainer_client.get(f"/en/sessions/{session.pk}/roster/"))
    assert f'href="{console_url(setup.room)}"' in roster
    mine = text_of(trainer_client.get("/en/sessions/mine/"))
    assert f'href="{console_url(setup.room)}"' in mine


# --- The room -----------------------------------------------------------------------------


def test_open_and_close_the_room(trainer_client, setup):
    """The trainer opens the room, then closes it; each time the page says so."""
    setup.room.state = RoomState.SCHEDULED
    setup.room.save()
    response = act(trainer_client, setup.room, action="room_open")
    assert after(trainer_client, response) == ["The live room is open."]
    assert Room.objects.get(pk=setup.room.pk).state == RoomState.LIVE
    response = act(trainer_client, setup.room, action="room_close")
    assert after(trainer_client, response) == ["The live room is closed."]
    assert Room.objects.get(pk=setup.room.pk).state == RoomState.ENDED


def test_learner_cannot_open_the_room(client, setup):
    client.force_login(setup.learner)
    setup.room.state = RoomState.SCHEDULED
    setup.room.save()
    response = act(client, setup.room, action="room_open", next=f"/en/live/{setup.room.pk}/")
    assert after(client, response) == ["Only the session's trainers can do this."]
    assert Room.objects.get(pk=setup.room.pk).state == RoomState.SCHEDULED


def settings_url(room) -> str:
    return f"/en/live/{room.pk}/console/settings/"


def test_room_settings(trainer_client, setup):
    """The trainer sets the links and turns moderation on."""
    data = {
        "video_url": "https://meet.example.org/abc",
        "low_data_url": "audio.example.org/abc",
        "premoderation": "on",
    }
    response = trainer_client.post(settings_url(setup.room), data)
    assert after(trainer_client, response) == ["The room settings are saved."]
    room = Room.objects.get(pk=setup.room.pk)
    assert room.video_url == "https://meet.example.org/abc"
    assert room.low_data_url == "https://audio.example.org/abc"
    assert room.premoderation
    assert room.last_seq == 1  # participants are told


def test_room_settings_refuse_a_bad_link(trainer_client, setup):
    """A link that is not a web address is refused, and the form comes back open."""
    response = trainer_client.post(settings_url(setup.room), {"video_url": "not a link"})
    assert response.status_code == 400
    page = text_of(response)
    assert "Enter a valid URL." in page
    assert '<details class="room-settings" open>' in page
    assert Room.objects.get(pk=setup.room.pk).video_url == ""


def test_seminar_may_open_to_everyone(client):
    """Only a seminar offers to open its room to every logged-in user."""
    setup = live_room_setup()
    session = setup.room.session
    session.kind = SessionKind.SEMINAR
    session.save()
    client.force_login(setup.trainer)
    assert "Open to any logged-in user" in text_of(client.get(console_url(setup.room)))
    client.post(settings_url(setup.room), {"open_to_all": "on"})
    assert Room.objects.get(pk=setup.room.pk).open_to_all


def test_training_cannot_open_to_everyone(trainer_client, setup):
    """A training's room stays closed to people not enrolled, whatever is posted."""
    trainer_client.post(settings_url(setup.room), {"open_to_all": "on"})
    assert not Room.objects.get(pk=setup.room.pk).open_to_all


def test_learner_cannot_change_settings(client, setup):
    client.force_login(setup.learner)
    response = client.post(settings_url(setup.room), {"video_url": "https://x.example.org"})
    assert response.status_code == 404
    assert Room.objects.get(pk=setup.room.pk).video_url == ""


# --- Questions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "field", "value", "message"),
    [
        ("approve", "status", QuestionStatus.VISIBLE, "The question is shown to everyone."),
        ("hide", "status", QuestionStatus.HIDDEN, "The question is hidden."),
        ("answer", "answered", True, "The question is marked as answered."),
    ],
)
def test_moderate_a_question(trainer_client, setup, action, field, value, message):
    """Each moderation button does what it says and tells the trainer."""
    question = QuestionFactory(room=setup.room, status=QuestionStatus.PENDING)
    response = act(trainer_client, setup.room, action="moderate", do=action, question=question.pk)
    assert response["Location"] == f"{console_url(setup.room)}#question-{question.pk}"
    assert after(trainer_client, response) == [message]
    question.refresh_from_db()
    assert getattr(question, field) == value


def test_unanswer_a_question(trainer_client, setup):
    question = QuestionFactory(room=setup.room, answered=True)
    response = act(
        trainer_client, setup.room, action="moderate", do="unanswer", question=question.pk
    )
    assert after(trainer_client, response) == ["The question is marked as not answered."]
    question.refresh_from_db()
    assert not question.answered


def test_pin_and_unpin(trainer_client, setup):
    """A pinned question shows in the pinned box of the room; unpinning empties it."""
    question = QuestionFactory(room=setup.room, text="Pin me")
    response = act(trainer_client, setup.room, action="moderate", do="pin", question=question.pk)
    assert after(trainer_client, response) == ["The question is pinned."]
    assert Room.objects.get(pk=setup.room.pk).pinned_question == question
    page = text_of(trainer_client.get(f"/en/live/{setup.room.pk}/"))
    pinned = page.split('<section class="pinned"')[1].split("</section>")[0]
    assert "Pin me" in pinned
    assert 'data-if="pinned" hidden' not in pinned
    response = act(trainer_client, setup.room, action="moderate", do="unpin", question=question.pk)
    assert after(trainer_client, response) == ["The question is no longer pinned."]
    assert Room.objects.get(pk=setup.room.pk).pinned_question is None


def test_console_buttons_follow_the_question(trainer_client, setup):
    """An answered, pinned question offers "Mark not answered" and "Unpin", not the
    opposites."""
    question = QuestionFactory(room=setup.room, answered=True)
    setup.room.pinned_question = question
    setup.room.save()
    page = text_of(trainer_client.get(console_url(setup.room)))
    item = page.split(f'id="question-{question.pk}"')[1].split("</li>")[0]
    assert 'data-if="visible" data-unless="answered" hidden>Mark answered' in item
    assert 'data-if="visible answered">Mark not answered' in item
    assert 'data-if="visible" data-unless="pinned" hidden>Pin' in item
    assert 'data-if="pinned">Unpin' in item


# --- Polls --------------------------------------------------------------------------------


def test_create_a_poll(trainer_client, setup):
    """The trainer writes a question and its answers; empty answer fields are left out."""
    response = act(
        trainer_client,
        setup.room,
        action="poll_create",
        question="Which day suits you?",
        options=["Monday", "Tuesday", "", "Friday", ""],
        multiple="1",
    )
    assert after(trainer_client, response) == [
        "The poll is ready: open it when learners should answer."
    ]
    poll = Poll.objects.get(room=setup.room)
    assert poll.question == "Which day suits you?"
    assert poll.multiple
    assert poll.state == PollState.DRAFT
    assert [option.text for option in poll.options.all()] == ["Monday", "Tuesday", "Friday"]


def test_poll_with_one_answer_comes_back_as_typed(trainer_client, setup):
    """A poll with a single answer is refused; the form keeps what was typed."""
    response = act(
        trainer_client,
        setup.room,
        action="poll_create",
        question="Only one?",
        options=["Lonely answer", "", "", "", "", ""],
    )
    assert response.status_code == 400
    page = text_of(response)
    assert "A poll needs between 2 and 10 answers." in page
    assert 'value="Only one?"' in page
    assert 'value="Lonely answer"' in page
    assert '<details class="poll-create" open>' in page
    assert not Poll.objects.exists()


def test_poll_form_offers_ten_answers(trainer_client, setup):
    page = text_of(trainer_client.get(console_url(setup.room)))
    assert page.count('name="options" id="live-poll-option-') == 10


def test_open_and_close_a_poll(trainer_client, setup):
    poll = PollFactory(room=setup.room)
    response = act(trainer_client, setup.room, action="poll_open", poll=poll.pk)
    assert response["Location"] == f"{console_url(setup.room)}#poll-{poll.pk}"
    assert after(trainer_client, response) == ["The poll is open."]
    poll.refresh_from_db()
    assert poll.state == PollState.OPEN
    response = act(trainer_client, setup.room, action="poll_close", poll=poll.pk)
    assert after(trainer_client, response) == ["The poll is closed."]
    poll.refresh_from_db()
    assert poll.state == PollState.CLOSED


def test_console_shows_live_results(trainer_client, setup):
    """The trainer sees every poll's results, answered or not."""
    poll = PollFactory(room=setup.room, state=PollState.OPEN, options=["Red", "Blue"])
    poll.voters = 4
    poll.save()
    poll.options.filter(text="Red").update(votes=3)
    poll.options.filter(text="Blue").update(votes=1)
    page = text_of(trainer_client.get(console_url(setup.room)))
    section = page.split(f'id="poll-{poll.pk}"')[1].split("</section>")[0]
    assert '<ol class="poll-results" data-results data-if="results">' in section
    assert "<strong data-votes>3</strong> (<span data-percent>75</span>%)" in section
    assert "<strong data-votes>1</strong> (<span data-percent>25</span>%)" in section
    assert "Answers: <strong data-voters>4</strong>" in section


# --- Announcements ------------------------------------------------------------------------


def test_announce(trainer_client, setup):
    response = act(trainer_client, setup.room, action="announce", text="Back in 5 minutes")
    assert after(trainer_client, response) == ["The announcement is sent."]
    assert Announcement.objects.get(room=setup.room).text == "Back in 5 minutes"


def test_announcement_too_long_comes_back(trainer_client, setup):
    typed = "Long " * 150
    response = act(trainer_client, setup.room, action="announce", text=typed)
    assert response.status_code == 400
    page = text_of(response)
    assert "An announcement is at most 500 characters." in page
    assert f">{typed}</textarea>" in page


# --- The projector ------------------------------------------------------------------------


def test_projector_shows_top_questions_poll_and_pinned(trainer_client, setup):
    """Large-type view: the pinned question, the five most voted, the open poll's results."""
    questions = [QuestionFactory(room=setup.room, votes=n, text=f"Q{n}") for n in range(7)]
    setup.room.pinned_question = questions[0]
    setup.room.save()
    PollFactory(room=setup.room, state=PollState.OPEN, question="Projected poll?")
    PollFactory(room=setup.room, state=PollState.CLOSED, question="Old poll?")
    response = trainer_client.get(projector_url(setup.room))
    page = text_of(response)
    assert response.status_code == 200
    assert '<noscript><meta http-equiv="refresh" content="10"></noscript>' in page
    listing = page.split('id="live-questions"')[1].split("</ol>")[0]
    items = re.findall(r'<li class="question" id="question-(\d+)"[^>]*?( hidden)?>', listing)
    shown = [int(pk) for pk, hidden in items if not hidden]
    assert shown == [q.pk for q in questions[::-1][:5]]
    assert "Projected poll?" in page
    assert "Old poll?" not in page
    pinned = page.split('<section class="pinned"')[1].split("</section>")[0]
    assert "Q0" in pinned
    assert 'data-if="vote"' not in page and 'name="action" value="vote"' not in page
