"""Background tasks of video meetings: the calls to the providers' servers."""

from django_tasks import task

from conferencing import services


@task()
def create_due_meetings() -> int:
    return services.meetings_create_due()


@task()
def fetch_recording_playback(recording_id: int) -> str:
    return services.recording_playback_fetch(recording_id=recording_id)
