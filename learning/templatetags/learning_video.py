"""The video lesson player's reads, for the video block's template."""

from django import template

from learning.models import LessonPage, VideoTranscode
from learning.selectors.video import video_player as read_player

register = template.Library()


@register.simple_tag(takes_context=True)
def video_player(context, media):
    """`{% video_player value.video as player %}` in a lesson's body."""
    request = context.get("request")
    page = context.get("page")
    lesson = page if isinstance(page, LessonPage) else None
    return read_player(media, lesson=lesson, user=getattr(request, "user", None))


@register.simple_tag
def video_transcode_of(media):
    """Where the video's transcoding stands, for the media edit page of the admin."""
    return VideoTranscode.objects.filter(media=media).select_related("media").first()
