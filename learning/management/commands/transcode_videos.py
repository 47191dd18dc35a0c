"""`manage.py transcode_videos`: queue the transcoding of videos that have none (uploaded
before video lessons existed, or restored from a backup without their renditions)."""

from django.core.management.base import BaseCommand
from wagtailmedia import get_media_model

from learning.models import VideoTranscode
from learning.services.video import video_transcode_request


class Command(BaseCommand):
    help = "Queue the transcoding of every video that has no ladder yet (--all: of every video)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", dest="every", help="queue every video again"
        )

    def handle(self, *args, every=False, **options):
        videos = get_media_model().objects.filter(type="video").exclude(file="")
        if not every:
            videos = videos.filter(transcode__isnull=True)
        queued = 0
        for media in videos.iterator():
            if every:
                # Forget the file's name, so that the same file is queued again.
                VideoTranscode.objects.filter(media=media).update(source_name="")
            if video_transcode_request(media=media) is not None:
                queued += 1
        self.stdout.write(f"{queued} video(s) queued for transcoding.")
