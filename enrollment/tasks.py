"""Background tasks of enrollment: the learner's emails, the reminders before a session,
and passing on the seats held too long."""

from datetime import timedelta

from django_tasks import task

from enrollment import emails, services


@task()
def send_enrollment_email(enrollment_id: int, event: str, request_language: str | None = None):
    emails.send_enrollment_email(enrollment_id, event, request_language=request_language)


@task()
def send_reminders(first_hours: int = 24, last_hours: int = 48) -> dict:
    sent, failed = services.reminders_send(
        starts_in=(timedelta(hours=first_hours), timedelta(hours=last_hours))
    )
    return {"sent": sent, "failed": failed}


@task()
def release_expired_holds() -> int:
    return services.session_release_expired_holds()
