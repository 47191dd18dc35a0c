"""Video lessons follow the videos editors upload: a new file is queued for transcoding,
and the files made from a video go when it goes."""

from django.db.models.signals import post_delete, post_save
from wagtailmedia import get_media_model

from learning.models.video import Caption, VideoRendition, VideoTranscode
from learning.services.video import video_files_delete, video_transcode_request


def transcode_uploaded_video(sender, instance, raw=False, **kwargs):
    if not raw:
        video_transcode_request(media=instance)


def delete_rendition_file(sender, instance, **kwargs):
    video_files_delete(names=[instance.file.name])


def delete_poster_file(sender, instance, **kwargs):
    video_files_delete(names=[instance.poster.name])


post_save.connect(transcode_uploaded_video, sender=get_media_model())
post_delete.connect(delete_rendition_file, sender=VideoRendition)
post_delete.connect(delete_rendition_file, sender=Caption)
post_delete.connect(delete_poster_file, sender=VideoTranscode)
