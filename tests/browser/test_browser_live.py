"""The live room in real browsers, each person in their own context, served over HTTP and
websockets by the ASGI application: a learner and a trainer run a moderated Q&A and a poll,
the learner's connection drops and comes back with nothing missing, the projector follows;
a network that blocks websockets falls back to HTTP; without JavaScript the forms work."""

import pytest
from playwright.sync_api import expect

from accounts.factories import DEFAULT_PASSWORD
from cms.database import retry_when_busy
from live.factories import PollFactory, QuestionFactory
from live.models import PollState, Question, QuestionStatus
from tests.browser.conftest import wait_for
from tests.live.factories import live_room_setup

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def open_logged_in(context, path, user):
    """Log in through the form and land on `path`; the page records script errors."""
    page = watched(context.new_page())
    page.goto(f"/en/accounts/login/?next={path}")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"**{path}")
    return page


def watched(page):
    """The page, recording the errors its scripts raise or log."""
    page.script_errors = []
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    page.on(
        "console",
        lambda message: message.type == "error" and page.script_errors.append(message.text),
    )
    return page


def wait_live(page):
    wait_for(page, "window.liveRoom && window.liveRoom.mode === 'live'")


def test_learner_and_trainer_run_a_moderated_qa_and_a_poll_through_a_network_cut(
    asgi_contexts, home
):
    setup = live_room_setup(premoderation=True)
    room = f"/en/live/{setup.room.pk}/"
    learner = open_logged_in(asgi_contexts(), room, setup.learner)
    trainer_context = asgi_contexts()
    console = open_logged_in(trainer_context, f"{room}console/", setup.trainer)
    projector = watched(trainer_context.new_page())
    projector.goto(f"{room}projector/")
    for page in (learner, console, projector):
        wait_live(page)
    assert learner.evaluate("liveRoom.transport") == "websocket"

    # The learner asks; the question waits for the trainer's approval.
    learner.fill("#live-ask-text", "Can we get the <slides> after class?")
    learner.get_by_role("button", name="Send my question").click()
    mine = learner.locator("#live-questions li", has_text="Can we get the <slides> after class?")
    expect(mine.locator(".badge-pending")).to_be_visible()
    queued = console.locator("#live-pending li", has_text="Can we get the <slides>")
    expect(queued).to_be_visible()
    expect(projector.locator("#live-questions li", has_text="<slides>")).to_have_count(0)

    # The trainer approves it and marks it answered: the learner sees both, so does the
    # projector.
    queued.get_by_role("button", name="Approve").click()
    expect(mine.locator(".badge-pending")).to_be_hidden()
    question = Question.objects.get(text__startswith="Can we get")
    assert question.status == QuestionStatus.VISIBLE
    console.locator(f"#question-{question.pk}").get_by_role("button", name="Mark answered").click()
    expect(learner.locator(f"#question-{question.pk} .badge-answered")).to_be_visible()
    expect(projector.locator(f"#question-{question.pk}")).to_contain_text(
        "Can we get the <slides> after class?"
    )

    # A poll: created and opened by the trainer, answered by the learner, results live on
    # the console and the projector.
    console.locator("summary", has_text="New poll").click()
    console.fill("#live-poll-question", "Which tool do you use?")
    console.fill("#live-poll-option-1", "QGIS")
    console.fill("#live-poll-option-2", "ArcGIS")
    console.get_by_role("button", name="Create the poll").click()
    console_poll = console.locator("#live-polls section.poll", has_text="Which tool do you use?")
    console_poll.get_by_role("button", name="Open the poll").click()
    learner_poll = learner.locator("#live-polls section.poll", has_text="Which tool do you use?")
    learner_poll.get_by_label("QGIS").check()
    learner_poll.get_by_role("button", name="Send my answer").click()
    expect(learner_poll.locator(".poll-results")).to_be_visible()
    expect(console_poll.locator("[data-voters]")).to_have_text("1")
    expect(projector.locator("#live-polls", has_text="Which tool do you use?")).to_be_visible()

    # The learner's connection drops; meanwhile the trainer announces and closes the poll.
    # When it comes back, nothing is missing.
    seen = learner.evaluate("liveRoom.last")
    learner.evaluate("liveRoom.drop()")
    console.fill("#live-announce-text", "Break until 11:00")
    console.get_by_role("button", name="Send the announcement").click()
    console_poll.get_by_role("button", name="Close the poll").click()
    wait_live(learner)
    expect(learner.locator("#live-announcements li").first).to_contain_text("Break until 11:00")
    expect(learner_poll.get_by_role("button", name="Send my answer")).to_be_hidden()
    wait_for(learner, f"liveRoom.last >= {seen + 2}")
    setup.room.refresh_from_db()
    assert learner.evaluate("liveRoom.last") == setup.room.last_seq

    for page in (learner, console, projector):
        assert page.script_errors == [], page.script_errors


def test_a_network_that_blocks_websockets_falls_back_to_http(asgi_contexts, home):
    setup = live_room_setup()
    other = QuestionFactory(room=setup.room, text="Someone else's question")
    room = f"/en/live/{setup.room.pk}/"
    blocked = asgi_contexts()
    blocked.route_web_socket("**/ws/live/**", lambda socket: socket.close())
    learner = open_logged_in(blocked, room, setup.learner)
    wait_for(learner, "window.liveRoom && liveRoom.transport === 'http'", timeout_ms=10_000)
    expect(learner.locator("[data-live-status]")).to_have_text("Slow connection mode")
    console = open_logged_in(asgi_contexts(), f"{room}console/", setup.trainer)
    wait_live(console)

    console.fill("#live-announce-text", "Welcome, everyone")
    console.get_by_role("button", name="Send the announcement").click()
    expect(learner.locator("#live-announcements li").first).to_contain_text("Welcome, everyone")
    learner.fill("#live-ask-text", "Asked over plain HTTP")
    learner.get_by_role("button", name="Send my question").click()
    asked = console.locator("#live-questions li", has_text="Asked over plain HTTP")
    expect(asked).to_be_visible()
    learner.locator(f"#question-{other.pk}").get_by_role("button", name="Vote").click()
    expect(console.locator(f"#question-{other.pk} [data-votes]")).to_have_text("1")
    for page in (learner, console):
        assert page.script_errors == [], page.script_errors


def test_without_javascript_the_room_takes_questions_votes_and_poll_answers(asgi_contexts, home):
    setup = live_room_setup()
    existing = QuestionFactory(room=setup.room, text="Is there a recording?")
    poll = PollFactory(
        room=setup.room,
        state=PollState.OPEN,
        question="Morning or afternoon?",
        options=["Morning", "Afternoon"],
    )
    room = f"/en/live/{setup.room.pk}/"
    browser_context = asgi_contexts(java_script_enabled=False)
    page = browser_context.new_page()
    page.goto(f"/en/accounts/login/?next={room}")
    page.get_by_label("Email").fill(setup.learner.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"**{room}")

    page.fill("#live-ask-text", "Sent without any script")
    page.get_by_role("button", name="Send my question").click()
    expect(page.locator("#live-questions li", has_text="Sent without any script")).to_be_visible()
    page.locator(f"#question-{existing.pk}").get_by_role("button", name="Vote").click()
    expect(page.locator(f"#question-{existing.pk} [data-votes]")).to_have_text("1")
    section = page.locator("#live-polls section.poll", has_text="Morning or afternoon?")
    section.get_by_label("Afternoon").check()
    section.get_by_role("button", name="Send my answer").click()
    expect(section.locator("[data-voters]")).to_have_text("1")
    # The server's threads may still hold SQLite's write lock: read as the platform does.
    retry_when_busy(poll.refresh_from_db)
    assert poll.voters == 1


def test_the_arabic_room_reads_right_to_left_on_a_phone(asgi_contexts, home):
    setup = live_room_setup()
    QuestionFactory(room=setup.room, text="هل ستتوفر الشرائح بعد الجلسة؟")
    context = asgi_contexts(locale="ar")
    page = open_logged_in(context, f"/ar/live/{setup.room.pk}/", setup.learner)
    page.set_viewport_size({"width": 390, "height": 800})
    wait_live(page)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    expect(page.locator("#live-questions li", has_text="هل ستتوفر الشرائح")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways at phone width ({width} px)"
    assert page.script_errors == [], page.script_errors
