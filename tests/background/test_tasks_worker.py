"""The task queue: a request enqueues on commit and never runs the task itself; a worker
started later runs what an earlier one left; a task whose code is gone is failed with its
reason for administrators; the scheduler enqueues each periodic job once per interval."""

import logging
import signal
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from accounts.factories import AdministratorFactory
from background.schedule import periodic_jobs
from background.services import periodic_jobs_enqueue
from courses.factories import CoursePageFactory, ThemePageFactory, TrainingSessionFactory
from enrollment.factories import LearnerProfileFactory
from enrollment.models import Enrollment, EnrollmentStatus


@pytest.fixture
def session(home):
    theme = ThemePageFactory(parent=home, slug="drr")
    course = CoursePageFactory(parent=theme, title="Flood early warning", slug="floods")
    return TrainingSessionFactory(course=course)


def run_worker() -> None:
    """`manage.py db_worker --batch`, as a freshly started worker process runs it."""
    handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=1)
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)


@pytest.mark.django_db
def test_enrolling_answers_before_the_email_which_the_worker_then_sends(
    client, session, run_tasks, mailoutbox
):
    """The enrollment page answers with the email still queued; the worker sends it."""
    learner = LearnerProfileFactory().user
    client.force_login(learner)
    response = client.post(f"/en/sessions/{session.pk}/enroll/")
    assert response.status_code == 302
    assert Enrollment.objects.get(user=learner).status == EnrollmentStatus.CONFIRMED
    assert mailoutbox == []
    run_tasks()
    (message,) = mailoutbox
    assert message.to == [learner.email]
    assert message.subject == "Enrollment confirmed: \u2068Flood early warning\u2069"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_tasks_left_by_a_stopped_worker_are_run_by_the_next(client, session, mailoutbox):
    """Enqueued and committed, nothing runs them (the worker is stopped); a worker started
    afterwards runs every one of them."""
    learners = [LearnerProfileFactory().user for _ in range(3)]
    for learner in learners:
        client.force_login(learner)
        client.post(f"/en/sessions/{session.pk}/enroll/")
    emails = DBTaskResult.objects.filter(task_path="enrollment.tasks.send_enrollment_email")
    assert emails.ready().count() == 3
    assert mailoutbox == []

    run_worker()

    assert sorted(message.to[0] for message in mailoutbox) == sorted(u.email for u in learners)
    assert emails.successful().count() == 3
    assert not DBTaskResult.objects.ready().exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_task_whose_code_is_gone_is_failed_with_its_reason(caplog, client):
    """A queued task whose function no longer exists (renamed in an upgrade) is not
    dropped: it is failed, logged as an error, and listed for administrators."""
    DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}},
        priority=0,
        task_path="enrollment.tasks.send_welcome_pack",
        queue_name="default",
        backend_name="default",
    )
    with caplog.at_level(logging.ERROR):
        run_worker()
    result = DBTaskResult.objects.get(task_path="enrollment.tasks.send_welcome_pack")
    assert result.status == TaskResultStatus.FAILED
    assert "send_welcome_pack" in result.traceback
    assert any(record.levelno >= logging.ERROR for record in caplog.records)

    client.force_login(AdministratorFactory())
    html = client.get("/admin/failed-tasks/").content.decode()
    assert "enrollment.tasks.send_welcome_pack" in html
    assert "send_welcome_pack" in html.split("enrollment.tasks.send_welcome_pack", 1)[1]


@pytest.mark.django_db
def test_the_scheduler_enqueues_each_job_once_per_interval():
    """The first look enqueues every job; a second look at once enqueues none; once a
    job's interval has passed it is enqueued again, alone."""
    names = {job.name for job in periodic_jobs()}
    assert {
        "enrollment.tasks.send_reminders",
        "enrollment.tasks.release_expired_holds",
        "surveys.tasks.send_survey_invitations",
        "certificates.tasks.issue_certificates",
        "privacy.tasks.purge_inactive_accounts",
        "background.tasks.requeue_stalled_emails",
        "live.tasks.prune_action_receipts",
    } <= names
    now = timezone.now()
    assert set(periodic_jobs_enqueue(now=now)) == names
    assert periodic_jobs_enqueue(now=now + timedelta(minutes=1)) == []
    due_again = sorted(j.name for j in periodic_jobs() if j.every <= timedelta(minutes=6))
    assert "enrollment.tasks.release_expired_holds" in due_again
    assert len(due_again) < len(names)
    assert sorted(periodic_jobs_enqueue(now=now + timedelta(minutes=6))) == due_again
    count = DBTaskResult.objects.filter(task_path__in=names).count()
    assert count == len(names) + len(due_again)


@pytest.mark.django_db
def test_the_scheduled_jobs_run_in_the_worker(run_tasks):
    """What the scheduler enqueues, the worker runs without error."""
    periodic_jobs_enqueue()
    run_tasks()
    assert not DBTaskResult.objects.failed().exists()
    names = [job.name for job in periodic_jobs()]
    assert DBTaskResult.objects.successful().filter(task_path__in=names).count() == len(names)
