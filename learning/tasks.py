"""Background tasks of the learning stage: the email announcing a reply in a lesson's
discussion."""

from django_tasks import task

from learning import emails


@task()
def send_reply_email(post_id: int) -> None:
    emails.send_reply_email(post_id)
