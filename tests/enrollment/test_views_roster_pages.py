"""A long roster: the trainer searches by name or email, filters by status, reads the
attendance grid a page at a time with the filters kept, in their own language's dates;
the exports still hold every learner."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.factories import TrainerFactory, UserFactory
from courses.factories import (
    CoursePageFactory,
    ThemePageFactory,
    TrainerSnippetFactory,
    TrainingSessionFactory,
)
from enrollment.factories import EnrollmentFactory
from enrollment.models import EnrollmentStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer():
    return TrainerFactory()


@pytest.fixture
def session(home, trainer):
    """A three-day session in March 2031 (Monday to Wednesday) with 60 learners enrolled,
    two on the waiting list and one awaiting approval."""
    course = CoursePageFactory(parent=ThemePageFactory(parent=home), title="Flood forecasting")
    start = datetime(2031, 3, 3, 8, tzinfo=UTC)
    session = TrainingSessionFactory(
        course=course,
        starts_at=start,
        ends_at=datetime(2031, 3, 5, 16, tzinfo=UTC),
        trainers=[TrainerSnippetFactory(user=trainer)],
    )
    for number in range(59):
        EnrollmentFactory(
            session=session,
            user=UserFactory(first_name="Learner", last_name=f"N{number:02d}"),
        )
    EnrollmentFactory(
        session=session,
        user=UserFactory(first_name="Amina", last_name="Diallo", email="amina@water.sn"),
    )
    for name in ("Bao", "Carlos"):
        EnrollmentFactory(
            session=session,
            status=EnrollmentStatus.WAITLISTED,
            user=UserFactory(first_name=name, last_name="Waiting"),
        )
    EnrollmentFactory(
        session=session,
        status=EnrollmentStatus.PENDING,
        user=UserFactory(first_name="Dana", last_name="Pending"),
    )
    return session


def roster(client, session, query="", language="en"):
    with translation.override(language):
        url = reverse("enrollment:roster", kwargs={"session_id": session.pk})
    response = client.get(f"{url}?{query}" if query else url)
    assert response.status_code == 200
    return response.content.decode()


def grid_rows(html: str) -> int:
    grid = html[html.index("attendance-grid") : html.index('id="waitlist"')]
    return grid.count('<th scope="row"')


def test_the_grid_shows_a_page_of_learners_with_links_to_the_others(client, session, trainer):
    """50 of the 60 enrolled learners on the first page, the other 10 on the second; the
    counts at the top still say 60, 2 and 1."""
    client.force_login(trainer)
    html = roster(client, session)
    assert grid_rows(html) == 50
    assert "Enrolled (60)" in html
    assert "Page 1 of 2" in html and 'rel="next" href="?page=2"' in html
    assert grid_rows(roster(client, session, "page=2")) == 10
    assert grid_rows(roster(client, session, "per_page=25")) == 25


def test_search_finds_a_learner_by_name_or_email(client, session, trainer):
    """Typing part of a name or an email keeps only the matching learners, in every list."""
    client.force_login(trainer)
    for query in ("q=diallo", "q=AMINA+water.sn"):
        html = roster(client, session, query)
        assert grid_rows(html) == 1 and "Amina Diallo" in html
        assert "Enrolled (1 / 60)" in html
        assert "Learner N00" not in html and "Bao Waiting" not in html
        assert "No request matches." in html
    html = roster(client, session, "q=nobody-like-this")
    assert "No enrolled learner matches." in html


def test_status_filter_keeps_its_place_in_the_page_links(client, session, trainer):
    """Filtering on the waiting list shows it alone, each learner at their real position;
    the filters ride along in the page links."""
    client.force_login(trainer)
    html = roster(client, session, "status=waitlisted")
    assert "Bao Waiting" in html and "Carlos Waiting" in html
    assert "attendance-grid" not in html and "Dana Pending" not in html
    html = roster(client, session, "q=Carlos")
    assert "<td>2</td><th scope=\"row\"><bdi>Carlos Waiting</bdi>" in html
    html = roster(client, session, "status=confirmed&per_page=25")
    assert 'href="?status=confirmed&amp;per_page=25&amp;page=2"' in html
    assert 'name="return_query" value="status=confirmed&amp;per_page=25"' in html


def test_unknown_filters_are_ignored(client, session, trainer):
    """A hand-edited address with an unknown status or page size shows the whole roster."""
    client.force_login(trainer)
    assert grid_rows(roster(client, session, "status=owner&per_page=7&page=x")) == 50


def test_days_are_written_in_the_readers_language(client, session, trainer):
    """The days of the grid read "Mon March 3" in English and "lun 3 mars" in French."""
    client.force_login(trainer)
    assert "Mon March 3</time>" in roster(client, session)
    html = roster(client, session, language="fr")
    assert "lun 3 mars</time>" in html and "March" not in html


def test_attendance_shows_before_the_days(client, session, trainer):
    """However many days the session has, the attendance rate comes right after the
    learner and status, not beyond the last day off the side of the screen."""
    client.force_login(trainer)
    grid = roster(client, session).split("attendance-grid", 1)[1]
    assert grid.index(">Attendance</th>") < grid.index('class="day"')


def test_attendance_saved_from_a_filtered_page_comes_back_to_it(client, session, trainer):
    """Saving the ticks of page 2 of a search returns to that same view."""
    client.force_login(trainer)
    url = reverse("enrollment:roster_attendance", kwargs={"session_id": session.pk})
    response = client.post(url, {"return_query": "q=learner&page=2&evil=1"})
    assert response.status_code == 302
    assert response.url.endswith(f"/sessions/{session.pk}/roster/?q=learner&page=2")


def test_csv_export_holds_every_learner(client, session, trainer):
    """The export is not the page on screen: all 63 learners are in it."""
    client.force_login(trainer)
    response = client.get(reverse("enrollment:roster_csv", kwargs={"session_id": session.pk}))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 1 + 63
