"""Background tasks of the live room: a recording made into a video, and forgetting the
receipts of old actions."""

from django_tasks import task

from live import broadcasts, services


@task()
def make_video_from_recording(recording_id: int, user_id: int | None = None) -> int:
    """The id of the video made (the learning stage then transcodes it)."""
    return broadcasts.recording_to_media(recording_id=recording_id, user_id=user_id).pk


@task()
def prune_action_receipts() -> int:
    return services.action_receipts_prune()
