"""The live room's pages: the room for participants, the trainers' console, the projector,
and the plain forms behind them.

Every form posts the fields of the action frame a websocket client would send (see
live.forms.action_frame) to one view that runs it through live.actions: the pages work
without JavaScript, and live.js sends the same forms over the socket instead."""

import json
from urllib.parse import parse_qs, urlsplit

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.permissions import may_open_admin
from courses.selectors import localized_courses
from enrollment.parts import session_meeting_links
from live import actions, broadcasts, selectors, services
from live.forms import RoomSettingsForm, action_frame
from live.fragments import crowd_page, render_page
from live.hub import get_hub
from live.models import (
    ANNOUNCEMENT_MAX_LENGTH,
    POLL_OPTION_MAX_LENGTH,
    POLL_QUESTION_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    Broadcast,
    BroadcastRecording,
    PollState,
    QuestionStatus,
    Room,
)
from live.presentation import (
    BLANK_POLL,
    BLANK_QUESTION,
    CONNECTION,
    DONE,
    announcement_items,
    poll_items,
    question_items,
    room_flags,
    shown_pinned,
)
from live.serializers import poll_data, question_data
from live.services import Access, LiveError
from live.views.api import error_status

PROJECTOR_QUESTIONS = 5
POLL_ANSWERS_SHOWN = 4
SORTS = ("votes", "newest")
RECORDINGS_SHOWN = 10
NOT_COUNTED = "–"


def page_context(
    request, room: Room, access: Access, *, me: dict, live_page: str, presence, view: dict
) -> dict:
    """What the room, the console and the projector share. `room.last_seq` was read before
    anything else: the script asks for the events after it, and an event already shown on
    the page changes nothing when it is applied again. `me`: the person's own part
    (selectors.own_part); `view`: the room as a snapshot frame holds it (its questions,
    announcements and broadcast); `presence`: the hub's counts (`hub_presence`), or None
    where the page has none."""
    session = room.session
    user = request.user
    course = localized_courses([session], get_language())[session.course.translation_key]
    pinned = shown_pinned(room, view["questions"])
    broadcast = view["room"]["broadcast"]
    config = {
        "me": {"moderator": access.moderator, **me},
        "text": {**DONE, **CONNECTION},
    }
    return {
        "room": room,
        "session": session,
        "course": course,
        "course_url": course.get_url(request),
        "access": access,
        "live_page": live_page,
        "language": get_language(),
        "seq": room.last_seq,
        "room_flags": room_flags(room, access, pinned, broadcast=broadcast["state"]),
        "meeting_links": session_meeting_links(session, user),
        "broadcast": broadcast,
        "broadcast_sources": json.dumps(broadcast["sources"]),
        "pinned": pinned,
        "me": me,
        "presence": page_presence(room, presence),
        "announcements": announcement_items(view["announcements"]),
        "act_url": reverse("live:act", kwargs={"session_id": room.pk}),
        "next_url": page_address(request),
        "ws_path": f"/ws/live/{room.pk}/",
        "events_url": reverse("live_api:events", kwargs={"session_id": room.pk}),
        "actions_url": reverse("live_api:actions", kwargs={"session_id": room.pk}),
        "blank_question": BLANK_QUESTION,
        "blank_poll": BLANK_POLL,
        "live_config": config,
        "question_max_length": QUESTION_MAX_LENGTH,
        "question_too_long": services.question_too_long_message(),
        "announcement_max_length": ANNOUNCEMENT_MAX_LENGTH,
    }


def page_presence(room: Room, presence) -> dict:
    """The counts of people the page shows: online (a dash where this process does not
    follow the room) and checked in today."""
    online = presence and presence["online"]
    return {
        "online": NOT_COUNTED if online is None else online,
        "checked_in": services.checked_in_today(
            room.pk, presence["checked_in"] if presence else None, session=room.session
        ),
    }


def page_address(request) -> str:
    """Where the page's forms come back to: its path and the sort, nothing else a visitor
    put in the address (each question's fragment is kept under it)."""
    sort = request.GET.get("sort")
    return request.path + (f"?sort={sort}" if sort in SORTS else "")


# --- Access -----------------------------------------------------------------------------


def participant_room(request, session_id: int):
    """(room, access) for someone allowed in, or the page that tells them why not."""
    room, access = selectors.room_and_access(request.user, session_id)
    if room is None:
        raise Http404
    if not access.allowed:
        return None, refusal(request, room, access)
    return room, access


def moderated_room(request, session_id: int) -> tuple[Room, Access]:
    """Trainers of the session and administrators only; for anyone else the page does not
    exist."""
    room, access = selectors.room_and_access(request.user, session_id)
    if room is None or not access.moderator:
        raise Http404
    return room, access


def refusal(request, room: Room, access: Access):
    session = room.session
    course = localized_courses([session], get_language())[session.course.translation_key]
    context = {
        "session": session,
        "course": course,
        "course_url": course.get_url(request),
        "message": access.message,
    }
    return render(request, "live/refused.html", context, status=403)


def hub_presence(room_id: int) -> dict:
    """Who is online and who checked in today, as this process's hub last counted them (it
    counts check-ins while it follows the room; None until then)."""
    hub = get_hub()
    return {"online": hub.online(room_id), "checked_in": hub.checked_in(room_id)}


# --- The room ---------------------------------------------------------------------------


# The log-in check runs with the page, in its thread: on the async view, Django would read
# the user a second time (request.auser), for every one of a seminar's two thousand arrivals.
@never_cache
@require_GET
async def room(request, session_id: int):
    hub = get_hub()
    presence, shared = hub_presence(session_id), hub.shared_snapshot(session_id)
    return await sync_to_async(room_page)(request, session_id, presence, shared)


@login_required
def room_page(request, session_id: int, presence=None, shared=None):
    room, access = participant_room(request, session_id)
    if room is None:
        return access
    return render_room(request, room, access, presence=presence, shared=shared)


def render_room(
    request, room, access, *, presence=None, shared=None, ask=None, sort=None, status=200
):
    sort = sort or request.GET.get("sort")
    sort = sort if sort in SORTS else "votes"
    me = selectors.own_part(room, request.user)

    def context():
        view = selectors.participant_view(room, request.user, me, shared)
        questions = view["questions"]  # newest first
        if sort == "votes":
            questions = sorted(questions, key=lambda question: question["votes"], reverse=True)
        found = page_context(
            request, room, access, me=me, live_page="room", presence=presence, view=view
        )
        found.update(
            sort=sort,
            questions=question_items(questions, pinned_id=room.pinned_question_id, me=me),
            polls=poll_items(reversed(view["polls"]), me=me, moderator=access.moderator),
            ask=ask or {"text": "", "anonymous": False, "error": None},
        )
        return found

    if ask is None and status == 200 and is_one_of_the_crowd(request, access, me):
        key_parts = (
            room.pk,
            request.scheme,
            request.get_host(),
            request.get_full_path(),  # the language links repeat it
            get_language(),
            access.learner,
            session_meeting_links(room.session, request.user),
        )
        return crowd_page(
            request,
            "live/room.html",
            context,
            key_parts=key_parts,
            seq=room.last_seq,
            presence=page_presence(room, presence),
        )
    return render_page(request, "live/room.html", context(), status=status)


def is_one_of_the_crowd(request, access, me) -> bool:
    """Whether this reader sees the room page as everyone else does who has done nothing in
    the room yet, so that it can be given to them as the first of them got it
    (live.fragments.crowd_page): no moderator, nobody who may open the admin (the page
    shows them Wagtail's user bar), nothing of theirs in the room, no message waiting."""
    return (
        not access.moderator
        and selectors.nothing_of_theirs(me)
        and not len(messages.get_messages(request))
        and not may_open_admin(request.user)
    )


# --- The console ------------------------------------------------------------------------


@never_cache
@require_GET
async def console(request, session_id: int):
    return await sync_to_async(console_page)(request, session_id, hub_presence(session_id))


@login_required
def console_page(request, session_id: int, presence=None):
    room, access = moderated_room(request, session_id)
    return render_console(request, room, access, presence=presence)


def blank_poll_draft() -> dict:
    return {
        "question": "",
        "options": [""] * services.MAX_POLL_OPTIONS,
        "multiple": False,
        "error": None,
    }


def render_console(
    request,
    room,
    access,
    *,
    presence=None,
    settings_form=None,
    poll=None,
    announce=None,
    status=200,
):
    me = selectors.own_part(room, request.user)
    questions = room.questions.select_related("author")
    lists = {
        "pending": selectors.moderation_queue(room),
        "visible": questions.filter(status=QuestionStatus.VISIBLE).order_by(
            "-votes", "-created_at"
        ),
        "hidden": questions.filter(status=QuestionStatus.HIDDEN).order_by("-created_at"),
    }
    for key, queryset in lists.items():
        lists[key] = [question_data(q) for q in queryset[: selectors.SNAPSHOT_QUESTIONS]]
    context = page_context(
        request,
        room,
        access,
        me=me,
        live_page="console",
        presence=presence,
        view=selectors.moderator_view(room, lists["visible"]),
    )
    items = {
        key: question_items(found, pinned_id=room.pinned_question_id, me=me)
        for key, found in lists.items()
    }
    polls = room.polls.prefetch_related("options").order_by("-created_at")
    poll = poll or blank_poll_draft()
    context.update(
        pending=items["pending"],
        questions=items["visible"],
        hidden_questions=items["hidden"],
        polls=poll_items([poll_data(p) for p in polls], me=me, moderator=True),
        settings_form=settings_form or RoomSettingsForm(instance=room),
        poll_draft=poll,
        poll_answers_shown=list(enumerate(poll["options"][:POLL_ANSWERS_SHOWN], start=1)),
        poll_answers_more=list(
            enumerate(poll["options"][POLL_ANSWERS_SHOWN:], start=POLL_ANSWERS_SHOWN + 1)
        ),
        poll_answers_more_typed=any(poll["options"][POLL_ANSWERS_SHOWN:]),
        poll_question_max_length=POLL_QUESTION_MAX_LENGTH,
        poll_option_max_length=POLL_OPTION_MAX_LENGTH,
        announce=announce or {"text": "", "error": None},
        stream=Broadcast.objects.filter(room=room).first(),
        ingest_url=settings.LIVE_INGEST_URL,
        recordings=room.recordings.select_related("media")[:RECORDINGS_SHOWN],
    )
    return render_page(request, "live/console.html", context, status=status)


# --- The broadcast ----------------------------------------------------------------------


@login_required
@require_POST
def stream_key(request, session_id: int):
    """A new stream key (the previous one stops working), or none at all."""
    room, access = moderated_room(request, session_id)
    if request.POST.get("do") == "revoke":
        broadcasts.stream_key_revoke(room=room, access=access)
        messages.success(request, DONE["stream_key_revoked"])
    else:
        broadcasts.stream_key_create(room=room, access=access)
        messages.success(request, DONE["stream_key"])
    return redirect(reverse("live:console", kwargs={"session_id": room.pk}) + "#broadcast")


@login_required
@require_POST
def recording_lesson(request, session_id: int, recording_id: int):
    """Make a video of the recording, which then joins the videos a lesson can show."""
    room, access = moderated_room(request, session_id)
    recording = BroadcastRecording.objects.filter(room=room, pk=recording_id).first()
    if recording is None:
        raise Http404
    try:
        broadcasts.recording_make_lesson(recording=recording, access=access, by=request.user)
    except LiveError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, DONE["recording_lesson"])
    return redirect(reverse("live:console", kwargs={"session_id": room.pk}) + "#broadcast")


@login_required
@require_POST
def room_settings(request, session_id: int):
    room, access = moderated_room(request, session_id)
    form = RoomSettingsForm(
        request.POST, instance=Room.objects.get_or_create(session_id=room.pk)[0]
    )
    form.instance.session = room.session
    if not form.is_valid():
        return render_console(request, room, access, settings_form=form, status=400)
    services.room_update(
        room=room,
        access=access,
        video_url=form.cleaned_data["video_url"],
        low_data_url=form.cleaned_data["low_data_url"],
        premoderation=form.cleaned_data["premoderation"],
        open_to_all=form.cleaned_data.get("open_to_all", False),
    )
    messages.success(request, DONE["settings"])
    return redirect("live:console", session_id=room.pk)


# --- The projector ----------------------------------------------------------------------


@never_cache
@login_required
@require_GET
async def projector(request, session_id: int):
    return await sync_to_async(projector_page)(request, session_id, hub_presence(session_id))


def projector_page(request, session_id: int, presence=None):
    room, access = moderated_room(request, session_id)
    me = selectors.own_part(room, request.user)
    questions = [
        question_data(question)
        for question in room.questions.select_related("author")
        .filter(status=QuestionStatus.VISIBLE)
        .order_by("-votes", "-created_at")[: selectors.SNAPSHOT_QUESTIONS]
    ]
    polls = room.polls.filter(state=PollState.OPEN).prefetch_related("options")
    context = page_context(
        request,
        room,
        access,
        me=me,
        live_page="projector",
        presence=presence,
        view=selectors.moderator_view(room, questions),
    )
    context.update(
        questions=question_items(questions, pinned_id=room.pinned_question_id, me=me),
        question_limit=PROJECTOR_QUESTIONS,
        polls=poll_items(
            [poll_data(poll) for poll in polls.order_by("-created_at")], me=me, moderator=True
        ),
    )
    return render_page(request, "live/projector.html", context)


# --- The forms --------------------------------------------------------------------------


@login_required
@require_POST
def act(request, session_id: int):
    """Any form of the three pages: the action runs as if sent over the socket, then back
    to the page with a message. A refused question, poll or announcement comes back with
    the typed text and the reason next to it, so nothing typed is lost."""
    room, access = participant_room(request, session_id)
    if room is None:
        return access
    frame = action_frame(request.POST)
    action = frame.get("action", "")
    next_url = safe_next_url(request, room)
    try:
        result = actions.perform(room.pk, request.user, access, frame)
    except LiveError as error:
        status = error_status(error.code)
        if action == "ask":
            typed = {"text": frame.get("text", ""), "anonymous": frame["anonymous"]}
            return render_room(
                request,
                room,
                access,
                ask={**typed, "error": error.message},
                sort=sort_of(next_url),
                status=status,
            )
        if action == "poll_create" and access.moderator:
            options = (frame["options"] + [""] * services.MAX_POLL_OPTIONS)[
                : max(services.MAX_POLL_OPTIONS, len(frame["options"]))
            ]
            draft = {
                "question": frame.get("question", ""),
                "options": options,
                "multiple": frame["multiple"],
                "error": error.message,
            }
            return render_console(request, room, access, poll=draft, status=status)
        if action == "announce" and access.moderator:
            typed = {"text": frame.get("text", ""), "error": error.message}
            return render_console(request, room, access, announce=typed, status=status)
        messages.error(request, error.message)
        return redirect(next_url + anchor_of(frame))
    messages.success(request, done_message(frame, result))
    return redirect(next_url + anchor_of(frame))


def done_message(frame: dict, result: dict):
    action = frame.get("action")
    if action == "ask" and result.get("status") == QuestionStatus.PENDING:
        return DONE["ask_pending"]
    if action == "moderate":
        return DONE.get(frame.get("do"), "")
    return DONE.get(action, "")


def anchor_of(frame: dict) -> str:
    """Back to the question or poll the person acted on, not to the top of a long page."""
    action = frame.get("action")
    if action in ("vote", "unvote", "moderate") and str(frame.get("question", "")).isdigit():
        return f"#question-{frame['question']}"
    if action in ("poll_vote", "poll_open", "poll_close") and str(frame.get("poll", "")).isdigit():
        return f"#poll-{frame['poll']}"
    return ""


def safe_next_url(request, room: Room) -> str:
    """The page the form was on (room, console or projector), never another site's."""
    candidate = request.POST.get("next", "")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate.split("#")[0]
    return reverse("live:room", kwargs={"session_id": room.pk})


def sort_of(url: str) -> str | None:
    return parse_qs(urlsplit(url).query).get("sort", [None])[0]
