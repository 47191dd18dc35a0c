"""The roster files with learners who type formulas as their name or organisation, and in
Arabic: every cell reads back as the text typed, the headings in the reader's language."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from accounts.factories import TrainerFactory, UserFactory
from courses.factories import (
    CoursePageFactory,
    ThemePageFactory,
    TrainerSnippetFactory,
    TrainingSessionFactory,
)
from enrollment.factories import EnrollmentFactory, LearnerProfileFactory

pytestmark = pytest.mark.django_db

PAYLOADS = ['=HYPERLINK("http://evil","x")', "+1+1", "@SUM(1)", "-2+3"]


@pytest.fixture
def trainer():
    return TrainerFactory()


@pytest.fixture
def session(home, trainer):
    session = TrainingSessionFactory(
        course=CoursePageFactory(parent=ThemePageFactory(parent=home)),
        trainers=[TrainerSnippetFactory(user=trainer)],
    )
    for index, payload in enumerate(PAYLOADS):
        enrollment = EnrollmentFactory(
            session=session,
            user=UserFactory(first_name=payload, last_name="", email=f"l{index}@example.org"),
        )
        LearnerProfileFactory(user=enrollment.user, organisation=payload)
    return session


def url(session, extension, language="en"):
    with translation.override(language):
        return reverse(f"enrollment:roster_{extension}", kwargs={"session_id": session.pk})


def by_email(rows) -> dict:
    return {row[1]: row for row in rows[1:]}


def test_every_formula_stays_text_in_the_csv(client, session, trainer):
    """A spreadsheet shows '=HYPERLINK(...)' and the rest as typed, and runs none of them."""
    client.force_login(trainer)
    response = client.get(url(session, "csv"))
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = by_email(list(csv.reader(io.StringIO(text))))
    for index, payload in enumerate(PAYLOADS):
        name, organisation = rows[f"l{index}@example.org"][0], rows[f"l{index}@example.org"][4]
        assert name == organisation == f"'{payload}"


def test_every_formula_is_a_text_cell_in_the_xlsx(client, session, trainer):
    client.force_login(trainer)
    response = client.get(url(session, "xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = {sheet.cell(row=row, column=2).value: row for row in range(2, sheet.max_row + 1)}
    for index, payload in enumerate(PAYLOADS):
        row = cells[f"l{index}@example.org"]
        for column in (1, 5):  # name, organisation
            cell = sheet.cell(row=row, column=column)
            assert (cell.value, cell.data_type) == (f"'{payload}", "s")


def test_arabic_headings_and_names_survive(client, session, trainer):
    """From the Arabic pages, the headings are Arabic; an Arabic name reads back whole."""
    layla = EnrollmentFactory(
        session=session,
        user=UserFactory(first_name="ليلى", last_name="حسن", email="layla@example.org"),
    )
    client.force_login(trainer)
    response = client.get(url(session, "csv", "ar"))
    data = b"".join(response.streaming_content)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:2] == ["الاسم", "البريد الإلكتروني"]
    assert by_email(rows)[layla.user.email][0] == "ليلى حسن"
    response = client.get(url(session, "xlsx", "ar"))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.cell(row=1, column=1).value == "الاسم"
    assert "ليلى حسن" in [cell.value for cell in sheet["A"]]
