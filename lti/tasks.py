"""Background tasks of LTI: a learner's score sent to their LMS's gradebook."""

from django_tasks import task

from lti import services


@task()
def send_score(link_id: int, attempt: int = 1) -> str:
    return services.score_send(link_id=link_id, attempt=attempt)
