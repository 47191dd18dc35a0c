"""A session's roster as files: CSV (streamed) and XLSX, one row per enrollment."""

from collections.abc import Iterator

from django.http import FileResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from cms.exporting import Cell, Sheet, csv_response, xlsx_response
from courses.models import TrainingSession
from enrollment.models import Enrollment
from enrollment.selectors import roster_enrollments

CHUNK_SIZE = 500


def headers() -> list[str]:
    return [
        _("Name"),
        _("Email"),
        _("Country"),
        _("Gender"),
        _("Organisation"),
        _("Sector"),
        _("Status"),
        _("Requested at"),
        _("Days attended"),
        _("Attendance rate"),
    ]


def enrollment_row(enrollment: Enrollment, session: TrainingSession) -> list:
    """The cells of one enrollment; the time of the request is in the session's zone."""
    user = enrollment.user
    profile = getattr(user, "learner_profile", None)
    return [
        user.get_full_name() or user.email,
        user.email,
        profile.country.name if profile and profile.country else "",
        profile.get_gender_display() if profile else "",
        profile.organisation if profile else "",
        profile.get_sector_display() if profile else "",
        enrollment.get_status_display(),
        enrollment.created_at.astimezone(session.tzinfo),
        enrollment.days_attended,
        Cell(round(enrollment.attendance_rate or 0.0, 3), "0%"),
    ]


def roster_rows(session: TrainingSession) -> Iterator[list]:
    enrollments = roster_enrollments(session).iterator(chunk_size=CHUNK_SIZE)
    for enrollment in enrollments:
        yield enrollment_row(enrollment, session)


def filename(session: TrainingSession, extension: str) -> str:
    return f"roster-{session.pk}-{session.local_starts_at:%Y-%m-%d}.{extension}"


def csv_roster_response(session: TrainingSession) -> StreamingHttpResponse:
    return csv_response(headers(), roster_rows(session), filename=filename(session, "csv"))


def xlsx_roster_response(session: TrainingSession) -> FileResponse:
    sheet = Sheet(_("Roster"), headers(), roster_rows(session))
    return xlsx_response([sheet], filename=filename(session, "xlsx"))
