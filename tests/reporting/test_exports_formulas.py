"""The report files when editors type formulas as course and theme titles: the sessions
file, the figures file and the command's CSV hold them as text, in CSV and XLSX alike."""

import csv
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from accounts.factories import AdministratorFactory

pytestmark = pytest.mark.django_db

THEME = '=HYPERLINK("http://evil","x")'
COURSES = {"floods": "+1+1", "wells": "@SUM(1)", "epidemics": "-2+3"}


@pytest.fixture
def formulas(centre):
    water = centre.themes["water"]
    water.title = THEME
    water.save()
    for key, title in COURSES.items():
        course = centre.courses[key]
        course.title = title
        course.save()
    return centre


@pytest.fixture
def admin_client(client, formulas):
    client.force_login(AdministratorFactory())
    return client


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def csv_rows(response) -> list[list[str]]:
    assert response.streaming
    return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))


def test_sessions_csv(admin_client):
    rows = csv_rows(admin_client.get("/admin/reports/sessions.csv"))
    courses = {row[3] for row in rows[1:]}
    assert {f"'{title}" for title in COURSES.values()} <= courses
    assert not courses & set(COURSES.values())
    assert f"'{THEME}" in {row[4] for row in rows[1:]}


def test_sessions_xlsx(admin_client):
    book = load_workbook(io.BytesIO(body(admin_client.get("/admin/reports/sessions.xlsx"))))
    sheet = book["Sessions"]
    cells = [
        sheet.cell(row=row, column=column)
        for row in range(2, sheet.max_row + 1)
        for column in (4, 5)
    ]
    assert {cell.data_type for cell in cells} == {"s"}
    values = {cell.value for cell in cells}
    assert {f"'{title}" for title in [*COURSES.values(), THEME]} <= values


def test_figures_csv_and_xlsx(admin_client):
    rows = csv_rows(admin_client.get("/admin/reports/report.csv"))
    assert f"'{THEME}" in {row[2] for row in rows if row[0] == "by_theme"}
    book = load_workbook(io.BytesIO(body(admin_client.get("/admin/reports/report.xlsx"))))
    sheet = book["By theme"]
    labels = {
        sheet.cell(row=row, column=1).value: sheet.cell(row=row, column=1).data_type
        for row in range(2, sheet.max_row + 1)
    }
    assert labels[f"'{THEME}"] == "s"


def test_the_command_csv(formulas):
    output = io.StringIO()
    call_command("training_report", "--format", "csv", stdout=output)
    rows = list(csv.reader(io.StringIO(output.getvalue())))
    assert f"'{THEME}" in {row[2] for row in rows if row[0] == "by_theme"}
    assert THEME not in output.getvalue().replace(f"'{THEME}", "")
