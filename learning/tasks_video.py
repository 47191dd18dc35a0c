"""Background tasks of video lessons: transcoding an upload into its ladder."""

from django_tasks import task

from learning.services import video


@task()
def transcode_video(media_id: int) -> str:
    """The status the video ends in (ready or failed)."""
    return video.video_transcode(media_id=media_id)
