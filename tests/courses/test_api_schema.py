"""The sessions API against its own OpenAPI schema, as served: requests generated from the
schema (schemathesis) never get a server error, a status code the schema does not declare,
or a body that breaks the schema. And the numbers no schema covers (Wagtail's API v2):
ids, offsets and limits beyond what the database holds are refused, not a server error."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from cms.factories import translate
from courses.factories import (
    CoursePageFactory,
    ThemePageFactory,
    TrainerSnippetFactory,
    TrainingSessionFactory,
)

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


@pytest.fixture
def catalog(home):
    """A theme and its course in English and Arabic, sessions of both, one with trainers."""
    theme = ThemePageFactory(parent=home, title="Big data", slug="big-data")
    course = CoursePageFactory(parent=theme, title="Data pipelines", slug="data-pipelines")
    translate(theme, "ar", title="البيانات الضخمة")
    arabic = translate(course, "ar", title="خطوط البيانات")
    TrainingSessionFactory(course=course, country="KE", city="Nairobi").trainers.set(
        [TrainerSnippetFactory()]
    )
    TrainingSessionFactory(course=arabic, capacity=None)
    return theme, course


@pytest.fixture
def wsgi_app():
    """The WSGI application as served, but keeping the test's database connection between
    requests, as Django's test client does (it would close it at the end of each one)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_sessions_api_keeps_to_its_schema(catalog, wsgi_app, mode):
    """Whatever a client sends, valid by the schema or not, the answer is one the schema
    declares, with a body that matches it: never a server error."""
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)

    @given(case=schema.as_strategy(generation_mode=mode))
    @settings(
        max_examples=40,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def answers_within_the_schema(case):
        case.call_and_validate(
            # The WSGI transport reads the body as sent: no gzip from GZipMiddleware.
            headers={"Accept-Encoding": "identity"},
            checks=[not_a_server_error, status_code_conformance, response_schema_conformance],
        )

    answers_within_the_schema()


@pytest.mark.parametrize(
    "query, parameter",
    [
        (f"course={HUGE}", "course"),
        (f"theme={HUGE}", "theme"),
        (f"offset={HUGE}", "offset"),
        ("to=", "to"),
        ("from=", "from"),
        ("course=", "course"),
        ("site=a%00b", "site"),
    ],
)
def test_sessions_api_refuses_out_of_range_and_empty_values(client, catalog, query, parameter):
    """A number beyond any id or an empty value answers a 400 naming the parameter."""
    response = client.get(f"/api/sessions/?{query}")

    assert response.status_code == 400
    assert parameter in response.json()


def test_an_out_of_range_session_id_is_not_found(client, catalog):
    """/api/sessions/<huge>/ is a JSON 404, like any unknown session."""
    response = client.get(f"/api/sessions/{HUGE}/")

    assert response.status_code == 404
    assert "detail" in response.json()


def test_schema_declares_the_bounds_and_refusals_the_api_holds_to(client):
    """The schema says limit starts at 1 (limit=0 is refused), ids and offsets stop where
    the database does, and that the list may answer 400 and a session 404."""
    paths = client.get("/api/schema/?format=json").json()["paths"]
    listing = paths["/api/sessions/"]["get"]
    parameters = {p["name"]: p["schema"] for p in listing["parameters"]}
    assert parameters["limit"]["minimum"] == 1
    assert parameters["offset"]["maximum"] == 2_147_483_647
    assert parameters["course"]["maximum"] == parameters["theme"]["maximum"] == 2_147_483_647
    assert {"200", "400"} <= set(listing["responses"])
    assert {"200", "404"} <= set(paths["/api/sessions/{id}/"]["get"]["responses"])
    assert client.get("/api/sessions/?limit=0").status_code == 400
    assert client.get("/api/sessions/?limit=1").status_code == 200


@pytest.mark.parametrize(
    "query, parameter",
    [
        (f"offset={HUGE}", "offset"),
        (f"limit={HUGE}", "limit"),
        (f"child_of={HUGE}", "child_of"),
        (f"descendant_of={HUGE}", "descendant_of"),
        (f"ancestor_of={HUGE}", "ancestor_of"),
        (f"translation_of={HUGE}", "translation_of"),
        (f"id={HUGE}", "id"),
    ],
)
def test_pages_api_refuses_numbers_beyond_any_id(client, catalog, query, parameter):
    """Wagtail's pages API answers a JSON 400 naming the parameter, not a server error."""
    response = client.get(f"/api/v2/pages/?{query}")

    assert response.status_code == 400
    assert parameter in response.json()["message"]


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_wagtail_api_out_of_range_id_and_offset(client, catalog, endpoint):
    """An id beyond any in the address is a JSON 404; a huge offset a JSON 400; an offset
    past the end an empty page."""
    assert client.get(f"/api/v2/{endpoint}/{HUGE}/").status_code == 404
    assert client.get(f"/api/v2/{endpoint}/?offset={HUGE}").status_code == 400
    past_the_end = client.get(f"/api/v2/{endpoint}/?offset=2147483647")
    assert past_the_end.status_code == 200
    assert past_the_end.json()["items"] == []
