"""Views of the catalog outside Wagtail's page tree: calendar files of training sessions."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from wagtail.models import Site

from courses import ical


def calendar_response(calendar: ical.CalendarFile) -> HttpResponse:
    response = HttpResponse(calendar.content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=calendar.filename
    )
    return response


@require_GET
def session_ics(request, session_id: int):
    """One session as an event, in the reader's language; a cancelled one says so."""
    session = get_object_or_404(ical.calendar_sessions(), pk=session_id)
    return calendar_response(
        ical.session_calendar_file(session, request=request, language=get_language())
    )


@require_GET
def site_calendar(request):
    """The platform's upcoming sessions (every platform's on the master platform)."""
    return calendar_response(ical.site_calendar_file(request, language=get_language()))


@require_GET
def theme_calendar(request, theme_slug: str):
    """The upcoming sessions of one theme's courses."""
    theme = ical.find_theme(Site.find_for_request(request), theme_slug, get_language())
    if theme is None:
        raise Http404
    return calendar_response(
        ical.theme_calendar_file(theme, request=request, language=get_language())
    )
