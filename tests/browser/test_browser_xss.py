"""Cross-site scripting vectors from public filter-evasion lists (tests/security/
xss_vectors.txt) go through every place where people write text: profile fields, live-room
questions and poll answers, survey comments, the printed name on a certificate, the catalog's
search box and the rich text editors paste. Chromium then renders each surface, many vectors
per page, with a marker in every frame: no dialog opens, no marker is called, and the text
reads as it was written (for rich text: what the editor allows survives, nothing runs)."""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connections
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.rich_text import RichText

from accounts.factories import DEFAULT_PASSWORD, TrainerFactory, UserFactory
from certificates.factories import CertificateFactory
from certificates.services import certificate_confirm_name
from cms.blocks import ContentBlocks
from cms.factories import StandardPageFactory
from courses.factories import (
    CatalogPageFactory,
    CoursePageFactory,
    ThemePageFactory,
    TrainerSnippetFactory,
    TrainingSessionFactory,
)
from enrollment.factories import EnrollmentFactory
from enrollment.forms import LearnerProfileForm
from enrollment.models import LearnerProfile
from live.factories import RoomFactory
from live.services import LiveError, poll_create, poll_open, question_ask
from surveys.forms import FIELD_PREFIX, SurveyForm
from surveys.services import response_submit, template_for
from surveys.standard import QUESTION_IDS, ensure_standard_template
from tests.browser.conftest import wait_for
from tests.live.factories import access_of
from tests.surveys.factories import attend, ended_session

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

VECTORS_FILE = Path(__file__).resolve().parent.parent / "security" / "xss_vectors.txt"

# Runs in every frame before the page's own scripts: a vector that ran calls xss() (or
# alert, which the dialog handler records); either leaves window.__xss set.
MARKER = """
window.xss = function (what) {
  window.__xss = String(what);
  try { window.top.__xss = String(what); } catch (error) {}
};
"""

# The platform's pages refuse to be framed (X-Frame-Options: DENY), so a harness page on
# the live server's origin, without a Content Security Policy that would hide an escaping
# bug, fetches each page's HTML as the server sends it and renders it in a srcdoc frame;
# the promise resolves once every frame has loaded, with the paths of those that never did
# (a vector that ran may keep its frame from loading). The patience is generous: on a busy
# machine a hundred frames, each with its stylesheets and broken images to fetch, have taken
# more than ten seconds to load, and only a frame that never loads should fail the test.
HARNESS_PATH = "/xss-harness/"
HARNESS = "<!DOCTYPE html><html lang=en><title>Harness</title><main></main></html>"
FRAME_LOAD_MS = 120_000
LOAD_FRAMES = """async ([pages, patience]) => {
  const main = document.querySelector("main");
  main.replaceChildren();
  const htmls = await Promise.all(pages.map(async (page) =>
    page.html || (await fetch(page.path)).text()
  ));
  const show = (html, index) => {
    const frame = document.createElement("iframe");
    const loaded = new Promise((resolve) => {
      frame.addEventListener("load", () => resolve(null));
      setTimeout(() => resolve(pages[index].path || html), patience);
    });
    frame.srcdoc = html;
    main.append(frame);
    return loaded;
  };
  // The first frame fills the cache with the stylesheets the others share.
  const first = await show(htmls[0], 0);
  const others = await Promise.all(htmls.slice(1).map((html, n) => show(html, n + 1)));
  return [first, ...others].filter(Boolean);
}"""

# What each frame of the harness shows: its main part's text and the search box's value.
FRAME_TEXTS = """() => Array.from(document.querySelectorAll("main iframe"), (frame) => {
  const document = frame.contentDocument;
  const search = document.querySelector("#catalog-q");
  return {text: document.querySelector("main").innerText, search: search && search.value};
})"""


def load_vectors() -> list[str]:
    lines = VECTORS_FILE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


VECTORS = load_vectors()


def test_the_corpus_holds_at_least_a_hundred_distinct_vectors():
    """The corpus is large enough and each vector calls a marker the test can see."""
    assert len(VECTORS) >= 100
    assert len(set(VECTORS)) == len(VECTORS)
    assert all(len(vector) <= 150 for vector in VECTORS)
    assert '" onfocus="alert(1)" autofocus="' in VECTORS
    assert any("مرحبا" in vector for vector in VECTORS)


def words(text: str) -> str:
    """Text as a reader sees it: runs of white space are one space."""
    return " ".join(text.split())


def watched(page):
    """The page with the marker in every frame and a record of dialogs (dismissed)."""
    page.dialogs = []

    def on_dialog(dialog):
        page.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.add_init_script(MARKER)
    return page


def assert_nothing_ran(page):
    """No dialog opened and no frame's marker was called, once every frame has loaded."""
    assert page.dialogs == []
    ran = {frame.url: frame.evaluate("window.__xss") for frame in page.frames}
    assert {url: what for url, what in ran.items() if what is not None} == {}


def missing_from(text: str, vectors) -> list[str]:
    """The vectors a reader does not find, as written, in `text`."""
    text = words(text)
    return [vector for vector in vectors if words(vector) not in text]


def log_in(page, path, user):
    page.goto(f"/en/accounts/login/?next={quote(path)}")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"**{path}")


def render_in_frames(page, paths) -> list[dict]:
    """Every path rendered in a frame of one harness page; what each frame shows, in the
    order of `paths`. A canary vector first proves the harness sees a script that runs."""
    page.route(
        f"**{HARNESS_PATH}", lambda route: route.fulfill(body=HARNESS, content_type="text/html")
    )
    page.goto(HARNESS_PATH)
    canary = [{"html": "<img src=x onerror=xss('canary')>"}]
    assert page.evaluate(LOAD_FRAMES, [canary, FRAME_LOAD_MS]) == []
    wait_for(page, "window.__xss === 'canary'")
    page.evaluate("delete window.__xss")
    pages = [{"path": path} for path in paths]
    assert page.evaluate(LOAD_FRAMES, [pages, FRAME_LOAD_MS]) == []
    return page.evaluate(FRAME_TEXTS)


def away_from_the_browser(work):
    """Run `work` in another thread: the live room's services broadcast through
    async_to_sync, which refuses the main thread, where Playwright's event loop runs."""

    def in_thread():
        try:
            work()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as executor:
        executor.submit(in_thread).result()


def session_with_trainer(**fields):
    trainer = TrainerFactory()
    session = TrainingSessionFactory(trainers=[TrainerSnippetFactory(user=trainer)], **fields)
    return session, trainer


def learner_with_profile(vector: str):
    """A learner whose name is the vector and whose organisation, typed in the profile form,
    is the vector too."""
    user = UserFactory(first_name=vector, last_name="")
    form = LearnerProfileForm(
        data={"country": "KE", "organisation": vector, "preferred_language": "en"},
        instance=LearnerProfile(user=user),
    )
    assert form.is_valid(), form.errors
    form.save()
    return user


def test_roster_shows_names_and_organisations_as_written(page, live_server, home):
    """The trainer's roster lists every learner's name and organisation, typed as vectors,
    as plain text, and nothing in it runs."""
    session, trainer = session_with_trainer()
    for vector in VECTORS:
        EnrollmentFactory(session=session, user=learner_with_profile(vector))

    page = watched(page)
    roster_url = f"/en/sessions/{session.pk}/roster/?per_page=100"
    log_in(page, roster_url, trainer)
    roster, names, organisations = "", [], []
    for number in (1, 2):  # 100 learners a page
        if number > 1:
            page.goto(f"{roster_url}&page={number}")
        roster += page.locator("#attendance").inner_text()
        names += page.locator("#attendance tbody th > bdi").all_inner_texts()
        organisations += page.locator("#attendance tbody th .meta > bdi").all_inner_texts()
        assert_nothing_ran(page)
    assert missing_from(roster, VECTORS) == []
    assert sorted(map(words, names)) == sorted(map(words, VECTORS))
    assert sorted(map(words, organisations)) == sorted(map(words, VECTORS))


def test_profile_form_gives_back_the_organisation_as_typed(page, live_server, home):
    """A learner whose organisation is a vector finds it unchanged in the profile form."""
    vectors = [v for v in VECTORS if '"' in v or "'" in v][:20]
    users = [learner_with_profile(vector) for vector in vectors]
    page = watched(page)
    log_in(page, "/en/learning/profile/", users[0])
    assert page.get_by_label("Organisation").input_value() == vectors[0]
    assert_nothing_ran(page)


def test_live_room_shows_questions_and_poll_answers_as_written(asgi_contexts, home, settings):
    """Questions asked and poll answers written as vectors read as written in the learner's
    room and the trainer's console, drawn by the server and then by the room's script."""
    settings.LIVE_RATE_LIMITS = {}
    session, trainer = session_with_trainer()
    room = RoomFactory(session=session)
    learners = [EnrollmentFactory(session=session).user for _ in VECTORS]
    answers = [vector for vector in VECTORS if len(vector) <= 200]

    asked = []

    def ask_and_poll():
        for learner, vector in zip(learners, VECTORS, strict=True):
            try:
                question_ask(room=room, user=learner, access=access_of(learner, room), text_=vector)
            except LiveError as error:  # vectors that clean to the same text as an earlier one
                assert error.code == "duplicate", error
                continue
            asked.append(vector)
        by = {"room": room, "by": trainer, "access": access_of(trainer, room)}
        for start in range(0, len(answers), 10):
            options = answers[start : start + 10]
            if len(options) < 2:
                options = [*options, "None of these"]
            poll = poll_create(**by, question=f"Poll {start}", options=options)
            poll_open(**by, poll_id=poll.pk)

    away_from_the_browser(ask_and_poll)

    path = f"/en/live/{room.pk}/"
    learner_page = watched(asgi_contexts().new_page())
    log_in(learner_page, path, learners[0])
    console = watched(asgi_contexts().new_page())
    log_in(console, f"{path}console/", trainer)
    for page in (learner_page, console):
        wait_for(page, "window.liveRoom && window.liveRoom.mode === 'live'")
        assert missing_from(page.locator("#live-questions").inner_text(), asked) == []
        assert missing_from(page.locator("#live-polls").inner_text(), answers) == []
        assert_nothing_ran(page)


def test_survey_results_show_comments_as_written(page, live_server, home):
    """Comments typed as vectors in the satisfaction survey read as written on the
    trainer's results page."""
    ensure_standard_template()
    course = CoursePageFactory(parent=ThemePageFactory(parent=home))
    trainer = TrainerFactory()
    session = ended_session(course, trainers=[TrainerSnippetFactory(user=trainer)])
    template = template_for(session, "en")
    for vector in VECTORS:
        enrollment = attend(EnrollmentFactory(session=session))
        form = SurveyForm(template, data=survey_answers(vector))
        assert form.is_valid(), form.errors
        response_submit(
            enrollment=enrollment, template=template, answers=form.answers, language="en"
        )

    page = watched(page)
    log_in(page, f"/en/sessions/{session.pk}/survey-results/", trainer)
    comments = page.locator(".free-texts li").all_inner_texts()
    assert sorted(map(words, comments)) == sorted(map(words, VECTORS))
    assert_nothing_ran(page)


def survey_answers(comment: str) -> dict:
    ratings = {key: "4" for key in ("overall", "relevance", "trainers", "organisation")}
    data = {FIELD_PREFIX + QUESTION_IDS[key]: value for key, value in ratings.items()}
    data[FIELD_PREFIX + QUESTION_IDS["recommend"]] = "0"
    data[FIELD_PREFIX + QUESTION_IDS["comments"]] = comment
    return data


def test_certificate_verification_shows_printed_names_as_written(page, live_server, home):
    """Names confirmed as vectors read as written on each certificate's public
    verification page, and nothing on any of them runs."""
    session = TrainingSessionFactory()
    codes = []
    for vector in VECTORS:
        certificate = CertificateFactory(enrollment__session=session)
        certificate_confirm_name(certificate=certificate, name=vector)
        codes.append(certificate.code)

    page = watched(page)
    page.goto("/en/")
    shown = render_in_frames(page, [f"/en/certificates/verify/{code}/" for code in codes])
    missing = []
    for frame, vector in zip(shown, VECTORS, strict=True):
        missing += missing_from(frame["text"], [vector])
    assert missing == []
    assert_nothing_ran(page)


def test_catalog_search_box_keeps_the_query_as_typed(page, live_server, home):
    """Each vector searched for in the catalog comes back in the search box as typed, and
    the results page runs nothing."""
    catalog = CatalogPageFactory(parent=home)
    CoursePageFactory(parent=ThemePageFactory(parent=home), title="Flood early warning")
    queries = [vector for vector in VECTORS if len(vector) <= 200]

    page = watched(page)
    page.goto(catalog.url)
    page.get_by_label("Search").fill(queries[0])
    page.get_by_role("button", name="Show courses").click()
    page.wait_for_url("**?*q=*")
    assert page.get_by_label("Search").input_value() == queries[0]
    paths = [f"{catalog.url}?q={quote(query, safe='')}" for query in queries]
    shown = render_in_frames(page, paths)
    assert [frame["search"] for frame in shown] == queries
    assert_nothing_ran(page)


# What an editor may paste in a paragraph: the formats the editor allows, and a link.
PASTED_FORMATTING = (
    '<p><b>Bold words</b>, <i>italic words</i> and <a href="https://example.org/floods">'
    "a link</a>.</p><h3>A subheading</h3><ul><li>First point</li><li>Second point</li></ul>"
)


# Pasting hands the editor the HTML the browser parsed from the clipboard (written back as
# XHTML, the form Wagtail's converter reads).
AS_PARSED = """(fragments) => fragments.map((html) => {
  const template = document.createElement("template");
  template.innerHTML = html;
  const xhtml = new XMLSerializer();
  return Array.from(template.content.childNodes, (node) => xhtml.serializeToString(node)).join("");
})"""


def as_the_editor_saves(page, fragments: list[str]) -> list[str]:
    """Pasted HTML as Wagtail's rich text editor stores it: parsed by the browser, then
    through the editor's content state, keeping only the paragraph block's features."""
    features = ContentBlocks.base_blocks["paragraph"].features
    converter = ContentstateConverter(features)
    return [
        converter.to_database_format(converter.from_database_format(html))
        for html in page.evaluate(AS_PARSED, fragments)
    ]


def test_rich_text_keeps_what_the_editor_allows_and_runs_nothing(page, live_server, home):
    """A standard page whose paragraphs hold pasted vectors keeps the editor's formats and
    links, drops every script, handler and scriptable address; its headings and quotes,
    plain text fields, read as written."""
    page = watched(page)
    page.goto("/en/")
    pasted = [PASTED_FORMATTING, *VECTORS, *(f"<p>{vector}</p>" for vector in VECTORS)]
    body = [("paragraph", RichText(html)) for html in as_the_editor_saves(page, pasted)]
    for vector in VECTORS:
        body.append(("heading", vector))
        body.append(("quote", {"text": vector, "source": vector}))
    StandardPageFactory(parent=home, title="Pasted", slug="pasted", body=body)

    page.goto("/en/pasted/")
    main = page.locator("main")
    assert main.locator("b", has_text="Bold words").count() == 1
    assert main.locator("i", has_text="italic words").count() == 1
    assert main.get_by_role("link", name="a link").get_attribute("href") == (
        "https://example.org/floods"
    )
    assert main.locator("h3", has_text="A subheading").count() == 1
    assert main.locator("li", has_text="Second point").count() == 1

    headings = main.locator("h2").all_inner_texts()
    assert missing_from(" ".join(headings), VECTORS) == []
    quotes = main.locator("blockquote").all_inner_texts()
    assert missing_from(" ".join(quotes), VECTORS) == []
    assert main.evaluate(SCRIPTABLE) == []
    assert_nothing_ran(page)


# Elements in the page's main part that could run or load anything, and attributes that
# could: event handlers, and addresses with a scheme that runs a script or embeds a page.
SCRIPTABLE = """(main) => {
  const found = [];
  const tags = "script,iframe,frame,object,embed,style,link,meta,base,svg,math,form,video,audio";
  for (const element of main.querySelectorAll(tags)) found.push(element.outerHTML);
  for (const element of main.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const value = attribute.value.replace(/[\\s\\u0000-\\u001f]/g, "").toLowerCase();
      if (attribute.name.startsWith("on") || /^(javascript|vbscript|data):/.test(value)) {
        found.push(`${attribute.name}=${attribute.value}`);
      }
    }
  }
  return found;
}"""
