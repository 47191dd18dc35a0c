"""Arabic pages in Chromium, checked where the letters land on the screen: English text
written by editors and learners (a course summary, a question, an announcement, a poll)
keeps its punctuation at its end, and a session's time zone reads in order."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from accounts.factories import UserFactory
from cms.factories import translate
from courses.factories import CoursePageFactory, ThemePageFactory, TrainingSessionFactory
from live.factories import PollFactory, QuestionFactory
from live.models import Announcement, PollState
from tests.browser.conftest import wait_for
from tests.browser.test_browser_live import open_logged_in, wait_live
from tests.live.factories import live_room_setup

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SUMMARY = "Basic hydrology for flood forecasting."
QUESTION = "Is there guidance for small catchments?"
ANNOUNCEMENT = "The slides are online now."
POLL = "Which model do you use?"

# The horizontal centre, on the screen, of the first character of each `[needle, offset]`
# (the character `offset` places after where `needle` starts) in the text of the element
# `selector` finds; null where the needle is missing.
CHARACTER_POSITIONS = """([selector, needles]) => {
  const element = document.querySelector(selector);
  if (!element) return needles.map(() => null);
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = "";
  while (walker.nextNode()) {
    nodes.push([walker.currentNode, text.length]);
    text += walker.currentNode.data;
  }
  function centre(index) {
    for (const [node, start] of nodes) {
      if (index < start + node.data.length) {
        const range = document.createRange();
        range.setStart(node, index - start);
        range.setEnd(node, index - start + 1);
        const box = range.getBoundingClientRect();
        return box.left + box.width / 2;
      }
    }
    return null;
  }
  return needles.map(([needle, offset]) => {
    const at = text.indexOf(needle);
    return at < 0 ? null : centre(at + offset);
  });
}"""


def positions(page, selector: str, *needles) -> list[float]:
    found = page.evaluate(CHARACTER_POSITIONS, [selector, [list(n) for n in needles]])
    assert None not in found, f"{needles} not all found in {selector}"
    return found


def assert_reads_left_to_right(page, selector: str, text: str) -> None:
    """`text`, shown on one line, has its first letter left of its last character."""
    first, last = positions(page, selector, (text, 0), (text, len(text) - 1))
    assert first < last, f"{text!r} is drawn out of order in {selector}"


@pytest.fixture
def arabic_course(home):
    """A course translated into Arabic but for its summary, still in English, with a
    session in Almaty."""
    theme = ThemePageFactory(parent=home, title="Water", slug="water")
    translate(theme, "ar", title="المياه")
    course = CoursePageFactory(parent=theme, title="Hydrology", slug="hydrology", summary=SUMMARY)
    translate(course, "ar", title="علم المياه")
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=20)
    TrainingSessionFactory(
        course=course, starts_at=starts, ends_at=starts + timedelta(hours=3), timezone="Asia/Almaty"
    )
    return starts


def test_arabic_course_page_keeps_english_summary_and_time_zone_in_order(
    page, live_server, arabic_course
):
    """On the Arabic course page the English summary ends with its full stop on the right,
    and the session's time zone reads "(Asia/Almaty, UTC+0500)" from left to right."""
    offset = arabic_course.astimezone(ZoneInfo("Asia/Almaty")).strftime("%z")
    page.goto("/ar/water/hydrology/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".lead")).to_have_text(SUMMARY)
    assert_reads_left_to_right(page, ".lead", SUMMARY)

    zone = ".session .zone"
    expect(page.locator(zone)).to_have_text(f"(Asia/Almaty, UTC{offset})")
    opening, city, utc, closing = positions(page, zone, ("(", 0), ("Asia", 0), ("UTC", 0), (")", 0))
    assert opening < city < utc < closing


def test_arabic_live_room_keeps_english_questions_announcements_and_polls_in_order(
    asgi_contexts, home
):
    """In the Arabic live room, an English question, announcement and poll keep their "?"
    and "." at their end, "SWAT+" keeps its "+", and so does a question that arrives live."""
    setup = live_room_setup()
    session = setup.room.session
    session.timezone = "Asia/Almaty"
    session.save()
    Announcement.objects.create(room=setup.room, author=setup.trainer, text=ANNOUNCEMENT)
    poll = PollFactory(room=setup.room, question=POLL, options=["HEC-HMS", "SWAT+"])
    poll.state = PollState.OPEN
    poll.save()
    QuestionFactory(room=setup.room, author=UserFactory(), text=QUESTION)

    room = f"/ar/live/{setup.room.pk}/"
    learner = open_logged_in(asgi_contexts(), room, setup.learner)
    wait_live(learner)
    expect(learner.locator("html")).to_have_attribute("dir", "rtl")

    assert_reads_left_to_right(learner, "#live-questions .q-text", QUESTION)
    assert_reads_left_to_right(learner, "#live-announcements .a-text", ANNOUNCEMENT)
    assert_reads_left_to_right(learner, f"#poll-{poll.pk}-question", POLL)
    option = f"#poll-{poll.pk} .poll-choices li:last-child label"
    expect(learner.locator(option)).to_have_text("SWAT+")
    assert_reads_left_to_right(learner, option, "SWAT+")
    opening, city = positions(learner, ".live-room .zone", ("(", 0), ("Asia", 0))
    assert opening < city

    # A question asked now is built by the page's script from its template.
    asked = "What about ungauged basins?"
    learner.fill("#live-ask-text", asked)
    learner.locator("section.ask button[type=submit]").click()
    wait_for(
        learner,
        f"[...document.querySelectorAll('#live-questions .q-text')]"
        f".some(p => p.textContent === {asked!r})",
    )
    assert learner.script_errors == []
    position = learner.evaluate(
        "[...document.querySelectorAll('#live-questions .q-text')]"
        f".findIndex(p => p.textContent === {asked!r}) + 1"
    )
    assert_reads_left_to_right(learner, f"#live-questions li:nth-child({position}) .q-text", asked)
