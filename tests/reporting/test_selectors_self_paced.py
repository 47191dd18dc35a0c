"""Self-paced learning in the centre's report: its runs, learners, completions and
certificates on their own lines, never counted as sessions held nor as participations;
the dashboard and the files tell the two apart."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.factories import AdministratorFactory
from certificates.factories import CertificateFactory
from courses.factories import CoursePageFactory, SelfPacedRunFactory, ThemePageFactory
from courses.models import SessionMode, SessionStatus
from enrollment.factories import EnrollmentFactory
from enrollment.models import EnrollmentStatus
from reporting import selectors
from reporting.filters import ReportFilters, parse_filters
from tests.reporting.factories import held, learner, took_part

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(home):
    theme = ThemePageFactory(parent=home, title="Water", slug="water")
    return CoursePageFactory(parent=theme, title="Flood early warning", slug="floods")


@pytest.fixture
def learning(course):
    """One dated session with one participant; an always-open run with three learners (one
    completed with a certificate, one waitlisted, one cancelled), and a cancelled run."""
    took_part(held(course, year=2021), learner())
    run = SelfPacedRunFactory(course=course, starts_at=timezone.now() - timedelta(days=30))
    done = EnrollmentFactory(session=run, user=learner(), status=EnrollmentStatus.COMPLETED)
    CertificateFactory(enrollment=done)
    EnrollmentFactory(session=run, user=learner(), status=EnrollmentStatus.CONFIRMED)
    EnrollmentFactory(session=run, user=learner(), status=EnrollmentStatus.WAITLISTED)
    EnrollmentFactory(session=run, user=learner(), status=EnrollmentStatus.CANCELLED)
    SelfPacedRunFactory(course=course, status=SessionStatus.CANCELLED)
    return run


def test_self_paced_learning_has_its_own_lines(learning):
    """One run, two learners holding a seat, one completion, one certificate; the dated
    session alone is a training session held, with its one participant."""
    report = selectors.headline(ReportFilters())
    assert report.trainings == 1
    assert report.participants == 1
    assert report.certificates == 0
    assert SessionMode.SELF_PACED not in report.trainings_by_mode
    assert (
        report.self_paced_runs,
        report.self_paced_learners,
        report.self_paced_completions,
        report.self_paced_certificates,
    ) == (1, 2, 1, 1)


def test_the_period_counts_what_learners_did_in_it(learning):
    """This year holds the self-paced learners; 2021 holds the session and none of them."""
    this_year = selectors.headline(parse_filters(year=str(timezone.now().year)))
    assert (this_year.self_paced_runs, this_year.self_paced_learners) == (1, 2)
    assert this_year.trainings == 0
    in_2021 = selectors.headline(parse_filters(year="2021"))
    assert in_2021.trainings == 1
    assert (in_2021.self_paced_runs, in_2021.self_paced_learners) == (0, 0)


def test_another_mode_leaves_self_paced_out(learning):
    """A report of online sessions counts no self-paced learner; one of self-paced runs
    counts no session held."""
    online = selectors.headline(parse_filters(mode="online"))
    assert (online.trainings, online.self_paced_learners) == (1, 0)
    self_paced = selectors.headline(parse_filters(mode="self_paced"))
    assert (self_paced.trainings, self_paced.self_paced_learners) == (0, 2)


def test_by_mode_lists_the_dated_modes_only(learning):
    """The sessions-by-mode table has no self-paced row: it has its own lines."""
    modes = [value for value, _label, _count in selectors.by_mode(ReportFilters())]
    assert modes == ["online", "in_room", "hybrid"]


def test_dashboard_and_files_tell_self_paced_apart(client, learning):
    """The dashboard shows a "Self-paced learners" card with its run, completion and
    certificate; the CSV has the self-paced figures as their own headline rows."""
    client.force_login(AdministratorFactory())
    html = client.get("/admin/reports/").content.decode()
    assert "Self-paced learners" in html
    assert "1 self-paced run" in html
    assert "1 completion" in html
    assert "audience of 0; 2 self-paced learners (1 completion)." in html
    csv = b"".join(client.get("/admin/reports/report.csv").streaming_content).decode()
    assert "headline,,Self-paced learners,self_paced_learners,2" in csv
    assert "headline,,Self-paced completions,self_paced_completions,1" in csv
    assert "headline,,Training sessions,trainings,1" in csv
