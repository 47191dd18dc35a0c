import re
from datetime import UTC, datetime, timedelta
from html import unescape

import pytest
from django.utils import timezone

from cms.factories import HomePageFactory, make_site, translate
from courses.factories import (
    CatalogPageFactory,
    CoursePageFactory,
    ThemePageFactory,
    TrainingSessionFactory,
)
from courses.models import SessionMode, SessionStatus
from courses.regions import REGION_OF_COUNTRY, region_of
from tests.tasks import work_off_the_queue

pytestmark = pytest.mark.django_db


def in_days(days: int, hour: int = 9) -> datetime:
    day = timezone.now() + timedelta(days=days)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def session(course, days=7, **fields):
    starts = fields.pop("starts_at", in_days(days))
    return TrainingSessionFactory(
        course=course, starts_at=starts, ends_at=starts + timedelta(hours=3), **fields
    )


def titles(html: str) -> list[str]:
    """The course titles of the result list, in order."""
    results = html.split('class="course-list"', 1)
    if len(results) < 2:
        return []
    return [unescape(title) for title in re.findall(r"<h3[^>]*><a [^>]*>([^<]+)</a>", results[1])]


def catalog(client, query: str = "", language: str = "en", **headers) -> str:
    # Publishing enqueues the search index's update: the worker has run by the time a
    # reader searches.
    work_off_the_queue()
    response = client.get(f"/{language}/catalog/{query}", **headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def catalog_page(home):
    page = CatalogPageFactory(parent=home)
    translate(page, "ar", title="الفهرس")
    return page


@pytest.fixture
def french(home, catalog_page):
    """The master platform's home and catalog translated into French."""
    translate(home, "fr", title="Centre de formation")
    translate(catalog_page, "fr", title="Catalogue")


@pytest.fixture
def big_data(home):
    return ThemePageFactory(parent=home, title="Big data", slug="big-data")


@pytest.fixture
def energy(home):
    return ThemePageFactory(parent=home, title="New energy vehicles", slug="energy")


# --- listing ------------------------------------------------------------------------------


def test_catalog_lists_courses_with_their_next_sessions(client, catalog_page, big_data):
    """A reader sees each course with its next sessions: date, mode, place, seats, state."""
    course = CoursePageFactory(parent=big_data, title="Data analysis", summary="Learn pandas")
    session(course, days=10, mode=SessionMode.IN_ROOM, city="Nairobi", country="KE", capacity=25)
    html = catalog(client)
    assert titles(html) == ["Data analysis"]
    assert "Learn pandas" in html
    assert "In the room, <bdi>Nairobi</bdi>, Kenya" in html
    assert "25 seats left" in html
    assert "Open for enrollment" in html
    assert "Big data" in html


def test_catalog_shows_session_dates_in_the_session_time_zone(client, catalog_page, big_data):
    """A session in Tokyo starting at 06:00 UTC is shown at 3 p.m., its local time."""
    course = CoursePageFactory(parent=big_data, title="Smart grids")
    year = timezone.now().year + 2
    session(course, starts_at=datetime(year, 3, 10, 6, 0, tzinfo=UTC), timezone="Asia/Tokyo")
    html = catalog(client)
    assert f'datetime="{year}-03-10T15:00:00+09:00"' in html
    assert f"March 10, {year}, 3 p.m." in html


def test_catalog_shows_at_most_three_sessions_per_course(client, catalog_page, big_data):
    """Only the next three sessions of a course are listed, soonest first."""
    course = CoursePageFactory(parent=big_data, title="Drones")
    for days in (40, 10, 30, 20):
        session(course, days=days, city=f"City{days}", mode=SessionMode.IN_ROOM)
    html = catalog(client)
    assert html.index("City10") < html.index("City20") < html.index("City30")
    assert "City40" not in html


def test_catalog_hides_past_and_cancelled_sessions(client, catalog_page, big_data):
    """Ended and cancelled sessions do not appear; the course still does."""
    course = CoursePageFactory(parent=big_data, title="Flood maps")
    session(course, days=-30, city="Pastville", mode=SessionMode.IN_ROOM)
    session(
        course, days=5, city="Cancelville", mode=SessionMode.IN_ROOM, status=SessionStatus.CANCELLED
    )
    html = catalog(client)
    assert titles(html) == ["Flood maps"]
    assert "Pastville" not in html and "Cancelville" not in html
    assert "No upcoming session yet." in html


def test_unpublished_courses_are_not_listed(client, catalog_page, big_data):
    """A course taken offline by an editor disappears from the catalog."""
    CoursePageFactory(parent=big_data, title="Draft course").unpublish()
    CoursePageFactory(parent=big_data, title="Live course")
    assert titles(catalog(client)) == ["Live course"]


# --- languages ----------------------------------------------------------------------------


def test_a_translated_course_is_listed_once_in_the_reader_language(client, french, big_data):
    """A course in English and French is one entry, in French on the French catalog,
    marked with both languages."""
    course = CoursePageFactory(parent=big_data, title="Data analysis")
    french_theme = translate(big_data, "fr", title="Mégadonnées")
    assert french_theme
    translate(course, "fr", title="Analyse de données")
    session(course)

    english = catalog(client, language="en")
    assert titles(english) == ["Data analysis"]
    assert "Analyse de données" not in english

    html = catalog(client, language="fr")
    assert titles(html) == ["Analyse de données"]
    assert '<span lang="en">English</span>, <span lang="fr">Français</span>' in html


def test_a_course_without_translation_appears_in_its_original_language(
    client, catalog_page, big_data
):
    """On the Arabic catalog, an English-only course is shown in English, marked as such."""
    CoursePageFactory(parent=big_data, title="Data analysis")
    html = catalog(client, language="ar")
    assert titles(html) == ["Data analysis"]
    assert '<h3 lang="en" dir="ltr">' in html
    assert '<span lang="en">English</span>' in html


def test_courses_in_the_reader_language_come_first(client, french, big_data):
    """On the French catalog, a French course comes before an English-only one, even when
    the English one starts sooner."""
    translate(big_data, "fr", title="Mégadonnées")
    english_only = CoursePageFactory(parent=big_data, title="Cloud basics")
    session(english_only, days=2)
    bilingual = CoursePageFactory(parent=big_data, title="Data analysis")
    translate(bilingual, "fr", title="Analyse de données")
    session(bilingual, days=30)
    assert titles(catalog(client, language="fr")) == ["Analyse de données", "Cloud basics"]
    assert titles(catalog(client, language="en")) == ["Cloud basics", "Data analysis"]


def test_the_arabic_catalog_is_right_to_left(client, catalog_page, big_data):
    """The Arabic catalog declares right-to-left and translates its own title."""
    CoursePageFactory(parent=big_data)
    html = catalog(client, language="ar")
    assert '<html lang="ar" dir="rtl">' in html
    assert '<h1 dir="auto">الفهرس</h1>' in html


# --- filters ------------------------------------------------------------------------------


def test_filter_by_theme(client, catalog_page, big_data, energy):
    """Choosing a theme keeps only that theme's courses."""
    CoursePageFactory(parent=big_data, title="Data analysis")
    CoursePageFactory(parent=energy, title="Batteries")
    html = catalog(client, f"?theme={energy.pk}")
    assert titles(html) == ["Batteries"]
    assert f'<option value="{energy.pk}" selected>New energy vehicles</option>' in html


def test_filter_by_theme_covers_every_translation(client, french, big_data, energy):
    """On the French catalog, the French theme finds its French and English-only courses."""
    french_theme = translate(big_data, "fr", title="Mégadonnées")
    translated = CoursePageFactory(parent=big_data, title="Data analysis")
    translate(translated, "fr", title="Analyse de données")
    CoursePageFactory(parent=big_data, title="Cloud basics")
    CoursePageFactory(parent=energy, title="Batteries")
    html = catalog(client, f"?theme={french_theme.pk}", language="fr")
    assert titles(html) == ["Analyse de données", "Cloud basics"]
    assert "Mégadonnées" in html


def test_filter_by_level(client, catalog_page, big_data):
    """Choosing a level keeps only courses of that level."""
    CoursePageFactory(parent=big_data, title="Intro", level="beginner")
    CoursePageFactory(parent=big_data, title="Deep dive", level="advanced")
    assert titles(catalog(client, "?level=advanced")) == ["Deep dive"]


def test_filter_by_language_of_instruction(client, catalog_page, big_data):
    """Choosing a language keeps courses with a session taught in it, and only those
    sessions."""
    course = CoursePageFactory(parent=big_data, title="Bilingual course")
    session(course, days=3, language="en", city="Geneva", mode=SessionMode.IN_ROOM)
    session(course, days=4, language="ar", city="Cairo", mode=SessionMode.IN_ROOM)
    CoursePageFactory(parent=big_data, title="No sessions")
    html = catalog(client, "?language=ar")
    assert titles(html) == ["Bilingual course"]
    assert "Cairo" in html and "Geneva" not in html


def test_filter_by_mode(client, catalog_page, big_data):
    """Choosing "online" keeps only courses with an online session."""
    online = CoursePageFactory(parent=big_data, title="Online course")
    session(online, mode=SessionMode.ONLINE)
    room = CoursePageFactory(parent=big_data, title="Room course")
    session(room, mode=SessionMode.IN_ROOM, city="Beijing", country="CN")
    assert titles(catalog(client, "?mode=online")) == ["Online course"]
    assert titles(catalog(client, "?mode=in_room")) == ["Room course"]


def test_filter_by_country_and_region(client, catalog_page, big_data):
    """A country keeps sessions held there; a region keeps sessions in its countries."""
    kenya = CoursePageFactory(parent=big_data, title="In Nairobi")
    session(kenya, mode=SessionMode.IN_ROOM, city="Nairobi", country="KE")
    china = CoursePageFactory(parent=big_data, title="In Beijing")
    session(china, mode=SessionMode.IN_ROOM, city="Beijing", country="CN")
    assert titles(catalog(client, "?country=CN")) == ["In Beijing"]
    assert titles(catalog(client, "?region=africa")) == ["In Nairobi"]
    assert titles(catalog(client, "?region=asia")) == ["In Beijing"]
    assert titles(catalog(client, "?region=europe")) == []
    html = catalog(client)
    assert '<option value="KE">Kenya</option>' in html


def test_filter_by_date_range(client, catalog_page, big_data):
    """From and to keep courses with a session starting between those days."""
    soon = CoursePageFactory(parent=big_data, title="Soon")
    session(soon, days=5)
    later = CoursePageFactory(parent=big_data, title="Later")
    session(later, days=60)
    start = (timezone.now() + timedelta(days=30)).date().isoformat()
    end = (timezone.now() + timedelta(days=90)).date().isoformat()
    assert titles(catalog(client, f"?from={start}")) == ["Later"]
    assert titles(catalog(client, f"?to={start}")) == ["Soon"]
    html = catalog(client, f"?from={start}&to={end}")
    assert titles(html) == ["Later"]
    assert f'value="{start}"' in html


def test_filter_open_for_enrollment(client, catalog_page, big_data):
    """ "Open for enrollment only" drops full sessions and those not yet open."""
    open_course = CoursePageFactory(parent=big_data, title="Open course")
    session(open_course, capacity=10)
    full = CoursePageFactory(parent=big_data, title="Full course")
    full_session = session(full, capacity=1)
    type(full_session).objects.filter(pk=full_session.pk).update(seats_taken=1)
    not_yet = CoursePageFactory(parent=big_data, title="Not yet open")
    session(not_yet, enrollment_opens_at=timezone.now() + timedelta(days=2))
    assert titles(catalog(client, "?open=on")) == ["Open course"]
    assert len(titles(catalog(client))) == 3


def test_filters_combine(client, catalog_page, big_data, energy):
    """Theme, mode and level together keep only courses matching all of them."""
    match = CoursePageFactory(parent=energy, title="Charging networks", level="advanced")
    session(match, mode=SessionMode.HYBRID, city="Lyon", country="FR")
    other = CoursePageFactory(parent=energy, title="Batteries", level="beginner")
    session(other, mode=SessionMode.HYBRID, city="Lyon", country="FR")
    elsewhere = CoursePageFactory(parent=big_data, title="Data lakes", level="advanced")
    session(elsewhere, mode=SessionMode.HYBRID, city="Lyon", country="FR")
    query = f"?theme={energy.pk}&mode=hybrid&level=advanced&region=europe"
    assert titles(catalog(client, query)) == ["Charging networks"]


# --- search -------------------------------------------------------------------------------


def test_search_finds_a_french_course_by_a_french_word(client, french, big_data):
    """Searching the French catalog for "énergie" finds the French course about it."""
    translate(big_data, "fr", title="Mégadonnées")
    course = CoursePageFactory(parent=big_data, title="Electric vehicles")
    translate(course, "fr", title="Véhicules à énergie nouvelle", summary="Batteries et recharge")
    CoursePageFactory(parent=big_data, title="Data analysis")
    html = catalog(client, "?q=énergie", language="fr")
    assert titles(html) == ["Véhicules à énergie nouvelle"]
    assert 'value="énergie"' in html


def test_search_in_french_shows_the_course_in_the_reader_language(client, french, big_data):
    """A French word found in a course's French translation still lists the course in
    English on the English catalog."""
    translate(big_data, "fr", title="Mégadonnées")
    course = CoursePageFactory(parent=big_data, title="Electric vehicles")
    translate(course, "fr", title="Véhicules à énergie nouvelle")
    assert titles(catalog(client, "?q=énergie", language="en")) == ["Electric vehicles"]


def test_search_in_arabic_on_the_arabic_catalog(client, catalog_page, home, big_data):
    """An Arabic query on the Arabic catalog finds the Arabic course."""
    translate(big_data, "ar", title="البيانات الضخمة")
    course = CoursePageFactory(parent=big_data, title="Disaster risk reduction")
    translate(course, "ar", title="الحد من مخاطر الكوارث", summary="الإنذار المبكر للمجتمعات")
    CoursePageFactory(parent=big_data, title="Data analysis")
    html = catalog(client, "?q=الكوارث", language="ar")
    assert titles(html) == ["الحد من مخاطر الكوارث"]
    assert titles(catalog(client, "?q=المبكر", language="ar")) == ["الحد من مخاطر الكوارث"]


def test_search_matches_the_summary_and_combines_with_filters(client, catalog_page, big_data):
    """Words of the summary are found; a level filter narrows the matches."""
    CoursePageFactory(parent=big_data, title="One", summary="Satellite imagery", level="beginner")
    CoursePageFactory(parent=big_data, title="Two", summary="Satellite imagery", level="advanced")
    CoursePageFactory(parent=big_data, title="Three", summary="Soil moisture")
    assert sorted(titles(catalog(client, "?q=satellite"))) == ["One", "Two"]
    assert titles(catalog(client, "?q=satellite&level=advanced")) == ["Two"]


def test_search_with_several_words_needs_all_of_them(client, catalog_page, big_data):
    """Each extra word narrows the search: "data analysis" leaves out "data lakes"."""
    CoursePageFactory(parent=big_data, title="Data analysis for cities")
    CoursePageFactory(parent=big_data, title="Data lakes")
    assert titles(catalog(client, "?q=data")) == ["Data analysis for cities", "Data lakes"]
    assert titles(catalog(client, "?q=analysis+data")) == ["Data analysis for cities"]


def test_search_finds_chinese_words_inside_a_title(client, catalog_page, big_data):
    """Chinese has no spaces between words: a word inside a title still finds it."""
    CoursePageFactory(parent=big_data, title="大数据分析入门")
    CoursePageFactory(parent=big_data, title="Other")
    assert titles(catalog(client, "?q=数据分析")) == ["大数据分析入门"]


@pytest.mark.parametrize("query", ['"', "*", "AND", "-", "a OR", "((", "'; DROP", "%", "\\"])
def test_search_with_odd_characters_never_fails(client, catalog_page, big_data, query):
    """Quotes, operators and punctuation in the search box give a page, not an error."""
    CoursePageFactory(parent=big_data, title="Data analysis")
    response = client.get("/en/catalog/", {"q": query})
    assert response.status_code == 200


def test_search_without_match_says_so(client, catalog_page, big_data):
    """A search that finds nothing says so and suggests fewer filters."""
    CoursePageFactory(parent=big_data, title="Data analysis")
    html = catalog(client, "?q=volcano")
    assert titles(html) == []
    assert "0 courses" in html
    assert "No course matches these filters." in html


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, field",
    [
        ("mode=teleport", "mode"),
        ("theme=999999", "theme"),
        ("theme=abc", "theme"),
        ("level=xyz", "level"),
        ("from=notadate", "from"),
        ("to=2024-13-45", "to"),
        ("language=klingon", "language"),
        ("region=atlantis", "region"),
        ("country=ZZ", "country"),
        (f"q={'x' * 500}", "q"),
    ],
)
def test_unknown_filter_values_are_ignored_and_shown_cleared(
    client, catalog_page, big_data, query, field
):
    """An unknown filter value lists every course, says it was cleared, and shows the
    field empty."""
    CoursePageFactory(parent=big_data, title="Data analysis")
    html = catalog(client, f"?{query}")
    assert titles(html) == ["Data analysis"]
    assert "Some filters were not recognised and have been cleared:" in html
    form = html.split('class="catalog-filters"', 1)[1].split("</form>", 1)[0]
    control = re.search(rf'<(?:select|input)[^>]*name="{field}"[^>]*>', form).group(0)
    if control.startswith("<input"):
        assert "value=" not in control
    else:
        options = form.split(control, 1)[1].split("</select>", 1)[0]
        assert '<option value="" selected>' in options


def test_a_valid_filter_is_kept_when_another_is_cleared(client, catalog_page, big_data):
    """Only the unknown value is dropped; the valid one still filters."""
    CoursePageFactory(parent=big_data, title="Intro", level="beginner")
    CoursePageFactory(parent=big_data, title="Deep dive", level="advanced")
    html = catalog(client, "?level=advanced&mode=teleport")
    assert titles(html) == ["Deep dive"]
    assert '<option value="advanced" selected>' in html


# --- scope --------------------------------------------------------------------------------


@pytest.fixture
def sub_platform(home):
    """A sub-platform on drr.localhost with its own theme, course and catalog."""
    drr = HomePageFactory(title="Disaster Risk Reduction", slug="drr")
    make_site(drr, hostname="drr.localhost", is_default=False)
    CatalogPageFactory(parent=drr)
    theme = ThemePageFactory(parent=drr, title="Early warning", slug="early-warning")
    CoursePageFactory(parent=theme, title="Flood early warning", slug="floods")
    return drr


def test_master_catalog_covers_every_platform(client, catalog_page, big_data, sub_platform):
    """The master platform's catalog lists its own courses and the sub-platforms'."""
    CoursePageFactory(parent=big_data, title="Data analysis")
    html = catalog(client)
    assert sorted(titles(html)) == ["Data analysis", "Flood early warning"]
    assert "http://drr.localhost/en/early-warning/floods/" in html


def test_sub_platform_catalog_covers_only_its_own_courses(
    client, catalog_page, big_data, sub_platform
):
    """A sub-platform's catalog lists only the courses under its own home page."""
    CoursePageFactory(parent=big_data, title="Data analysis")
    html = catalog(client, HTTP_HOST="drr.localhost")
    assert titles(html) == ["Flood early warning"]
    assert "Big data" not in html  # the master's themes are not offered as filters
    assert "Early warning" in html


def test_sub_platform_catalog_includes_its_translated_courses(client, home, sub_platform):
    """A sub-platform's Arabic catalog lists the Arabic translation of its course."""
    drr_ar = translate(sub_platform, "ar", title="الحد من مخاطر الكوارث")
    assert drr_ar
    catalog_page = sub_platform.get_children().type(CatalogPageFactory._meta.model).first()
    translate(catalog_page.specific, "ar", title="الفهرس")
    theme = sub_platform.get_children().get(slug="early-warning").specific
    translate(theme, "ar", title="الإنذار المبكر")
    course = theme.get_children().get(slug="floods").specific
    translate(course, "ar", title="الإنذار المبكر بالفيضانات")
    html = catalog(client, language="ar", HTTP_HOST="drr.localhost")
    assert titles(html) == ["الإنذار المبكر بالفيضانات"]


# --- pagination ---------------------------------------------------------------------------


@pytest.fixture
def many_courses(catalog_page, big_data):
    """25 courses, named so that they sort by number."""
    return [
        CoursePageFactory(parent=big_data, title=f"Course {number:02d}") for number in range(1, 26)
    ]


def test_catalog_shows_twenty_courses_per_page(client, many_courses):
    """The first page lists twenty courses and links to the next page."""
    html = catalog(client)
    assert len(titles(html)) == 20
    assert "25 courses" in html
    assert "Page 1 of 2" in html
    assert 'rel="next" href="?page=2"' in html


def test_second_page_lists_the_rest(client, many_courses):
    """Page 2 lists the last five courses."""
    html = catalog(client, "?page=2")
    assert titles(html) == [f"Course {number}" for number in range(21, 26)]
    assert 'rel="prev" href="?page=1"' in html


@pytest.mark.parametrize("number", ["99", "999999999999999999999"])
def test_a_page_past_the_end_gives_the_last_page(client, many_courses, number):
    """Asking for a page past the end shows the last page."""
    html = catalog(client, f"?page={number}")
    assert "Page 2 of 2" in html
    assert titles(html)[0] == "Course 21"


@pytest.mark.parametrize("number", ["abc", "", "-1", "0", "1.5"])
def test_a_page_that_is_not_a_number_gives_the_first_page(client, many_courses, number):
    """A page number that makes no sense shows a page of results, never an error."""
    html = catalog(client, f"?page={number}")
    assert len(titles(html)) in (5, 20)


def test_page_links_keep_the_filters(client, many_courses):
    """Moving to the next page keeps the reader's filters."""
    html = catalog(client, "?level=beginner&q=course")
    assert 'href="?q=course&amp;level=beginner&amp;page=2"' in html


# --- regions ------------------------------------------------------------------------------


def test_every_country_has_a_world_region():
    """Every country a session can be held in belongs to one UN M49 region (but Antarctica)."""
    from django_countries import countries

    missing = {country.code for country in countries} - set(REGION_OF_COUNTRY) - {"AQ"}
    assert missing == set()
    assert region_of("ke") == "africa"
    assert region_of("BR") == "americas"
    assert region_of("AQ") is None
