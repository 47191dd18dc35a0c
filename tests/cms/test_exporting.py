"""The one exporter: CSV and XLSX files read back as a spreadsheet program would, with every
formula a person could type kept as text."""

import csv
import io
import tracemalloc
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import defusedcsv.csv
import pytest
from openpyxl import load_workbook

from cms.exporting import (
    BOM,
    Cell,
    Sheet,
    as_text,
    csv_file_response,
    csv_lines,
    csv_response,
    write_csv,
    write_xlsx,
    xlsx_response,
)

PAYLOADS = ['=HYPERLINK("http://evil","x")', "+1+1", "@SUM(1)", "-2+3", "|calc", "%0A"]
HIDDEN = ["\t=1+1", "\r=1+1"]  # Excel skips these before reading a formula


def read_csv(lines) -> list[list[str]]:
    text = "".join(lines)
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text.removeprefix(BOM))))


def read_xlsx(data: bytes):
    return load_workbook(io.BytesIO(data))


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("payload", PAYLOADS + HIDDEN)
def test_a_formula_becomes_text_behind_an_apostrophe(payload):
    """The spreadsheet shows what was typed (it hides the apostrophe) and runs nothing."""
    assert as_text(payload).startswith("'")
    assert as_text(payload).removeprefix("'").replace("\\|", "|") == payload


@pytest.mark.parametrize("value", ["Layla", "ليلى حسن", "李娜", "-12", "-3.5", "1,000", "a=b"])
def test_plain_text_and_numbers_are_left_alone(value):
    assert as_text(value) == value


@pytest.mark.parametrize("payload", [*PAYLOADS, "-12", "Layla"])
def test_the_guard_is_defusedcsvs_rule(payload):
    """Our cells are those defusedcsv writes, so the CSV writer and the XLSX cells agree."""
    ours = io.StringIO()
    csv.writer(ours).writerow([as_text(payload)])
    theirs = io.StringIO()
    defusedcsv.csv.writer(theirs).writerow([payload])
    assert ours.getvalue() == theirs.getvalue()


def test_csv_keeps_every_formula_as_text():
    rows = read_csv(csv_lines(["Name", "Note"], [[payload, "ok"] for payload in PAYLOADS + HIDDEN]))
    assert rows[0] == ["Name", "Note"]
    for row, payload in zip(rows[1:], PAYLOADS + HIDDEN, strict=True):
        assert row[0] == as_text(payload)
        assert row[0].startswith("'")


def test_csv_cells_by_type():
    """Dates in ISO, a time in the zone it carries, numbers as they are, nothing as blank."""
    tokyo = datetime(2025, 2, 1, 6, 30, tzinfo=UTC).astimezone(ZoneInfo("Asia/Tokyo"))
    rows = read_csv(
        csv_lines(
            ["a", "b", "c", "d", "e", "f"],
            [[tokyo, date(2025, 3, 4), 3, -2.5, None, Cell(0.5, "0%")]],
        )
    )
    assert rows[1] == ["2025-02-01 15:30+09:00", "2025-03-04", "3", "-2.5", "", "0.5"]


def test_xlsx_keeps_every_formula_as_text():
    """openpyxl reads each payload back as a string cell, never a formula."""
    destination = io.BytesIO()
    rows = [[payload] for payload in PAYLOADS + HIDDEN]
    write_xlsx(destination, [Sheet("People", ["Name"], rows)])
    sheet = read_xlsx(destination.getvalue())["People"]
    for index, payload in enumerate(PAYLOADS + HIDDEN, start=2):
        cell = sheet.cell(row=index, column=1)
        assert cell.data_type == "s"
        # Written through lxml (a dependency of the SAML sign-on), a carriage return is kept.
        assert cell.value == as_text(payload)


def test_xlsx_cells_by_type():
    """A time is its wall-clock time in its own zone; formats follow the value."""
    tokyo = datetime(2025, 2, 1, 6, 30, tzinfo=UTC).astimezone(ZoneInfo("Asia/Tokyo"))
    destination = io.BytesIO()
    write_xlsx(
        destination,
        [
            Sheet(
                "T: a/b [c]?",
                ["When", "Day", "Rate", "Count"],
                [[tokyo, date(2025, 3, 4), Cell(0.5, "0%"), 7]],
            )
        ],
    )
    book = read_xlsx(destination.getvalue())
    assert book.sheetnames == ["T  a b  c  "]  # characters Excel refuses
    sheet = book.active
    when, day, rate, count = (sheet.cell(row=2, column=column) for column in range(1, 5))
    assert when.value == datetime(2025, 2, 1, 15, 30)
    assert when.number_format == "yyyy-mm-dd hh:mm"
    assert day.value.date() == date(2025, 3, 4)
    assert (rate.value, rate.number_format) == (0.5, "0%")
    assert count.value == 7


def test_csv_response_streams_arabic_and_chinese_with_a_byte_order_mark():
    response = csv_response(["الاسم", "名字"], iter([["ليلى حسن", "李娜"]]), filename="roster.csv")
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="roster.csv"'
    data = body(response)
    assert data.startswith(BOM.encode())
    assert list(csv.reader(io.StringIO(data.decode("utf-8-sig")))) == [
        ["الاسم", "名字"],
        ["ليلى حسن", "李娜"],
    ]


def test_a_non_ascii_filename_is_sent_as_rfc_5987():
    response = csv_response(["a"], [], filename="تقرير-2021.csv")
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%D8%AA%D9%82%D8%B1%D9%8A%D8%B1-2021.csv"
    )
    response = xlsx_response([Sheet("a", ["a"], [])], filename="报告.xlsx")
    assert "filename*=utf-8''%E6%8A%A5%E5%91%8A.xlsx" in response["Content-Disposition"]


def test_xlsx_response_is_sent_from_a_file():
    response = xlsx_response([Sheet("People", ["Name"], [["=1+1"]])], filename="people.xlsx")
    assert response.streaming
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert read_xlsx(body(response))["People"]["A2"].value == "'=1+1"


def test_a_small_file_sent_whole_is_the_same_csv():
    response = csv_file_response(["Name"], [["@SUM(1)"]], filename="small.csv")
    assert not response.streaming
    assert response.content.decode("utf-8-sig") == "Name\r\n'@SUM(1)\r\n"


def test_write_csv_for_the_command_line():
    """No byte order mark on a terminal, one newline per row, the same guard."""
    output = io.StringIO()
    write_csv(output, ["name", "value"], [["+1+1", 2], ["ok", None]])
    assert output.getvalue() == "name,value\n'+1+1,2\nok,\n"


def test_csv_lines_hold_one_row_at_a_time():
    """Memory stays flat: twenty thousand rows cost no more than a thousand."""

    def rows(count):
        return ([index, f"learner {index}", "=1+1"] for index in range(count))

    def peak(count):
        tracemalloc.start()
        for _line in csv_lines(["n", "name", "note"], rows(count)):
            pass
        result = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return result

    assert peak(20_000) < peak(1_000) + 64 * 1024
