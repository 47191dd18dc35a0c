"""The admin of video lessons: the upload form's size limit (wagtailmedia's form base,
config/settings/base.py WAGTAILMEDIA), where each video's transcoding stands with the
reason of a failure, "Transcode again", and the captions editors upload per language."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtailmedia.forms import BaseMediaForm
from wagtailmedia.widgets import AdminVideoChooser

from background.viewsets import ListOnlyViewSetMixin
from learning.models.video import Caption, TranscodeStatus, VideoTranscode
from learning.selectors.video import megabytes
from learning.services.video import video_transcode_retry

MEGABYTE = 1024 * 1024


class MediaForm(BaseMediaForm):
    """wagtailmedia's upload form, refusing files above VIDEO_MAX_UPLOAD_MB."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        limit = settings.VIDEO_MAX_UPLOAD_MB
        size = getattr(upload, "size", None)
        if "file" in self.changed_data and size is not None and size > limit * MEGABYTE:
            raise ValidationError(
                _("This file is %(size)s MB; uploads may be at most %(limit)s MB."),
                code="too_big",
                params={"size": megabytes(size), "limit": limit},
            )
        return upload


def renditions_summary(transcode: VideoTranscode) -> str:
    """'audio 2.4 MB · 240p 9.1 MB · 360p 28.8 MB'."""
    return " · ".join(
        f"{rendition.rung} {megabytes(rendition.size)} MB"
        for rendition in transcode.media.renditions.all()
    )


def duration_shown(transcode: VideoTranscode) -> str:
    if transcode.duration is None:
        return ""
    seconds = int(transcode.duration)
    return f"{seconds // 60}:{seconds % 60:02d}"


class TranscodeIndexView(IndexView):
    viewset = None

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("media")
            .prefetch_related("media__renditions")
        )

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if self.user_has_permission("change") and instance.status in (
            TranscodeStatus.FAILED,
            TranscodeStatus.READY,
        ):
            buttons.append(
                ListingButton(
                    _("Transcode again"),
                    url=reverse(self.viewset.get_url_name("retry"), args=[instance.pk]),
                    icon_name="resubmit",
                    priority=10,
                )
            )
        return buttons


class RetryView(PermissionCheckedMixin, View):
    """Queues the video's transcoding again (a POST from the listing's confirmation)."""

    permission_required = "change"
    model = VideoTranscode
    viewset = None
    http_method_names = ["get", "post"]

    def get(self, request, pk):
        transcode = get_object_or_404(VideoTranscode.objects.select_related("media"), pk=pk)
        return TemplateResponse(
            request,
            "learning/admin/transcode_retry.html",
            {
                "transcode": transcode,
                "index_url": reverse(self.viewset.get_url_name("index")),
            },
        )

    def post(self, request, pk):
        transcode = get_object_or_404(VideoTranscode, pk=pk)
        video_transcode_retry(transcode=transcode)
        messages.success(request, _("The video will be transcoded again."))
        return redirect(self.viewset.get_url_name("index"))


class VideoTranscodeViewSet(ListOnlyViewSetMixin, ModelViewSet):
    """Each uploaded video's transcoding: its status, and why it failed; read only, but for
    "Transcode again"."""

    model = VideoTranscode
    icon = "media"
    menu_label = _("Transcoding")
    url_prefix = "video-transcoding"
    index_view_class = TranscodeIndexView
    copy_view_enabled = False
    list_display = [
        Column("media", label=_("Video"), accessor="media.title"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("error", label=_("Reason")),
        Column("duration", label=_("Duration"), accessor=duration_shown),
        Column("renditions", label=_("Renditions"), accessor=renditions_summary),
        DateColumn("finished_at", label=_("Finished")),
    ]
    list_filter = ["status"]
    search_fields = ["media__title", "error"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_per_page = 50

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(viewset=self, **kwargs)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("retry/<int:pk>/", self.construct_view(RetryView, viewset=self), name="retry"),
        ]


class CaptionViewSet(ModelViewSet):
    """Captions per video and language: WebVTT files editors upload."""

    model = Caption
    icon = "openquote"
    menu_label = _("Captions")
    url_prefix = "video-captions"
    copy_view_enabled = False
    inspect_view_enabled = False
    panels = [
        FieldPanel("media", widget=AdminVideoChooser()),
        FieldPanel("language"),
        FieldPanel("file"),
    ]
    list_display = [
        Column("media", label=_("Video"), accessor="media.title"),
        Column("language", label=_("Language"), accessor="get_language_display"),
        "file",
    ]
    list_filter = ["language"]
    search_fields = ["media__title"]
    search_backend_name = None
    ordering = ["media__title", "language"]


class VideoLessonsGroup(ViewSetGroup):
    items = (VideoTranscodeViewSet, CaptionViewSet)
    menu_icon = "media"
    menu_label = _("Video lessons")
    menu_name = "video-lessons"
    menu_order = 310
