"""The JSON API: training sessions with filters, Wagtail's page API and the OpenAPI schema."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.factories import HomePageFactory, locale, make_site, translate
from courses.factories import (
    CoursePageFactory,
    ThemePageFactory,
    TrainerSnippetFactory,
    TrainingSessionFactory,
)
from courses.models import SessionKind, SessionMode, SessionStatus, TrainingSession
from courses.states import SessionState

pytestmark = pytest.mark.django_db

SESSION_FIELDS = {
    "id",
    "course",
    "kind",
    "mode",
    "language",
    "starts_at",
    "ends_at",
    "always_open",
    "timezone",
    "venue",
    "city",
    "country",
    "capacity",
    "seats_left",
    "state",
    "status",
    "requires_approval",
    "lessons_required_percent",
    "site",
    "trainers",
    "ics_url",
}


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {session["id"] for session in response.json()["results"]}


@pytest.fixture
def theme(home):
    return ThemePageFactory(parent=home, title="Big data", slug="big-data")


@pytest.fixture
def course(theme):
    return CoursePageFactory(parent=theme, title="Data pipelines", slug="data-pipelines")


@pytest.fixture
def french_course(home, theme, course):
    translate(home, "fr", title="Centre de formation")
    translate(theme, "fr", title="Mégadonnées")
    return translate(course, "fr", title="Chaînes de traitement")


@pytest.fixture
def sub_platform(home):
    sub_home = HomePageFactory(title="Disaster reduction", slug="disaster-reduction")
    site = make_site(sub_home, hostname="drr.localhost", is_default=False)
    theme = ThemePageFactory(parent=sub_home, title="Floods", slug="floods")
    return site, CoursePageFactory(parent=theme, title="Flood maps")


def test_session_list_gives_the_public_fields(client, course):
    """A developer sees each session's course, dates, place, seats, state and .ics link."""
    trainer = TrainerSnippetFactory(name="Amina Diallo")
    session = TrainingSessionFactory(
        course=course,
        mode=SessionMode.HYBRID,
        venue="Room 4",
        city="Dakar",
        country="SN",
        timezone="Africa/Dakar",
        capacity=30,
        seats_taken=12,
        join_url="https://meet.example.org/secret-room",
        trainers=[trainer],
    )

    response = client.get("/api/sessions/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["count"] == 1
    [item] = body["results"]
    assert set(item) == SESSION_FIELDS
    assert item["id"] == session.pk
    assert item["course"] == {
        "id": course.pk,
        "title": "Data pipelines",
        "url": "http://testserver/en/big-data/data-pipelines/",
        "translation_key": str(course.translation_key),
        "locale": "en",
    }
    assert item["country"] == {"code": "SN", "name": "Senegal"}
    assert item["seats_left"] == 18
    assert item["state"] == "open"
    assert item["site"] == "testserver"
    assert item["trainers"] == ["Amina Diallo"]
    assert item["ics_url"] == f"http://testserver/en/sessions/{session.pk}.ics"
    assert item["timezone"] == "Africa/Dakar"
    assert b"meet.example.org" not in response.content
    assert b"join_url" not in response.content


def test_session_detail_and_unknown_session(client, course):
    """One session answers at its own address; an unknown one answers 404 in JSON."""
    session = TrainingSessionFactory(course=course, join_url="https://meet.example.org/x")

    response = client.get(f"/api/sessions/{session.pk}/")

    assert response.status_code == 200
    assert set(response.json()) == SESSION_FIELDS
    assert b"meet.example.org" not in response.content
    missing = client.get("/api/sessions/999999/")
    assert missing.status_code == 404
    assert "detail" in missing.json()


def test_locale_gives_course_titles_and_links_in_that_language(client, course, french_course):
    """With ?locale=fr, the course title, page, .ics link and country name are French."""
    session = TrainingSessionFactory(
        course=course, mode=SessionMode.IN_ROOM, city="Dakar", country="SN"
    )
    untranslated = TrainingSessionFactory(course=CoursePageFactory(parent=course.get_parent()))

    results = client.get("/api/sessions/?locale=fr").json()["results"]

    by_id = {item["id"]: item for item in results}
    assert by_id[session.pk]["course"]["title"] == "Chaînes de traitement"
    assert by_id[session.pk]["course"]["locale"] == "fr"
    assert by_id[session.pk]["course"]["url"].startswith("http://testserver/fr/")
    assert by_id[session.pk]["ics_url"].startswith("http://testserver/fr/sessions/")
    assert by_id[session.pk]["country"] == {"code": "SN", "name": "Sénégal"}
    assert by_id[untranslated.pk]["course"]["locale"] == "en"


def test_course_filter_accepts_any_translation(client, course, french_course):
    """?course= with the French page's id gives the sessions of the course in any language."""
    english = TrainingSessionFactory(course=course)
    french = TrainingSessionFactory(course=french_course)
    TrainingSessionFactory(course=CoursePageFactory(parent=course.get_parent()))

    assert ids(client.get(f"/api/sessions/?course={french_course.pk}")) == {english.pk, french.pk}


def test_theme_filter_excludes_other_themes(client, home, theme, course, french_course):
    """?theme= gives the sessions of the theme's courses, through any translation."""
    other = CoursePageFactory(parent=ThemePageFactory(parent=home))
    english = TrainingSessionFactory(course=course)
    french = TrainingSessionFactory(course=french_course)
    TrainingSessionFactory(course=other)

    assert ids(client.get(f"/api/sessions/?theme={theme.pk}")) == {english.pk, french.pk}


def test_field_filters(client, course):
    """language, mode, kind and country each narrow the list to matching sessions."""
    french = TrainingSessionFactory(course=course, language="fr")
    in_room = TrainingSessionFactory(
        course=course, mode=SessionMode.IN_ROOM, city="Nairobi", country="KE"
    )
    seminar = TrainingSessionFactory(course=course, kind=SessionKind.SEMINAR)

    assert ids(client.get("/api/sessions/?language=fr")) == {french.pk}
    assert ids(client.get("/api/sessions/?mode=in_room")) == {in_room.pk}
    assert ids(client.get("/api/sessions/?country=KE")) == {in_room.pk}
    assert ids(client.get("/api/sessions/?kind=seminar")) == {seminar.pk}
    assert ids(client.get("/api/sessions/?kind=seminar&language=fr")) == set()


def test_date_range_filter(client, course):
    """?from= and ?to= keep the sessions starting within the dates, both included."""
    now = timezone.now()
    sessions = [
        TrainingSessionFactory(course=course, starts_at=now + timedelta(days=days))
        for days in (10, 20, 30)
    ]
    middle = sessions[1].starts_at.date().isoformat()

    assert ids(client.get(f"/api/sessions/?from={middle}")) == {sessions[1].pk, sessions[2].pk}
    assert ids(client.get(f"/api/sessions/?to={middle}")) == {sessions[0].pk, sessions[1].pk}
    assert ids(client.get(f"/api/sessions/?from={middle}&to={middle}")) == {sessions[1].pk}


def test_state_filter_agrees_with_the_state_function(client, course):
    """?state= gives exactly the sessions whose computed state it names."""
    now = timezone.now()
    day = timedelta(days=1)
    sessions = [
        TrainingSessionFactory(course=course),
        TrainingSessionFactory(course=course, capacity=1, seats_taken=1),
        TrainingSessionFactory(course=course, enrollment_opens_at=now + day),
        TrainingSessionFactory(course=course, enrollment_closes_at=now - day),
        TrainingSessionFactory(course=course, starts_at=now - timedelta(hours=1)),
        TrainingSessionFactory(course=course, starts_at=now - 3 * day),
        TrainingSessionFactory(course=course, status=SessionStatus.CANCELLED),
    ]
    for state in SessionState:
        expected = {session.pk for session in sessions if session.state() == state}
        assert expected, state
        assert ids(client.get(f"/api/sessions/?state={state.value}")) == expected, state


def test_master_lists_every_platform_and_site_filter_narrows(client, course, sub_platform):
    """The master platform lists all platforms' sessions, ?site= one platform's,
    and a sub-platform its own."""
    sub_site, sub_course = sub_platform
    master = TrainingSessionFactory(course=course)
    sub = TrainingSessionFactory(course=sub_course, site=sub_site)

    assert ids(client.get("/api/sessions/")) == {master.pk, sub.pk}
    assert ids(client.get("/api/sessions/?site=drr.localhost")) == {sub.pk}
    assert ids(client.get("/api/sessions/?site=testserver")) == {master.pk}
    assert ids(client.get("/api/sessions/", HTTP_HOST="drr.localhost")) == {sub.pk}


def test_sessions_of_unpublished_courses_are_not_listed(client, course):
    """A course taken offline takes its sessions out of the API."""
    session = TrainingSessionFactory(course=course)
    course.unpublish()

    assert ids(client.get("/api/sessions/")) == set()
    assert client.get(f"/api/sessions/{session.pk}/").status_code == 404


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("course=abc", "course"),
        ("course=999999", "course"),
        ("theme=999999", "theme"),
        ("language=xx", "language"),
        ("mode=bicycle", "mode"),
        ("kind=party", "kind"),
        ("country=ZZ", "country"),
        ("from=2026-13-45", "from"),
        ("to=tomorrow", "to"),
        ("from=2026-05-02&to=2026-05-01", "to"),
        ("state=soon", "state"),
        ("site=nowhere.example.org", "site"),
        ("locale=klingon", "locale"),
        ("limit=many", "limit"),
        ("limit=0", "limit"),
        ("offset=-5", "offset"),
        ("colour=blue", "colour"),
    ],
)
def test_bad_filter_values_answer_400_naming_the_parameter(client, course, query, parameter):
    """A wrong value gives a JSON error about that parameter, not a server error."""
    TrainingSessionFactory(course=course)

    response = client.get(f"/api/sessions/?{query}")

    assert response.status_code == 400
    assert parameter in response.json()


def test_theme_filter_refuses_a_course_id(client, course):
    """?theme= with a course's id is refused: it names no theme."""
    response = client.get(f"/api/sessions/?theme={course.pk}")

    assert response.status_code == 400
    assert "theme" in response.json()


def add_sessions(course, count: int) -> None:
    """`count` sessions with two trainers each, in one insert."""
    start = timezone.now() + timedelta(days=5)
    site = TrainingSession._meta.get_field("site").related_model.objects.get(is_default_site=True)
    sessions = TrainingSession.objects.bulk_create(
        TrainingSession(
            course=course,
            site=site,
            starts_at=start + timedelta(hours=number),
            ends_at=start + timedelta(hours=number + 2),
            country="KE",
            mode=SessionMode.HYBRID,
            city="Nairobi",
        )
        for number in range(count)
    )
    trainers = [TrainerSnippetFactory(), TrainerSnippetFactory()]
    through = TrainingSession.trainers.through
    through.objects.bulk_create(
        through(trainingsession=session, trainer=trainer)
        for session in sessions
        for trainer in trainers
    )


def test_pagination_caps_the_page_at_100(client, course):
    """limit= sets the page size up to 100; offset= moves through the list."""
    add_sessions(course, 105)

    body = client.get("/api/sessions/?limit=500").json()
    assert body["count"] == 105
    assert len(body["results"]) == 100
    assert "limit=100" in body["next"]
    assert len(client.get("/api/sessions/").json()["results"]) == 20
    last = client.get("/api/sessions/?limit=10&offset=100").json()
    assert len(last["results"]) == 5
    assert last["next"] is None


def queries_for(client, path: str) -> int:
    client.get(path)  # warm Wagtail's cached site root paths
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "path",
    [
        "/api/sessions/?limit=100",
        "/api/sessions/?limit=100&locale=fr&theme={theme}&state=open&country=KE",
        "/api/sessions/?course={course}&locale=ar&site=testserver",
    ],
)
def test_session_list_queries_do_not_grow_with_sessions(
    client, theme, course, french_course, path
):
    """The list runs as many queries with 3 sessions as with 60, trainers included."""
    path = path.format(theme=theme.pk, course=course.pk)
    add_sessions(course, 3)
    small = queries_for(client, path)
    add_sessions(french_course, 57)
    large = queries_for(client, path)
    print(f"{path}: {small} queries at 3 sessions, {large} at 60")
    assert small == large
    assert large <= 10


def test_schema_documents_the_sessions_api(client):
    """The OpenAPI schema answers in JSON and YAML and names the sessions endpoints."""
    response = client.get("/api/schema/?format=json")

    assert response.status_code == 200
    schema = response.json()
    assert "/api/sessions/" in schema["paths"]
    assert "/api/sessions/{id}/" in schema["paths"]
    parameters = {p["name"] for p in schema["paths"]["/api/sessions/"]["get"]["parameters"]}
    assert {"course", "theme", "from", "to", "state", "site", "limit", "offset"} <= parameters
    assert "join_url" not in response.content.decode()
    yaml = client.get("/api/schema/")
    assert yaml.status_code == 200
    assert b"/api/sessions/" in yaml.content


def test_wagtail_pages_api_lists_courses_per_locale(client, course, french_course):
    """/api/v2/pages/ filtered by type and locale gives the French course with its fields."""
    course.instruction_languages.set([locale("fr"), locale("en")])
    course.save_revision().publish()

    response = client.get(
        "/api/v2/pages/?type=courses.CoursePage&locale=fr&fields=summary,level,duration_hours"
    )

    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["id"] == french_course.pk
    assert item["title"] == "Chaînes de traitement"
    assert item["meta"]["locale"] == "fr"
    assert {"summary", "level", "duration_hours"} <= set(item)


def test_wagtail_page_detail_shows_course_trainers_and_languages(client, course):
    """A course's detail in the page API names its trainers and languages of instruction."""
    trainer = TrainerSnippetFactory(name="Li Wei", organisation="Tsinghua")
    course.course_trainers.create(trainer=trainer)
    course.instruction_languages.set([locale("zh-hans")])
    course.save_revision().publish()

    response = client.get(f"/api/v2/pages/{course.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert body["instruction_languages"] == ["zh-hans"]
    assert [(t["name"], t["organisation"]) for t in body["course_trainers"]] == [
        ("Li Wei", "Tsinghua")
    ]
    assert body["licence"] == "cc-by-4.0"


def test_wagtail_theme_and_curriculum_detail(client, theme, course):
    """A theme and a curriculum answer in the page API with their own fields."""
    from courses.models import CurriculumCourse, CurriculumPage

    curriculum = theme.add_child(
        instance=CurriculumPage(
            title="Data path",
            slug="data-path",
            audience="Analysts",
            curriculum_courses=[CurriculumCourse(course=course)],
        )
    )
    curriculum.save_revision().publish()

    theme_body = client.get(f"/api/v2/pages/{theme.pk}/").json()
    curriculum_body = client.get(f"/api/v2/pages/{curriculum.pk}/").json()

    assert theme_body["description"] == "What this theme covers"
    assert curriculum_body["audience"] == "Analysts"
    assert [item["course"]["id"] for item in curriculum_body["curriculum_courses"]] == [course.pk]


def test_api_not_found_stays_json(client, home):
    """An unknown page or session answers a JSON 404, not a redirect to an HTML page."""
    for path in ("/api/v2/pages/999999/", "/api/sessions/999999/", "/api/v2/pages/?locale=xx"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/json", path


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_wagtail_api_endpoints_answer(client, home, endpoint):
    """The three Wagtail endpoints answer in JSON."""
    response = client.get(f"/api/v2/{endpoint}/")

    assert response.status_code == 200
    assert "items" in response.json()
