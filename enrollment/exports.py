"""A session's roster as files: CSV (streamed) and XLSX, one row per enrollment."""

import csv
import io
from collections.abc import Iterator

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from courses.models import TrainingSession
from enrollment.models import Enrollment
from enrollment.selectors import roster_enrollments

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these is run as a formula by spreadsheet programs; learners
# type their own names and organisations, so those are neutralised (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
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


def as_text(value: str) -> str:
    """A learner's text as plain text in a spreadsheet, never a formula."""
    if value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def enrollment_row(enrollment: Enrollment, session: TrainingSession) -> list:
    """The cells of one enrollment; the time of the request is in the session's zone."""
    user = enrollment.user
    profile = getattr(user, "learner_profile", None)
    return [
        as_text(user.get_full_name() or user.email),
        as_text(user.email),
        profile.country.name if profile and profile.country else "",
        profile.get_gender_display() if profile else "",
        as_text(profile.organisation) if profile else "",
        profile.get_sector_display() if profile else "",
        enrollment.get_status_display(),
        enrollment.created_at.astimezone(session.tzinfo),
        enrollment.days_attended,
        round(enrollment.attendance_rate or 0.0, 3),
    ]


def roster_rows(session: TrainingSession) -> Iterator[list]:
    enrollments = roster_enrollments(session).iterator(chunk_size=CHUNK_SIZE)
    for enrollment in enrollments:
        yield enrollment_row(enrollment, session)


def filename(session: TrainingSession, extension: str) -> str:
    return f"roster-{session.pk}-{session.local_starts_at:%Y-%m-%d}.{extension}"


# --- CSV ----------------------------------------------------------------------------------


class _Echo:
    """A file-like object that hands back what the csv writer writes."""

    def write(self, value: str) -> str:
        return value


def csv_lines(session: TrainingSession) -> Iterator[str]:
    writer = csv.writer(_Echo())
    # The byte order mark lets spreadsheet programs read Arabic and Chinese names right.
    yield "\ufeff" + writer.writerow(headers())
    for row in roster_rows(session):
        requested_at = row[7]
        row[7] = requested_at.isoformat(sep=" ", timespec="minutes")
        yield writer.writerow(row)


def csv_response(session: TrainingSession) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(session), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename(session, "csv")
    )
    return response


# --- XLSX ---------------------------------------------------------------------------------


def xlsx_bytes(session: TrainingSession) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Roster")[:31])
    sheet.append(headers())
    for row in roster_rows(session):
        requested_at = WriteOnlyCell(sheet, value=row[7].replace(tzinfo=None))
        requested_at.number_format = "yyyy-mm-dd hh:mm"
        rate = WriteOnlyCell(sheet, value=row[9])
        rate.number_format = "0%"
        sheet.append([*row[:7], requested_at, row[8], rate])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(session: TrainingSession) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(session), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename(session, "xlsx")
    )
    return response
