"""Benchmark of the exporter (cms/exporting.py) on roster-shaped rows, without a database:
rows per second and peak memory of the guarded CSV stream and XLSX file against plain csv.writer
and openpyxl in the same run, at two sizes: memory must not grow with the rows.

Run from the project root:
  .venv/bin/python bench/exports.py [--rows 100000]
"""

import argparse
import csv
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cms.exporting import Cell, Sheet, csv_lines, write_xlsx

HEADERS = ["Name", "Email", "Country", "Gender", "Organisation", "Sector", "Status",
           "Requested at", "Days attended", "Attendance rate"]  # fmt: skip
NAMES = ["ليلى حسن", "王芳", "Amina Odhiambo", '=HYPERLINK("http://evil","x")', "+1+1"]


def rows(count: int):
    start = datetime(2025, 2, 1, tzinfo=UTC)
    for index in range(count):
        yield [
            NAMES[index % len(NAMES)],
            f"learner{index}@example.org",
            "Egypt",
            "Woman",
            "-2+3" if index % 7 == 0 else "Cairo University",
            "Academia",
            "Confirmed",
            start + timedelta(minutes=index),
            index % 3,
            Cell(round((index % 3) / 2, 3), "0%"),
        ]


class Echo:
    def write(self, value):
        return value


def plain_lines(count: int):
    writer = csv.writer(Echo())
    yield "\ufeff" + writer.writerow(HEADERS)
    for row in rows(count):
        row[7] = row[7].isoformat(sep=" ", timespec="minutes")
        row[9] = row[9].value
        yield writer.writerow(row)


def plain_xlsx(destination, count: int) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Roster")
    sheet.append(HEADERS)
    for row in rows(count):
        row[7] = row[7].replace(tzinfo=None)
        row[9] = row[9].value
        sheet.append(row)
    workbook.save(destination)


def ours_xlsx(destination, count: int) -> None:
    write_xlsx(destination, [Sheet("Roster", HEADERS, rows(count))])


def csv_size(make_lines, count: int) -> int:
    return sum(len(line.encode()) for line in make_lines(count))


def xlsx_size(write, count: int) -> int:
    with tempfile.TemporaryFile() as destination:
        write(destination, count)
        return destination.tell()


def measure(label: str, run, count: int) -> None:
    """Timed once as is, then once under tracemalloc for the peak (which slows it)."""
    started = time.perf_counter()
    size = run(count)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    run(count)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"{label:<18} {count:>8,} rows  {count / seconds:>9,.0f} rows/s  "
        f"{size / 1e6:>6.1f} MB  peak {peak / 1024:>6.0f} KiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    count = parser.parse_args().rows
    print("CSV, streamed line by line (peak: tracemalloc's, of Python allocations)")
    for size in (count // 100, count):
        measure("plain csv.writer", lambda n: csv_size(plain_lines, n), size)
        measure("cms.exporting", lambda n: csv_size(lambda m: csv_lines(HEADERS, rows(m)), n), size)
    print("XLSX, write-only mode into a temporary file")
    for size in (count // 100, count // 10):
        measure("plain openpyxl", lambda n: xlsx_size(plain_xlsx, n), size)
        measure("cms.exporting", lambda n: xlsx_size(ours_xlsx, n), size)


if __name__ == "__main__":
    main()
