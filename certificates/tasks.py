"""Background tasks of certificates: evaluating one learner after a survey answer or a day
of attendance, the learners of recently ended sessions, and the email announcing a newly
issued certificate."""

from django_tasks import task

from certificates import emails, services
from enrollment.models import Enrollment


@task()
def evaluate_completion(enrollment_id: int) -> bool:
    """True when the learner holds a certificate afterwards."""
    enrollment = (
        Enrollment.objects.select_related("session__course", "session__site", "user")
        .filter(pk=enrollment_id)
        .first()
    )
    if enrollment is None:
        return False
    return services.completion_evaluate(enrollment=enrollment) is not None


@task()
def issue_certificates() -> dict:
    done = services.sessions_complete_recent()
    return {"evaluated": done.evaluated, "issued": done.issued, "held": done.held}


@task()
def send_certificate_email(certificate_id: int) -> None:
    emails.send_certificate_email(certificate_id)
