"""Outgoing email: queued as a row, delivered by a task, retried with growing waits while
the mail server is down, then shown failed with its reason; delivered, nothing remains."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from accounts.factories import AdministratorFactory
from background.models import EmailStatus, OutgoingEmail
from background.services import RETRY_DELAYS, email_retry_now

pytestmark = pytest.mark.django_db

DOWN = "tests.background.test_services_outbox.MailServerDown"


class MailServerDown(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


class RefusesRecipient(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({"x@example.org": (550, b"No such user")})


def waiting():
    """Delivery tasks not run yet, due now or later."""
    return DBTaskResult.objects.filter(status=TaskResultStatus.READY)


def let_the_wait_pass():
    """Time moves on to the next try: the email's and its delivery task's."""
    past = timezone.now() - timedelta(seconds=1)
    OutgoingEmail.objects.filter(status=EmailStatus.QUEUED).update(next_attempt_at=past)
    waiting().update(run_after=past)


def test_a_delivered_email_leaves_no_row_and_reaches_the_mailbox(run_tasks, mailoutbox):
    """The request queues the email; the worker delivers it, text, HTML and attachment, and
    deletes the row."""
    message = EmailMultiAlternatives(
        "Welcome \u2068Amina\u2069", "Hello", to=["amina@example.org"], bcc=["audit@example.org"]
    )
    message.attach_alternative("<p>Hello</p>", "text/html")
    message.attach("session.ics", "BEGIN:VCALENDAR\nEND:VCALENDAR\n", "text/calendar")
    message.send()
    assert mailoutbox == []
    (row,) = OutgoingEmail.objects.all()
    assert row.recipients == ["amina@example.org", "audit@example.org"]

    run_tasks()

    assert not OutgoingEmail.objects.exists()
    (sent,) = mailoutbox
    assert sent.subject == "Welcome \u2068Amina\u2069"
    assert sent.to == ["amina@example.org"]
    assert sent.recipients() == ["amina@example.org", "audit@example.org"]
    assert sent.body.strip() == "Hello"
    assert sent.alternatives[0][0].strip() == "<p>Hello</p>"
    assert sent.attachments[0][0] == "session.ics"


def test_an_email_to_a_placeholder_address_is_not_queued(run_tasks, mailoutbox):
    """A learner a partner's LMS sent without an address has a placeholder in the reserved
    .invalid domain: their emails are dropped, not left failing in the outbox."""
    assert send_mail("Welcome", "Hello", None, ["lti-4f2a@lti.invalid"]) == 0
    send_mail("Welcome", "Hello", None, ["lti-4f2a@lti.invalid", "amina@example.org"])
    run_tasks()
    assert not OutgoingEmail.objects.exists()
    assert [m.to for m in mailoutbox] == [["lti-4f2a@lti.invalid", "amina@example.org"]]


def test_development_prints_the_delivered_email_on_the_console(run_tasks, settings, capsys):
    """With the development delivery backend, the worker prints the email (subject and body
    readable) instead of failing it."""
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
    send_mail("Confirmez \u2068Amina\u2069", "Cliquez ici : é", None, ["amina@example.org"])

    run_tasks()

    printed = capsys.readouterr().out
    assert "To: amina@example.org" in printed
    assert "Subject:" in printed
    assert not OutgoingEmail.objects.exists()


def test_mail_server_down_retries_with_growing_waits_then_fails_with_its_reason(
    run_tasks, mailoutbox, settings, admin_client
):
    """Each failed attempt is recorded and the next one waits longer; after the last, the
    email is failed, with the reason, in the administrators' listing."""
    settings.OUTBOX_DELIVERY_BACKEND = DOWN
    send_mail("Your seat", "Hello", None, ["amina@example.org"])
    waits = []
    for attempt in range(1, len(RETRY_DELAYS) + 1):
        before = timezone.now()
        run_tasks()
        row = OutgoingEmail.objects.get()
        assert row.attempts == attempt
        assert row.status == EmailStatus.QUEUED
        assert "Connection refused" in row.last_error
        (retry,) = waiting()
        waits.append(retry.run_after - before)
        let_the_wait_pass()
    assert [round(wait / timedelta(minutes=1)) for wait in waits] == [
        round(delay / timedelta(minutes=1)) for delay in RETRY_DELAYS
    ]
    run_tasks()
    row = OutgoingEmail.objects.get()
    assert row.status == EmailStatus.FAILED
    assert row.attempts == len(RETRY_DELAYS) + 1
    assert not waiting().exists()
    assert mailoutbox == []

    html = admin_client.get("/admin/outgoing-email/").content.decode()
    assert "amina@example.org" in html
    assert "Your seat" in html
    assert "ConnectionRefusedError" in html

    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = admin_client.post(f"/admin/outgoing-email/retry/{row.pk}/")
    assert response.status_code == 302
    run_tasks()
    assert not OutgoingEmail.objects.exists()
    assert [m.subject for m in mailoutbox] == ["Your seat"]


def test_a_malformed_address_fails_at_once_with_a_clear_reason(run_tasks, mailoutbox):
    send_mail("Your seat", "Hello", None, ["amina at example dot org"])
    run_tasks()
    row = OutgoingEmail.objects.get()
    assert row.status == EmailStatus.FAILED
    assert row.attempts == 1
    assert "Malformed address: 'amina at example dot org'" in row.last_error
    assert not waiting().exists()


def test_a_recipient_the_server_refuses_for_good_is_not_retried(run_tasks, settings):
    settings.OUTBOX_DELIVERY_BACKEND = "tests.background.test_services_outbox.RefusesRecipient"
    send_mail("Your seat", "Hello", None, ["x@example.org"])
    run_tasks()
    row = OutgoingEmail.objects.get()
    assert row.status == EmailStatus.FAILED
    assert "No such user" in row.last_error


def test_retry_now_is_one_more_attempt_and_an_older_task_then_does_nothing(
    run_tasks, mailoutbox, settings
):
    """An administrator's "Retry now" sends at once; the delivery that was waiting for
    its time finds nothing left to send."""
    settings.OUTBOX_DELIVERY_BACKEND = DOWN
    send_mail("Your seat", "Hello", None, ["amina@example.org"])
    run_tasks()
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert email_retry_now(email=OutgoingEmail.objects.get())
    run_tasks()
    assert len(mailoutbox) == 1
    let_the_wait_pass()
    run_tasks()
    assert len(mailoutbox) == 1


def test_only_administrators_see_the_outgoing_email(client):
    from accounts.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get("/admin/outgoing-email/").status_code in (302, 403)
    client.force_login(AdministratorFactory())
    assert client.get("/admin/outgoing-email/").status_code == 200
    assert client.get("/admin/failed-tasks/").status_code == 200


def test_an_allauth_email_goes_through_the_outbox(client, run_tasks, mailoutbox):
    """Account emails (here the sign-up confirmation) are queued like every other."""
    client.post(
        "/en/accounts/signup/",
        {"email": "new@example.org", "password1": "a-Long-pass-99", "password2": "a-Long-pass-99"},
    )
    assert mail.outbox == []
    assert OutgoingEmail.objects.filter(recipients=["new@example.org"]).exists()
    run_tasks()
    assert [m.to for m in mailoutbox] == [["new@example.org"]]
