"""Page weight: each key page, in English and Arabic, sends its HTML in the first round trip
(at most 14 KB gzip) and its whole first view (HTML and every stylesheet and script it
loads, gzip-compressed as WhiteNoise serves them) in at most 50 KB; nothing it loads, not
even an image candidate or a CSS url() or @import, comes from another origin.

`weigh` is also what bench/pages.py prints for the demo platform."""

import gzip
import re
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import timezone

from certificates.factories import CertificateFactory
from cms.factories import StandardPageFactory, translate
from courses.factories import (
    CatalogPageFactory,
    CoursePageFactory,
    ThemePageFactory,
    TrainerSnippetFactory,
    TrainingSessionFactory,
)
from enrollment.factories import EnrollmentFactory, LearnerProfileFactory
from live.factories import PollFactory, QuestionFactory, RoomFactory
from live.models import PollState
from surveys.standard import ensure_standard_template
from tests.certificates.factories import attend as attend_days
from tests.certificates.factories import ended_session
from tests.reporting.test_impact_page import ImpactPageFactory, impact_centre

pytestmark = pytest.mark.django_db

FIRST_ROUND_TRIP_BYTES = 14 * 1024
FIRST_VIEW_BYTES = 50 * 1024
LANGUAGES = ("en", "ar")


# --- weighing ---------------------------------------------------------------------------


@dataclass
class Weight:
    """What a first visit to a page costs, compressed."""

    status: int
    html: int  # the HTML as sent with Accept-Encoding: gzip
    first_view: int  # the HTML, its stylesheets (with their @imports) and scripts
    assets: dict[str, int] = field(default_factory=dict)  # each stylesheet or script, gzip
    foreign: list[str] = field(default_factory=list)  # anything loaded from another origin


class Resources(HTMLParser):
    """The addresses a browser loads from a page by itself: stylesheets and scripts (the
    first view), and images, media, frames and CSS url() (checked for their origin)."""

    LOADS = {
        "img": ("src", "srcset"),
        "source": ("src", "srcset"),
        "iframe": ("src",),
        "frame": ("src",),
        "embed": ("src",),
        "object": ("data",),
        "video": ("src", "poster"),
        "audio": ("src",),
        "track": ("src",),
        "input": ("src",),
        "image": ("href",),
        "use": ("href",),
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stylesheets, self.scripts, self.others, self.inline_css = [], [], [], []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "link" and attrs.get("href"):
            rel = attrs.get("rel", "").lower().split()
            if "stylesheet" in rel:
                self.stylesheets.append(attrs["href"])
            elif rel and set(rel) & {"preload", "modulepreload", "prefetch", "icon", "manifest"}:
                self.others.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
        for name in self.LOADS.get(tag, ()):
            value = attrs.get(name, "")
            urls = srcset_urls(value) if name == "srcset" else [value] if value else []
            self.others.extend(urls)
        if attrs.get("style"):
            self.inline_css.append(attrs["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.inline_css.append(data)


CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+?)["']?\s*\)""", re.IGNORECASE)


def srcset_urls(srcset: str) -> list[str]:
    return [candidate.split()[0] for candidate in srcset.split(",") if candidate.strip()]


def is_foreign(url: str) -> bool:
    """Loaded from another origin: an address with a scheme or a host (data: excepted)."""
    url = url.strip()
    if url.startswith("data:"):
        return False
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def gzip_size(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=9))  # as WhiteNoise compresses


def fetch(client: Client, path: str) -> bytes:
    """A same-origin file's bytes: static files from the finders, anything else as served."""
    path = urlsplit(path).path
    if path.startswith(settings.STATIC_URL):
        found = finders.find(path.removeprefix(settings.STATIC_URL))
        assert found, f"{path} is referenced but no static file has that name"
        with open(found, "rb") as file:
            return file.read()
    response = client.get(path)
    assert response.status_code == 200, f"{path} answered {response.status_code}"
    return response.content


def stylesheet_imports(client, url: str, css: str, weight: Weight, seen: set) -> None:
    """Weigh the stylesheets `css` imports; note its foreign url() and @import."""
    for found in dict.fromkeys(CSS_URL.findall(css) + CSS_IMPORT.findall(css)):
        if is_foreign(found):
            weight.foreign.append(f"{url}: {found}")
    for imported in CSS_IMPORT.findall(css):
        imported = urljoin(url, imported)
        if not is_foreign(imported) and imported not in seen:
            seen.add(imported)
            content = fetch(client, imported)
            weight.assets[imported] = gzip_size(content)
            stylesheet_imports(client, imported, content.decode(), weight, seen)


def weigh(client: Client, path: str) -> Weight:
    """The page's first view as a browser with an empty cache loads it."""
    response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    sent = response.content
    raw = gzip.decompress(sent) if response.get("Content-Encoding") == "gzip" else sent
    weight = Weight(status=response.status_code, html=len(sent), first_view=len(sent))
    page = Resources()
    page.feed(raw.decode())
    seen = set()
    for url in page.stylesheets + page.scripts + page.others:
        if is_foreign(url):
            weight.foreign.append(url)
    for css in page.inline_css:
        stylesheet_imports(client, path, css, weight, seen)
    for url in page.stylesheets + page.scripts:
        url = urljoin(path, url)
        if is_foreign(url) or url in seen:
            continue
        seen.add(url)
        content = fetch(client, url)
        weight.assets[url] = gzip_size(content)
        if url in page.stylesheets or url.endswith(".css"):
            stylesheet_imports(client, url, content.decode(), weight, seen)
    weight.first_view += sum(weight.assets.values())
    return weight


# --- the key pages ------------------------------------------------------------------------


@pytest.fixture
def platform(home):
    """A catalog of three themes and nine courses in English and Arabic, a learner with an
    open session to enroll in, a running live room with questions and a poll, an ended
    session whose survey is open, a certificate, and an impact page with its figures."""
    catalog = CatalogPageFactory(parent=home, show_in_menus=True)
    translate(catalog, "ar", title="دليل الدورات")
    trainer = TrainerSnippetFactory(name="Grace Otieno", bio="Hydrologist. " * 20)
    courses = []
    for number, (slug, title) in enumerate(
        [("drr", "Disaster risk reduction"), ("data", "Big data"), ("cities", "Smart cities")]
    ):
        theme = ThemePageFactory(parent=home, title=title, slug=slug, show_in_menus=number == 0)
        translate(theme, "ar", title=f"موضوع {number}")
        for course_number in range(3):
            course = CoursePageFactory(
                parent=theme,
                title=f"{title}: course {course_number}",
                slug=f"course-{course_number}",
            )
            translate(course, "ar", title=f"دورة {number}-{course_number}", summary="ملخص الدورة")
            TrainingSessionFactory(course=course, capacity=30, trainers=[trainer])
            courses.append(course)
    course = courses[0]
    open_session = TrainingSessionFactory(course=course, capacity=20, mode="hybrid", city="Nairobi")
    now = timezone.now()
    running = TrainingSessionFactory(
        course=course, starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=2)
    )
    ended = ended_session(course)
    learner = LearnerProfileFactory(preferred_language="en").user
    EnrollmentFactory(user=learner, session=running)
    room = RoomFactory(session=running)
    for number in range(10):
        QuestionFactory(room=room, text=f"Which rain gauges work offline? ({number})")
    PollFactory(room=room, question="Have you used a flood model?", state=PollState.OPEN)
    attended = attend_days(EnrollmentFactory(user=learner, session=ended))
    ensure_standard_template()
    certificate = CertificateFactory(enrollment=EnrollmentFactory(session=ended))
    impact_centre(home)
    translate(ImpactPageFactory(parent=home), "ar", title="أثرنا")
    StandardPageFactory(parent=home, title="About", slug="about", show_in_menus=True)
    return SimpleNamespace(
        learner=learner,
        open_session=open_session,
        running=running,
        attended=attended,
        certificate=certificate,
    )


def key_pages(platform, language: str) -> dict[str, tuple[str, bool]]:
    """Each key page: its address, and whether the learner is logged in to see it."""
    return {
        "home": (f"/{language}/", False),
        "catalog": (f"/{language}/catalog/", False),
        "theme": (f"/{language}/drr/", False),
        "course": (f"/{language}/drr/course-0/", False),
        "enrollment": (f"/{language}/sessions/{platform.open_session.pk}/enroll/", True),
        "my learning": (f"/{language}/learning/", True),
        "live room": (f"/{language}/live/{platform.running.pk}/", True),
        "survey": (f"/{language}/learning/{platform.attended.pk}/survey/", True),
        "verification": (f"/{language}/certificates/verify/{platform.certificate.code}/", False),
        "impact": (f"/{language}/impact/", False),
        "log in": (f"/{language}/accounts/login/", False),
        "sign up": (f"/{language}/accounts/signup/", False),
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_key_pages_keep_the_weight_budget(platform, language):
    """Every key page answers, its HTML fits the first round trip (14 KB gzip), its first
    view with stylesheets and scripts weighs at most 50 KB gzip, and it loads nothing from
    another origin."""
    visitor, learner = Client(), Client()
    learner.force_login(platform.learner)
    weights = {
        name: weigh(learner if logged_in else visitor, path)
        for name, (path, logged_in) in key_pages(platform, language).items()
    }
    assert {name: w.status for name, w in weights.items() if w.status != 200} == {}
    assert {n: w.html for n, w in weights.items() if w.html > FIRST_ROUND_TRIP_BYTES} == {}
    assert {n: w.first_view for n, w in weights.items() if w.first_view > FIRST_VIEW_BYTES} == {}
    assert {name: w.foreign for name, w in weights.items() if w.foreign} == {}
    # The weights count what the pages load: every page has its stylesheet, the live room
    # its script.
    assert all(w.assets for w in weights.values())
    assert any(url.endswith(".js") for url in weights["live room"].assets)


def test_weighing_finds_every_foreign_address(client, home, settings, tmp_path):
    """A stylesheet, script, image candidate, inline style, CSS url() or @import from
    another origin is caught; data: URLs and same-origin addresses are not."""
    css = tmp_path / "cms" / "foreign.css"
    css.parent.mkdir()
    css.write_text(
        "@import url('https://fonts.example/font.css');"
        "body{background:url(//cdn.example/bg.png)} i{background:url(data:image/png;base64,x)}"
    )
    settings.STATICFILES_DIRS = [tmp_path]
    html = (
        '<link rel="stylesheet" href="/static/cms/foreign.css">'
        '<script src="https://cdn.example/lib.js"></script>'
        '<img src="/media/a.png" srcset="/media/a.png 1x, https://img.example/a@2x.png 2x">'
        '<div style="background:url(http://img.example/b.png)"></div>'
        "<style>@import 'https://css.example/x.css';</style>"
        '<a href="https://elsewhere.example/">a link is not a load</a>'
    )
    page = Resources()
    page.feed(html)
    weight = Weight(status=200, html=0, first_view=0)
    foreign = [url for url in page.stylesheets + page.scripts + page.others if is_foreign(url)]
    for inline in page.inline_css:
        stylesheet_imports(client, "/en/", inline, weight, set())
    content = fetch(client, "/static/cms/foreign.css")
    stylesheet_imports(client, "/static/cms/foreign.css", content.decode(), weight, set())
    assert foreign == ["https://cdn.example/lib.js", "https://img.example/a@2x.png"]
    assert sorted(weight.foreign) == [
        "/en/: http://img.example/b.png",
        "/en/: https://css.example/x.css",
        "/static/cms/foreign.css: //cdn.example/bg.png",
        "/static/cms/foreign.css: https://fonts.example/font.css",
    ]


@pytest.mark.parametrize("path", ["/en/", "/ar/", "/zh-hans/", "/en/about/", "/fr/accounts/login/"])
def test_key_pages_fit_the_first_round_trip(client, home, path):
    """Each key page's HTML is at most 14 KB compressed, so it arrives in one round trip."""
    StandardPageFactory(parent=home, title="About", slug="about", show_in_menus=True)
    response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert len(response.content) <= FIRST_ROUND_TRIP_BYTES
    assert len(gzip.decompress(response.content)) > len(response.content)


@pytest.mark.parametrize("path", ["/en/", "/ar/", "/en/accounts/signup/", "/en/no-such-page/"])
def test_pages_request_nothing_from_another_origin(client, home, path):
    """No stylesheet, script, image or font comes from a CDN or any other origin."""
    page = Resources()
    page.feed(client.get(path).content.decode())
    assert [url for url in page.stylesheets + page.scripts + page.others if is_foreign(url)] == []
    assert page.stylesheets


def test_pages_load_no_script(client, home):
    """Public pages work without JavaScript because they ship none."""
    html = client.get("/en/").content.decode()
    assert "<script" not in html
