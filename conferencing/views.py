"""The video meeting's pages (join, and the meeting's page with its recordings) and the
callbacks providers' servers make. Joining builds the provider's address when the
participant clicks; nothing here calls a provider's server."""

import logging

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from conferencing import selectors, services
from conferencing.models import Provider, VideoMeeting
from conferencing.providers import bigbluebutton, jitsi, provider_for
from conferencing.providers.base import CallbackRefused, ProviderError
from conferencing.servers import server
from courses.selectors import localized_courses

logger = logging.getLogger(__name__)


def _joining_or_404(request, session_id: int) -> selectors.Joining:
    found = selectors.joining(request.user, session_id)
    if found is None:
        raise Http404
    return found


def _page(request, found: selectors.Joining, *, message: str = "", status: int = 200):
    session = found.session
    course = localized_courses([session], get_language())[session.course.translation_key]
    context = {
        "session": session,
        "course": course,
        "course_url": course.get_url(request),
        "meeting": found.meeting,
        "moderator": found.participant.moderator,
        "recordings": selectors.recordings_of(found.meeting),
        "message": message,
    }
    return render(request, "conferencing/meeting.html", context, status=status)


@never_cache
@login_required
@require_GET
def meeting(request, session_id: int):
    """The session's video meeting: the button to join it, and its recordings."""
    return _page(request, _joining_or_404(request, session_id))


@never_cache
@login_required
@require_GET
def join(request, session_id: int):
    """Off to the provider, with an address made for this participant now; the meeting's
    page says why when there is nothing to join yet."""
    found = _joining_or_404(request, session_id)
    meeting = found.meeting
    provider = provider_for(meeting)
    if provider.creates_meetings and meeting.created_at_provider is None:
        minutes = int(services.MEETING_OPENS_BEFORE.total_seconds() // 60)
        return _page(
            request,
            found,
            message=ngettext(
                "The video meeting opens %(minutes)d minute before the session starts. "
                "Come back then.",
                "The video meeting opens %(minutes)d minutes before the session starts. "
                "Come back then.",
                minutes,
            )
            % {"minutes": minutes},
        )
    try:
        url = provider.join_url(meeting, found.participant, now=timezone.now())
    except ProviderError:
        logger.exception("No join address for the video meeting of session %s", session_id)
        url = ""
    if not url:
        return _page(request, found, message=gettext("This session has no video meeting to join."))
    return redirect(url)


# --- callbacks from the providers' servers ------------------------------------------------


def _refused(message: str) -> HttpResponse:
    """A callback that fails its check changes nothing and is told why."""
    return JsonResponse({"error": message}, status=403)


def _meeting_on(found, provider: str, key: str) -> VideoMeeting | None:
    return (
        VideoMeeting.objects.select_related("session")
        .filter(meeting_key=key, provider=provider, server=found.name)
        .first()
    )


def _unknown_server() -> HttpResponse:
    return _refused(gettext("No video conferencing server of that name is configured here."))


@csrf_exempt
@require_POST
def bbb_analytics(request, server_name: str):
    """BigBlueButton's learning analytics after a meeting: who stayed how long."""
    found = server(server_name, Provider.BIGBLUEBUTTON)
    if found is None:
        return _unknown_server()
    try:
        bigbluebutton.verify_analytics(found, request.headers.get("Authorization", ""))
    except CallbackRefused as refused:
        return _refused(str(refused))
    payload = bigbluebutton.load_json(request.body)
    key = bigbluebutton.analytics_meeting_id(payload)
    meeting = _meeting_on(found, Provider.BIGBLUEBUTTON, key)
    if meeting is None:
        return JsonResponse({"error": "No such meeting."}, status=404)
    recorded = services.meeting_stays_record(
        meeting=meeting, stays=bigbluebutton.analytics_stays(payload)
    )
    return JsonResponse({"attendance_recorded": len(recorded)})


@csrf_exempt
@require_POST
def bbb_recording_ready(request, server_name: str):
    """BigBlueButton's word that a recording was published."""
    found = server(server_name, Provider.BIGBLUEBUTTON)
    if found is None:
        return _unknown_server()
    try:
        claims = bigbluebutton.recording_ready_claims(
            found, request.POST.get("signed_parameters", "")
        )
    except CallbackRefused as refused:
        return _refused(str(refused))
    meeting = _meeting_on(found, Provider.BIGBLUEBUTTON, str(claims["meeting_id"]))
    if meeting is None:
        # BigBlueButton reads 410 as "the meeting was deleted here".
        return JsonResponse({"error": "No such meeting."}, status=410)
    recording = services.meeting_recording_ready(
        meeting=meeting, record_id=str(claims["record_id"])
    )
    return JsonResponse({"recording": recording.record_id})


@csrf_exempt
@require_POST
def jitsi_events(request, server_name: str, subject: str, what: str):
    """Prosody's event sync: `POST <api_prefix>/events/<subject>/<what>`; stays are taken
    from `occupant/left` events, the others are acknowledged and ignored."""
    found = server(server_name, Provider.JITSI)
    if found is None:
        return _unknown_server()
    try:
        jitsi.verify_events(found, request.headers.get("Authorization", ""))
    except CallbackRefused as refused:
        return _refused(str(refused))
    left = jitsi.occupant_stay(bigbluebutton.load_json(request.body))
    if left is None:
        return HttpResponse(status=204)
    room, stay = left
    meeting = _meeting_on(found, Provider.JITSI, room)
    if meeting is None:
        return HttpResponse(status=204)
    recorded = services.meeting_stays_record(meeting=meeting, stays=[stay])
    return JsonResponse({"attendance_recorded": len(recorded)})
