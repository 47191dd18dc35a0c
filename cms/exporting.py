"""Every spreadsheet the platform hands out: given column headings and an iterable of rows,
CSV streamed row by row (UTF-8 with a byte order mark), XLSX in openpyxl's write-only mode,
and the one rule that keeps a cell from running as a formula (`as_text`)."""

import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from numbers import Number
from typing import IO, Any

from defusedcsv import csv
from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.functional import Promise, cached_property
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Lets spreadsheet programs read Arabic and Chinese text as UTF-8.
BOM = "\ufeff"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"
STREAM_LINES = 100  # per chunk sent

# Spreadsheet programs run a cell starting with one of these as a formula (OWASP: CSV
# injection): defusedcsv's characters, and the tab and carriage return Excel skips first.
FORMULA_STARTS = ("=", "+", "-", "@", "|", "%", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?[0-9,.]+")


def as_text(value: str) -> str:
    """`value` as text a spreadsheet shows and never runs: defusedcsv's rule (a leading
    apostrophe, which the program hides, and pipes escaped), in CSV and XLSX alike."""
    if value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value.replace("|", "\\|")
    return value


@dataclass(frozen=True, slots=True)
class Cell:
    """A value with the number format an XLSX cell shows it in (a CSV writes the value)."""

    value: Any
    number_format: str


@dataclass
class Sheet:
    """One table of a workbook: its title, column headings and rows."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence]


def filename_header(filename: str) -> str:
    """The Content-Disposition of a download (RFC 6266, RFC 5987 for a non-ASCII name)."""
    return content_disposition_header(as_attachment=True, filename=filename)


# --- CSV ----------------------------------------------------------------------------------


class _Echo:
    """A file-like object that hands back what the csv writer writes."""

    def write(self, value: str) -> str:
        return value


def csv_value(value):
    if isinstance(value, Cell):
        value = value.value
    if value is None:
        return ""
    if isinstance(value, datetime):  # in the zone it carries
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Number):
        return value
    return as_text(str(value))


def csv_lines(
    headers: Sequence, rows: Iterable[Sequence], *, bom: bool = True, lineterminator="\r\n"
) -> Iterator[str]:
    """The file line by line: the headings, then one line per row."""
    writer = csv.writer(_Echo(), lineterminator=lineterminator)
    first = writer.writerow([csv_value(heading) for heading in headers])
    yield BOM + first if bom else first
    for row in rows:
        yield writer.writerow([csv_value(value) for value in row])


def csv_response(headers: Sequence, rows: Iterable[Sequence], *, filename: str):
    """A download streamed as the rows are read: memory stays flat however many."""
    chunks = as_asked(csv_lines(headers, rows))
    response = StreamingHttpResponse(chunks, content_type=CSV_TYPE)
    response["Content-Disposition"] = filename_header(filename)
    return response


def as_asked(lines: Iterator[str], size: int = STREAM_LINES) -> Iterator[str]:
    """The lines in chunks, each read in the language and time zone active now: a response
    is read after its view has returned, and with it any override of them (Wagtail's admin
    sets the user's own around the view only)."""
    language, zone = translation.get_language(), timezone.get_current_timezone()

    def chunks():
        while True:
            with translation.override(language), timezone.override(zone):
                chunk = "".join(islice(lines, size))
            if not chunk:
                return
            yield chunk

    return chunks()


def csv_file_response(headers: Sequence, rows: Iterable[Sequence], *, filename: str):
    """A small file sent whole, for responses that are cached or measured."""
    response = HttpResponse("".join(csv_lines(headers, rows)), content_type=CSV_TYPE)
    response["Content-Disposition"] = filename_header(filename)
    return response


def write_csv(destination: IO[str], headers: Sequence, rows: Iterable[Sequence], **options):
    """The file into a text stream (a command's output, an open file); no byte order mark
    unless `bom=True`."""
    options.setdefault("bom", False)
    options.setdefault("lineterminator", "\n")
    for line in csv_lines(headers, rows, **options):
        destination.write(line)


# --- XLSX ---------------------------------------------------------------------------------


def xlsx_cell(sheet, value):
    number_format = ""
    if isinstance(value, Cell):
        value, number_format = value.value, value.number_format
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=as_text(value))
        cell.data_type = "s"
        return cell
    if isinstance(value, datetime):  # the wall-clock time of the zone it carries
        value = value.replace(tzinfo=None)
        number_format = number_format or DATETIME_FORMAT
    elif isinstance(value, date):
        number_format = number_format or DATE_FORMAT
    if not number_format:
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


def sheet_title(title: str) -> str:
    # Excel refuses these characters and titles over 31 characters.
    for character in "[]:*?/\\":
        title = title.replace(character, " ")
    return title[:31]


def write_xlsx(destination, sheets: Iterable[Sheet]) -> None:
    """The workbook into a path or binary file, in write-only mode: each row goes to disk
    as it is appended."""
    workbook = Workbook(write_only=True)
    for table in sheets:
        sheet = workbook.create_sheet(title=sheet_title(str(table.title)))
        sheet.append([xlsx_cell(sheet, heading) for heading in table.headers])
        for row in table.rows:
            sheet.append([xlsx_cell(sheet, value) for value in row])
    workbook.save(destination)


def xlsx_response(sheets: Iterable[Sheet], *, filename: str) -> FileResponse:
    # A temporary file rather than bytes in memory: FileResponse sends it in blocks.
    destination = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (closed by the response)
    write_xlsx(destination, sheets)
    destination.seek(0)
    return FileResponse(destination, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


# --- Wagtail listings ---------------------------------------------------------------------

EXPORT_CHUNK_SIZE = 2000


class ListingExport:
    """Put before a Wagtail index view in its bases: the listing's `list_export` files are
    written here rather than by Wagtail's own writer, which neither keeps a CSV cell from
    running as a formula nor marks the file as UTF-8."""

    def as_spreadsheet(self, queryset, spreadsheet_format):
        headers = [self.get_heading(queryset, field) for field in self.list_export]
        if isinstance(queryset, QuerySet):
            queryset = queryset.iterator(chunk_size=EXPORT_CHUNK_SIZE)
        rows = (self.export_row(item, spreadsheet_format) for item in queryset)
        name = f"{self.get_filename()}.{spreadsheet_format}"
        if spreadsheet_format == self.FORMAT_CSV:
            return csv_response(headers, rows, filename=name)
        title = str(self.model._meta.verbose_name_plural) if self.model else self.get_filename()
        return xlsx_response([Sheet(title, headers, rows)], filename=name)

    def to_row_dict(self, item):
        """A field with choices as its readable label, as the listing shows it."""
        row = super().to_row_dict(item)
        for field in row:
            if field in self.choice_fields:
                row[field] = getattr(item, f"get_{field}_display")()
        return row

    @cached_property
    def choice_fields(self) -> set[str]:
        return {
            field.name
            for field in self.model._meta.get_fields()
            if getattr(field, "choices", None) and field.name in self.list_export
        }

    def export_row(self, item, spreadsheet_format) -> list:
        row = []
        for field, value in self.to_row_dict(item).items():
            if isinstance(value, datetime):
                value = timezone.localtime(value) if timezone.is_aware(value) else value
            else:
                value = self.preprocess_field_value(field, value, spreadsheet_format)
            row.append(value)
        return row
