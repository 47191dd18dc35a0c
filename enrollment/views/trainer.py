"""Pages of trainers and administrators: their sessions, a session's roster (approve, reject,
mark attendance), its exports, and the check-in code shown in the room."""

from dataclasses import dataclass, field
from datetime import date

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.permissions import is_administrator, runs_sessions
from courses.models import TrainingSession
from courses.states import SessionState
from enrollment import exports, selectors
from enrollment.models import AttendanceSource, Enrollment
from enrollment.permissions import session_for_roster, sessions_visible_to
from enrollment.services import (
    EnrollmentError,
    attendance_record,
    check_in_code_current,
    enrollment_reject,
    enrollments_approve,
)

SESSIONS_PER_PAGE = 50
# The roster's attendance grid, a page at a time; the exports hold every learner.
PER_PAGE_CHOICES = ("25", "50", "100")
ROSTER_PER_PAGE_DEFAULT = 50
SEARCH_MAX_LENGTH = 200
WHEN_CHOICES = ("upcoming", "past", "all")
REASON_MAX_LENGTH = 1000
# The check-in screen reloads at least this often, so the count of learners present moves.
CHECK_IN_REFRESH_SECONDS = 30


# --- my sessions --------------------------------------------------------------------------


@require_GET
@never_cache
@login_required
def my_sessions(request):
    """The sessions the trainer runs (administrators: every session), upcoming ones first."""
    if not runs_sessions(request.user):
        raise Http404
    status = request.GET.get("status", "")
    when = request.GET.get("when", "upcoming")
    when = when if when in WHEN_CHOICES else "upcoming"
    sessions = selectors.sessions_with_counts(
        selectors.filter_sessions(
            sessions_visible_to(request.user),
            status=status,
            when=when,
        )
    )
    page = Paginator(sessions, SESSIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "enrollment/trainer/my_sessions.html",
        {
            "page_obj": page,
            "sessions": page.object_list,
            "status": status,
            "when": when,
            "status_choices": [(state.value, state.label) for state in SessionState],
            "is_administrator": is_administrator(request.user),
            "query_string": urlencode({"status": status, "when": when}),
            "now": timezone.now(),
        },
    )


# --- roster -------------------------------------------------------------------------------


@dataclass
class RosterFilters:
    """What the trainer asked the roster for: a search, a status, a page size; unknown
    values fall back to none, so a hand-edited address still shows a roster."""

    search: str = ""
    status: str = ""
    per_page: int = ROSTER_PER_PAGE_DEFAULT
    page: str = "1"

    @classmethod
    def from_query(cls, data) -> "RosterFilters":
        status = data.get("status", "")
        per_page = data.get("per_page", "")
        return cls(
            search=data.get("q", "").strip()[:SEARCH_MAX_LENGTH],
            status=status if status in selectors.ROSTER_STATUSES else "",
            per_page=int(per_page) if per_page in PER_PAGE_CHOICES else ROSTER_PER_PAGE_DEFAULT,
            page=data.get("page", "1"),
        )

    def query_string(self, *, with_page: bool = False) -> str:
        """The filters for the page links (and the forms, to come back to the same view)."""
        query = {"q": self.search, "status": self.status}
        if self.per_page != ROSTER_PER_PAGE_DEFAULT:
            query["per_page"] = str(self.per_page)
        if with_page and self.page != "1":
            query["page"] = self.page
        return urlencode({key: value for key, value in query.items() if value})

    @property
    def is_filtered(self) -> bool:
        return bool(self.search or self.status)


@require_GET
@never_cache
@login_required
def roster(request, session_id: int):
    session = session_for_roster(request.user, session_id)
    filters = RosterFilters.from_query(request.GET)
    roster = selectors.session_roster(session, search=filters.search, status=filters.status)
    return render_roster(request, roster, filters=filters)


def render_roster(
    request, roster: selectors.Roster, bulk_reason: str = "", filters: RosterFilters | None = None
):
    session = roster.session
    filters = filters or RosterFilters.from_query(request.GET)
    # The attendance grid is the long list: one page of it at a time.
    page = Paginator(roster.enrolled, filters.per_page).get_page(filters.page)
    return render(
        request,
        "enrollment/trainer/roster.html",
        {
            "roster": roster,
            "session": session,
            "page_obj": page,
            "enrolled_rows": page.object_list,
            "filters": filters,
            "query_string": filters.query_string(),
            "return_query": filters.query_string(with_page=True),
            "status_choices": [(status, status.label) for status in selectors.ROSTER_STATUSES],
            "per_page_choices": PER_PAGE_CHOICES,
            "markable": any(cell.markable for row in page.object_list for cell in row.cells),
            "reason_max_length": REASON_MAX_LENGTH,
            "bulk_reason": bulk_reason,
        },
    )


@dataclass
class Decision:
    """What the trainer asked on the pending requests: approve or reject these ids."""

    action: str  # "approve" or "reject"
    ids: list[int]
    reasons: dict[int, str] = field(default_factory=dict)


def parse_decision(data) -> Decision | None:
    """A row's own button ("approve:12") decides that row; the bulk buttons
    ("approve:selected") decide the ticked rows. A row's reason wins over the shared one."""
    action, _sep, target = data.get("decision", "").partition(":")
    if action not in ("approve", "reject"):
        return None
    ids = _ids(data.getlist("selected")) if target == "selected" else _ids([target])
    shared = data.get("reason", "").strip()[:REASON_MAX_LENGTH]
    reasons = {
        pk: (data.get(f"reason-{pk}", "").strip()[:REASON_MAX_LENGTH] or shared) for pk in ids
    }
    return Decision(action=action, ids=ids, reasons=reasons) if ids else None


@require_POST
@login_required
def roster_decide(request, session_id: int):
    """Approve or reject pending requests, one or many; each is decided on its own, so one
    refusal leaves the others done and is shown on its row."""
    session = session_for_roster(request.user, session_id)
    decision = parse_decision(request.POST)
    if decision is None:
        messages.error(request, _("Tick at least one request, then approve or reject."))
        return render_decision_again(request, session, errors={})
    errors = decide_each(session, decision, by=request.user)
    done = len(decision.ids) - len(errors)
    if done:
        messages.success(request, decided_message(decision.action, done))
    if not errors:
        return redirect(roster_url(session, request.POST.get("return_query", "")))
    return render_decision_again(request, session, errors=errors)


def render_decision_again(request, session: TrainingSession, *, errors: dict[int, str]):
    """The roster as it is now, with what the trainer typed and ticked on the requests
    still pending, and each refusal on its row: nothing typed is lost."""
    roster = selectors.session_roster(session)
    ticked = set(_ids(request.POST.getlist("selected")))
    for row in roster.rows():
        pk = row.enrollment.pk
        row.error = errors.pop(pk, "")
        row.reason = request.POST.get(f"reason-{pk}", "")[:REASON_MAX_LENGTH]
        row.checked = pk in ticked
    for message in errors.values():  # requests no longer on the roster
        messages.error(request, message)
    bulk_reason = request.POST.get("reason", "")[:REASON_MAX_LENGTH]
    return render_roster(request, roster, bulk_reason=bulk_reason)


def decide_each(session: TrainingSession, decision: Decision, *, by) -> dict[int, str]:
    if decision.action == "approve":
        # All at once: one lock, one seat update, one commit, however many are ticked.
        return enrollments_approve(session=session, ids=decision.ids, by=by)[1]
    enrollments = Enrollment.objects.select_related("session").in_bulk(
        decision.ids, field_name="pk"
    )
    errors = {}
    for pk in decision.ids:
        enrollment = enrollments.get(pk)
        if enrollment is None or enrollment.session_id != session.pk:
            errors[pk] = _("This request is not on this session's roster.")
            continue
        try:
            enrollment_reject(enrollment=enrollment, by=by, reason=decision.reasons[pk])
        except EnrollmentError as error:
            errors[pk] = str(error.message)
    return errors


def decided_message(action: str, count: int) -> str:
    if action == "approve":
        return ngettext("%(count)d request approved.", "%(count)d requests approved.", count) % {
            "count": count
        }
    return ngettext("%(count)d request rejected.", "%(count)d requests rejected.", count) % {
        "count": count
    }


@require_POST
@login_required
def roster_attendance(request, session_id: int):
    """Record the ticked days as attended (source: roster). Ticks only add: a presence
    recorded meanwhile by the learner's own check-in is never removed by an old page."""
    session = session_for_roster(request.user, session_id)
    marks = parse_marks(request.POST.getlist("present"), selectors.markable_days(session))
    if not marks:
        messages.error(request, _("Tick the learners present, then save."))
        return redirect(roster_url(session, request.POST.get("return_query", "")))
    enrollments = Enrollment.objects.filter(session=session).in_bulk(
        {pk for _day, pk in marks}, field_name="pk"
    )
    errors, recorded = {}, 0
    for day, pk in marks:
        enrollment = enrollments.get(pk)
        if enrollment is None:
            continue  # not of this session: nothing to show it on
        try:
            created = attendance_record(
                enrollment=enrollment, day=day, source=AttendanceSource.ROSTER, by=request.user
            )[1]
        except EnrollmentError as error:
            errors.setdefault(pk, (str(error.message), set()))[1].add(day)
            continue
        recorded += created
    if recorded:
        messages.success(
            request,
            ngettext("%(count)d day of attendance recorded.", "%(count)d days recorded.", recorded)
            % {"count": recorded},
        )
    if not errors:
        return redirect(f"{roster_url(session, request.POST.get('return_query', ''))}#attendance")
    roster = selectors.session_roster(session)
    for row in roster.enrolled:
        if row.enrollment.pk in errors:
            row.error, days = errors[row.enrollment.pk]
            for cell in row.cells:
                cell.ticked = cell.day in days
    return render_roster(request, roster)


def parse_marks(values: list[str], allowed_days: list[date]) -> list[tuple[date, int]]:
    """("2025-03-03/12", ...) as (day, enrollment id) pairs, on days that may be marked."""
    allowed = set(allowed_days)
    marks = []
    for value in values:
        day_text, _sep, pk_text = value.partition("/")
        try:
            day = date.fromisoformat(day_text)
            pk = int(pk_text)
        except ValueError:
            continue
        if day in allowed:
            marks.append((day, pk))
    return marks


def roster_url(session: TrainingSession, query: str = "") -> str:
    """The roster, with the filters and page the trainer was on (only ones it knows)."""
    url = reverse("enrollment:roster", kwargs={"session_id": session.pk})
    kept = RosterFilters.from_query(QueryDict(query)).query_string(with_page=True)
    return f"{url}?{kept}" if kept else url


def _ids(values) -> list[int]:
    ids = []
    for value in values:
        try:
            pk = int(value)
        except (TypeError, ValueError):
            continue
        if pk not in ids:
            ids.append(pk)
    return ids


# --- exports ------------------------------------------------------------------------------


@require_GET
@never_cache
@login_required
def roster_csv(request, session_id: int):
    return exports.csv_roster_response(session_for_roster(request.user, session_id))


@require_GET
@never_cache
@login_required
def roster_xlsx(request, session_id: int):
    return exports.xlsx_roster_response(session_for_roster(request.user, session_id))


# --- check-in display ---------------------------------------------------------------------


@require_GET
@never_cache
@login_required
def check_in_display(request, session_id: int):
    """The code for the room's screen: big, with a QR code, reloading itself when it
    changes (a meta refresh: nothing to run in the browser)."""
    session = session_for_roster(request.user, session_id)
    now = timezone.now()
    code = check_in_code_current(session, now)
    changes_at = code.changes_at
    check_in_url = request.build_absolute_uri(
        reverse("enrollment:check_in_code", kwargs={"code": code.code})
    )
    today = selectors.session_today(session, now)
    refresh = int((changes_at - now).total_seconds()) + 1
    return render(
        request,
        "enrollment/trainer/check_in_display.html",
        {
            "session": session,
            "code": code,
            "changes_at": changes_at,
            "check_in_url": check_in_url,
            "check_in_form_url": request.build_absolute_uri(reverse("enrollment:check_in")),
            "qr_svg": qr_svg(check_in_url, title=_("QR code to check in")),
            "refresh_seconds": max(1, min(refresh, CHECK_IN_REFRESH_SECONDS)),
            "is_session_day": today in selectors.session_days(session),
            "present_count": selectors.present_count(session, today),
            "enrolled_count": session.seats_taken,
        },
    )


def qr_svg(url: str, *, title: str) -> str:
    """An inline SVG QR code, sized by the stylesheet; no image to fetch."""
    qr = segno.make(url, error="m")
    # segno escapes the title and writes only numbers and fixed attributes otherwise.
    return mark_safe(  # noqa: S308
        qr.svg_inline(scale=1, border=2, omitsize=True, dark="#000", light="#fff", title=title)
    )
