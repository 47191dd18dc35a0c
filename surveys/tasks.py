"""Background tasks of surveys: the invitations once a session ends, and their reminder."""

from django_tasks import task

from surveys import services


@task()
def send_survey_invitations() -> dict:
    sent = services.survey_emails_send()
    return {"invited": sent.invited, "reminded": sent.reminded, "failed": sent.failed}
