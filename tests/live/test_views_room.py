"""The live room page as a learner sees it, and its plain forms (ask, vote, answer a poll),
which work without JavaScript."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.factories import TrainerFactory, UserFactory
from courses.factories import (
    CoursePageFactory,
    ThemePageFactory,
    TrainerSnippetFactory,
    TrainingSessionFactory,
)
from courses.models import SessionKind
from enrollment.factories import EnrollmentFactory
from live.factories import PollFactory, QuestionFactory, RoomFactory
from live.models import (
    Announcement,
    PollState,
    PollVote,
    Question,
    QuestionStatus,
    QuestionVote,
    RoomState,
)
from tests.live.factories import LiveRoomSetup, live_room_setup

pytestmark = pytest.mark.django_db


def room_url(room, language="en") -> str:
    return f"/{language}/live/{room.pk}/"


def act_url(room) -> str:
    return f"/en/live/{room.pk}/act/"


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def text_of(response) -> str:
    return response.content.decode()


def question_ids(response) -> list[int]:
    """The questions of the list, in the order the page shows them."""
    listing = text_of(response).split('id="live-questions"')[1].split("</ol>")[0]
    return [int(pk) for pk in re.findall(r'data-question="(\d+)"', listing)]


# --- Who may open the page ----------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_log_in(client, setup):
    """Someone not logged in is asked to log in, then comes back to the room."""
    response = client.get(room_url(setup.room))
    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next=/en/live/{setup.room.pk}/"


@pytest.fixture
def published_setup(home):
    """A room whose course is published on the site, so that it has an address."""
    theme = ThemePageFactory(parent=home, slug="water")
    course = CoursePageFactory(parent=theme, title="Flood early warning", slug="floods")
    trainer = TrainerFactory()
    session = TrainingSessionFactory(course=course, trainers=[TrainerSnippetFactory(user=trainer)])
    room = RoomFactory(session=session)
    learner = EnrollmentFactory(session=session).user
    return LiveRoomSetup(room=room, trainer=trainer, learner=learner, outsider=UserFactory())


def test_outsider_sees_why_and_a_link_to_the_course(client, published_setup):
    """A logged-in person without an enrollment reads why the room is closed to them, and
    finds the course to enroll."""
    client.force_login(published_setup.outsider)
    response = client.get(room_url(published_setup.room))
    page = text_of(response)
    assert response.status_code == 403
    assert "The live room is open to the session&#x27;s confirmed learners." in page
    assert (
        '<a href="/en/water/floods/">About <bdi>Flood early warning</bdi> and its sessions</a>'
        in page
    )
    assert "Ask a question" not in page


def test_room_links_back_to_its_course(client, published_setup):
    """The room names its course and links to it."""
    client.force_login(published_setup.learner)
    page = text_of(client.get(room_url(published_setup.room)))
    assert '<a href="/en/water/floods/" dir="auto">Flood early warning</a>' in page


def test_seminar_open_to_all_lets_any_account_in(client):
    """A seminar opened to every logged-in user shows its room to someone not enrolled."""
    setup = live_room_setup(open_to_all=True)
    setup.room.session.kind = SessionKind.SEMINAR
    setup.room.session.save()
    client.force_login(setup.outsider)
    assert client.get(room_url(setup.room)).status_code == 200


def test_unknown_session_is_not_found(learner_client):
    """A room number that names no session is a 404."""
    assert learner_client.get("/en/live/999999/").status_code == 404


# --- What the page shows ------------------------------------------------------------------


def test_learner_sees_the_room(learner_client, setup):
    """Title, state, links, announcements, pinned question, questions and the ask form."""
    room = setup.room
    room.video_url = "https://meet.example.org/room"
    room.low_data_url = "https://audio.example.org/room"
    pinned = QuestionFactory(room=room, text="What is the agenda?")
    room.pinned_question = pinned
    room.save()
    Announcement.objects.create(room=room, author=setup.trainer, text="Break at 11:00")
    response = learner_client.get(room_url(room))
    page = text_of(response)
    assert response.status_code == 200
    assert f"Live room: <bdi>{room.session.course.title}</bdi>" in page
    assert "Room open" in page
    assert 'href="https://meet.example.org/room"' in page
    assert 'href="https://audio.example.org/room"' in page
    assert "Break at 11:00" in page
    assert page.count("What is the agenda?") == 2  # in the pinned box and in the list
    assert 'name="text"' in page and 'maxlength="500"' in page
    assert "Ask anonymously" in page
    assert 'data-state="live"' in page


def test_page_embeds_nothing_from_elsewhere(learner_client, setup):
    """The video is a link, never a frame: the page makes no request to another site."""
    setup.room.video_url = "https://meet.example.org/room"
    setup.room.save()
    page = text_of(learner_client.get(room_url(setup.room)))
    assert "<iframe" not in page
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?://', page)
    assert "<script>" not in page  # no inline script: the configuration is JSON


def test_scheduled_room_says_it_is_not_open(learner_client, setup):
    """Before the trainers open the room, the page says so."""
    setup.room.state = RoomState.SCHEDULED
    setup.room.save()
    page = text_of(learner_client.get(room_url(setup.room)))
    assert 'data-state="scheduled"' in page
    assert '<span class="state" data-if="scheduled">Not open yet</span>' in page


def test_questions_by_votes_then_newest(learner_client, setup):
    """Most voted first; ?sort=newest puts the latest first."""
    old_popular = QuestionFactory(room=setup.room, votes=3)
    middle = QuestionFactory(room=setup.room, votes=0)
    newest = QuestionFactory(room=setup.room, votes=1)
    by_votes = learner_client.get(room_url(setup.room))
    assert question_ids(by_votes) == [old_popular.pk, newest.pk, middle.pk]
    by_date = learner_client.get(room_url(setup.room) + "?sort=newest")
    assert question_ids(by_date) == [newest.pk, middle.pk, old_popular.pk]


def test_question_shows_votes_answered_and_own_vote(learner_client, setup):
    """Each question shows its votes, whether it was answered, and a vote or withdraw button."""
    answered = QuestionFactory(room=setup.room, votes=4, answered=True, text="Answered one")
    voted = QuestionFactory(room=setup.room, votes=1, text="Voted one")
    QuestionVote.objects.create(question=voted, user=setup.learner)
    page = text_of(learner_client.get(room_url(setup.room)))
    item = page.split(f'id="question-{answered.pk}"')[1].split("</li>")[0]
    assert "<strong data-votes>4</strong>" in item
    assert 'class="badge badge-answered" data-if="answered">Answered' in item
    mine = page.split(f'id="question-{voted.pk}"')[1].split("</li>")[0]
    assert 'value="unvote" class="secondary" aria-describedby' in mine
    assert 'data-if="voted">Withdraw my vote' in mine
    assert (
        f'value="vote" aria-describedby="question-{voted.pk}-text" data-unless="voted mine" hidden'
        in mine
    )


def test_hidden_and_others_pending_questions_are_not_shown(learner_client, setup):
    """Hidden questions and other people's questions awaiting moderation stay off the page;
    the learner's own pending question shows with its status."""
    QuestionFactory(room=setup.room, text="Hidden one", status=QuestionStatus.HIDDEN)
    QuestionFactory(room=setup.room, text="Someone else's", status=QuestionStatus.PENDING)
    QuestionFactory(
        room=setup.room, text="My own", status=QuestionStatus.PENDING, author=setup.learner
    )
    page = text_of(learner_client.get(room_url(setup.room)))
    assert "Hidden one" not in page
    assert "Someone else" not in page
    assert "My own" in page
    assert 'data-if="pending">Awaiting moderation' in page


def test_question_text_is_escaped_and_links_are_safe(learner_client, setup):
    """Markup in a question shows as typed; a web address becomes a link that opens apart."""
    QuestionFactory(room=setup.room, text="<b>bold</b> see https://example.org/doc")
    page = text_of(learner_client.get(room_url(setup.room)))
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "<b>bold</b>" not in page
    assert (
        '<a href="https://example.org/doc" rel="nofollow noopener noreferrer ugc" '
        'target="_blank" dir="ltr">https://example.org/doc</a>'
    ) in page


def test_anonymous_question_shows_no_name(learner_client, setup):
    """An anonymous question shows "Anonymous", not its author's name."""
    author = setup.outsider
    QuestionFactory(room=setup.room, author=author, anonymous=True, text="Shy question")
    page = text_of(learner_client.get(room_url(setup.room)))
    assert author.get_full_name() not in page
    assert 'data-if="anonymous">Anonymous' in page


def test_open_poll_shows_a_form_then_results(learner_client, setup):
    """An open poll offers its answers; once answered, the results with their numbers."""
    poll = PollFactory(room=setup.room, state=PollState.OPEN, question="Coffee or tea?")
    page = text_of(learner_client.get(room_url(setup.room)))
    form = page.split(f'id="poll-{poll.pk}"')[1].split("</section>")[0]
    assert "Coffee or tea?" in form
    assert form.count('type="radio" name="options"') == 2
    assert 'data-unless="voted results">The results appear once you have answered.' in form
    yes = poll.options.get(text="Yes")
    response = learner_client.post(
        act_url(setup.room),
        {"action": "poll_vote", "poll": poll.pk, "options": [yes.pk], "next": room_url(setup.room)},
        follow=True,
    )
    assert PollVote.objects.filter(poll=poll, user=setup.learner).exists()
    assert messages_of(response) == ["Your answer is counted."]
    results = text_of(response).split(f'id="poll-{poll.pk}"')[1].split("</section>")[0]
    assert '<progress max="1" value="1" aria-hidden="true"></progress>' in results
    assert "<strong data-votes>1</strong> (<span data-percent>100</span>%)" in results
    assert "data-chosen>Your answer" in results
    assert (
        'class="poll-vote when-live" data-live-form data-if="open" data-unless="voted" hidden'
        in results
    )


def test_multiple_choice_poll_offers_checkboxes(learner_client, setup):
    """A poll allowing several answers shows checkboxes."""
    PollFactory(room=setup.room, state=PollState.OPEN, multiple=True, options=["A", "B", "C"])
    page = text_of(learner_client.get(room_url(setup.room)))
    assert page.count('type="checkbox" name="options"') == 3
    assert 'data-if="multiple">Choose one or more answers.' in page


def test_draft_poll_is_not_shown(learner_client, setup):
    """A poll the trainer has not opened yet is not on the learner's page."""
    PollFactory(room=setup.room, question="Secret draft?")
    assert "Secret draft?" not in text_of(learner_client.get(room_url(setup.room)))


def test_page_queries_do_not_grow_with_the_room(learner_client, setup):
    """The page reads the same number of queries for 2 questions and polls as for 20."""
    for _n in range(2):
        QuestionFactory(room=setup.room)
        PollFactory(room=setup.room, state=PollState.OPEN)
    # The first visits also start the session and keep what only editors change.
    learner_client.get(room_url(setup.room))
    learner_client.get(room_url(setup.room))
    with CaptureQueriesContext(connection) as few:
        learner_client.get(room_url(setup.room))
    for _n in range(18):
        QuestionFactory(room=setup.room)
        PollFactory(room=setup.room, state=PollState.OPEN)
    with CaptureQueriesContext(connection) as many:
        learner_client.get(room_url(setup.room))
    assert len(many) == len(few)
    # Each of a seminar's arrivals opens it: the user, the broadcast and the session's time
    # zone are read once, and a learner's menu reads no permission (24 queries before).
    assert len(few) <= 19, "\n".join(q["sql"][:100] for q in few.captured_queries)


def test_page_carries_what_the_script_needs(learner_client, setup):
    """The script reads its configuration from data attributes and a JSON element."""
    setup.room.last_seq = 7
    setup.room.save()
    page = text_of(learner_client.get(room_url(setup.room)))
    pk = setup.room.pk
    assert f'data-ws="/ws/live/{pk}/"' in page
    assert f'data-events="/api/live/{pk}/events"' in page
    assert f'data-actions="/api/live/{pk}/actions"' in page
    assert 'data-seq="7"' in page
    assert 'data-lang="en"' in page
    assert '<script id="live-config" type="application/json">' in page
    assert 'src="/static/live/live.js" defer' in page


def test_arabic_room_reads_right_to_left(client, setup):
    """The Arabic page is laid out right to left."""
    client.force_login(setup.learner)
    page = text_of(client.get(room_url(setup.room, "ar")))
    assert '<html lang="ar" dir="rtl">' in page
    assert 'data-lang="ar"' in page


# --- The plain forms ----------------------------------------------------------------------


def ask(client, room, text, **extra):
    data = {"action": "ask", "text": text, "next": room_url(room), **extra}
    return client.post(act_url(room), data)


def test_ask_without_javascript(learner_client, setup):
    """The form posts the question, then the page comes back with a message."""
    response = ask(learner_client, setup.room, "Will the slides be shared?")
    assert response.status_code == 302
    assert response["Location"] == room_url(setup.room)
    question = Question.objects.get(room=setup.room)
    assert question.text == "Will the slides be shared?"
    assert question.author == setup.learner
    assert question.status == QuestionStatus.VISIBLE
    assert not question.anonymous
    page = learner_client.get(response["Location"])
    assert messages_of(page) == ["Your question is posted."]
    assert "Will the slides be shared?" in text_of(page)


def test_ask_anonymously(learner_client, setup):
    """Ticking "ask anonymously" hides the learner's name."""
    ask(learner_client, setup.room, "A shy one", anonymous="1")
    assert Question.objects.get(room=setup.room).anonymous


def test_ask_under_premoderation_waits_for_approval(learner_client, setup):
    """With moderation on, the learner is told the question awaits a trainer."""
    setup.room.premoderation = True
    setup.room.save()
    response = ask(learner_client, setup.room, "Moderated question")
    assert Question.objects.get(room=setup.room).status == QuestionStatus.PENDING
    page = learner_client.get(response["Location"])
    assert messages_of(page) == ["Your question is sent: it appears once a trainer approves it."]


def test_ask_error_keeps_the_typed_text(learner_client, setup):
    """A question too long comes back with the reason and the text as typed."""
    typed = "Why " + "x" * 600
    response = ask(learner_client, setup.room, typed, anonymous="1")
    assert response.status_code == 400
    page = text_of(response)
    assert "A question is at most 500 characters." in page
    assert f">{typed}</textarea>" in page
    assert 'id="live-ask-anonymous" aria-describedby="live-ask-anonymous-help" checked' in page
    assert not Question.objects.exists()


def test_ask_empty_question(learner_client, setup):
    """An empty question is refused with a message in the learner's language."""
    response = ask(learner_client, setup.room, "   ")
    assert response.status_code == 400
    assert "Type a question first." in text_of(response)


def test_ask_in_a_closed_room(learner_client, setup):
    """Once the room is closed, asking is refused and says why."""
    setup.room.state = RoomState.ENDED
    setup.room.save()
    response = ask(learner_client, setup.room, "Too late?")
    assert "The live room is not open." in text_of(response)
    assert not Question.objects.exists()


def test_ask_rate_limit_says_to_wait(learner_client, setup, settings, rate_limit_clock):
    """Asking too often is refused with a message; the text is kept."""
    settings.LIVE_RATE_LIMITS = {"ask": 1, "vote": 60, "poll_vote": 30, "moderate": 300}
    ask(learner_client, setup.room, "First")
    response = ask(learner_client, setup.room, "Second, too soon")
    assert response.status_code == 429
    page = text_of(response)
    assert "Too many actions at once: wait a minute and try again." in page
    assert ">Second, too soon</textarea>" in page
    assert Question.objects.count() == 1


def test_ask_keeps_the_sort_on_error(learner_client, setup):
    """A refused question comes back on the list sorted as the learner had it."""
    data = {"action": "ask", "text": "", "next": room_url(setup.room) + "?sort=newest"}
    page = text_of(learner_client.post(act_url(setup.room), data))
    assert '<a href="?sort=newest" aria-current="true">' in page


def test_vote_and_withdraw(learner_client, setup):
    """Voting adds the learner's vote; withdrawing removes it; each says so."""
    question = QuestionFactory(room=setup.room)
    data = {"action": "vote", "question": question.pk, "next": room_url(setup.room)}
    response = learner_client.post(act_url(setup.room), data)
    assert response["Location"] == f"{room_url(setup.room)}#question-{question.pk}"
    assert QuestionVote.objects.filter(question=question, user=setup.learner).exists()
    question.refresh_from_db()
    assert question.votes == 1
    assert messages_of(learner_client.get(room_url(setup.room))) == ["Your vote is counted."]
    data["action"] = "unvote"
    learner_client.post(act_url(setup.room), data)
    question.refresh_from_db()
    assert question.votes == 0
    assert messages_of(learner_client.get(room_url(setup.room))) == ["Your vote is withdrawn."]


def test_vote_for_a_hidden_question(learner_client, setup):
    """A question hidden meanwhile cannot get votes; the learner is told."""
    question = QuestionFactory(room=setup.room, status=QuestionStatus.HIDDEN)
    data = {"action": "vote", "question": question.pk, "next": room_url(setup.room)}
    response = learner_client.post(act_url(setup.room), data, follow=True)
    assert messages_of(response) == ["This question no longer exists."]


def test_asking_an_open_question_again_is_refused_at_the_field(learner_client, setup):
    """The same question as one already shown, in other capitals, comes back at the field
    with the reason and the text as typed; nothing is added."""
    QuestionFactory(room=setup.room, text="Will the slides be shared?")
    response = ask(learner_client, setup.room, "will the SLIDES be shared?")
    assert response.status_code == 400
    page = text_of(response)
    assert "This question has already been asked: vote for it instead." in page
    assert ">will the SLIDES be shared?</textarea>" in page
    assert Question.objects.filter(room=setup.room).count() == 1


def test_a_learner_cannot_vote_for_their_own_question(learner_client, setup):
    """The vote button is hidden on the learner's own question, and a vote posted anyway is
    refused with a message."""
    own = QuestionFactory(room=setup.room, author=setup.learner, text="My own one")
    page = text_of(learner_client.get(room_url(setup.room)))
    item = page.split(f'id="question-{own.pk}"')[1].split("</li>")[0]
    assert 'value="vote"' in item
    assert 'data-unless="voted mine" hidden>Vote</button>' in item
    data = {"action": "vote", "question": own.pk, "next": room_url(setup.room)}
    response = learner_client.post(act_url(setup.room), data, follow=True)
    assert messages_of(response) == ["You cannot vote for your own question."]
    own.refresh_from_db()
    assert own.votes == 0


def test_the_question_field_states_its_limit(learner_client, setup):
    """The question box says how long a question may be, and carries the message the
    page's script shows when a pasted text is cut."""
    page = text_of(learner_client.get(room_url(setup.room)))
    assert 'maxlength="500"' in page
    assert 'aria-describedby="live-ask-help"' in page
    assert '<span class="helptext" id="live-ask-help">At most 500 characters.</span>' in page
    assert 'data-too-long="A question is at most 500 characters."' in page


def test_poll_vote_without_a_choice(learner_client, setup):
    """Sending a poll without choosing says to choose."""
    poll = PollFactory(room=setup.room, state=PollState.OPEN)
    data = {"action": "poll_vote", "poll": poll.pk, "next": room_url(setup.room)}
    response = learner_client.post(act_url(setup.room), data, follow=True)
    assert messages_of(response) == ["Choose an answer."]
    assert not PollVote.objects.exists()


def test_learner_cannot_moderate(learner_client, setup):
    """A learner posting a trainer's form is refused."""
    question = QuestionFactory(room=setup.room)
    data = {"action": "moderate", "do": "hide", "question": question.pk}
    response = learner_client.post(act_url(setup.room), data, follow=True)
    assert messages_of(response) == ["Only the session's trainers can do this."]
    question.refresh_from_db()
    assert question.status == QuestionStatus.VISIBLE


def test_form_never_sends_elsewhere(learner_client, setup):
    """A `next` pointing to another site is ignored."""
    response = ask(learner_client, setup.room, "Hi", next="https://evil.example.org/")
    assert response["Location"] == room_url(setup.room)


def test_outsider_cannot_post(client, setup):
    """Someone not allowed in gets the refusal page, and nothing is created."""
    client.force_login(setup.outsider)
    response = ask(client, setup.room, "Let me in")
    assert response.status_code == 403
    assert not Question.objects.exists()


def test_forms_need_a_post(learner_client, setup):
    """Opening the form's address is not an action."""
    assert learner_client.get(act_url(setup.room)).status_code == 405
