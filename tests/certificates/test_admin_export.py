"""The certificates listing downloaded as CSV and XLSX (Wagtail's list_export, written by the
platform's exporter): what the filters keep, names typed as formulas kept as text, Arabic
names and headings intact; trainers download nothing."""

import csv
import io

import pytest
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from accounts.factories import AdministratorFactory, TrainerFactory
from certificates.factories import CertificateFactory
from certificates.models import RevocationReason
from certificates.services import certificate_revoke

pytestmark = pytest.mark.django_db

ADMIN = "/admin/certificate/"
PAYLOADS = ['=HYPERLINK("http://evil","x")', "+1+1", "@SUM(1)", "-2+3"]


@pytest.fixture
def administrator(home):
    return AdministratorFactory()


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def read_csv(response) -> list[list[str]]:
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    data = body(response)
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_listing_offers_both_downloads(admin_client):
    content = admin_client.get(ADMIN).content.decode()
    assert f"{ADMIN}?export=csv" in content
    assert f"{ADMIN}?export=xlsx" in content


def test_csv_lists_the_filtered_certificates_with_formulas_as_text(admin_client):
    for payload in PAYLOADS:
        CertificateFactory(printed_name=payload)
    revoked = CertificateFactory(printed_name="Revoked Person")
    certificate_revoke(certificate=revoked, by=None, reason=RevocationReason.OTHER)
    response = admin_client.get(f"{ADMIN}?export=csv&status=valid")
    assert response["Content-Disposition"] == 'attachment; filename="certificates.csv"'
    rows = read_csv(response)
    assert rows[0][:4] == ["Name on the certificate", "Course", "Learner", "Language"]
    assert sorted(row[0] for row in rows[1:]) == sorted(f"'{payload}" for payload in PAYLOADS)
    rows = read_csv(admin_client.get(f"{ADMIN}?export=csv&status=revoked"))
    assert [row[0] for row in rows[1:]] == ["Revoked Person"]
    assert rows[1][-1] == str(RevocationReason.OTHER.label)


def test_xlsx_holds_formulas_as_text_cells(admin_client):
    for payload in PAYLOADS:
        CertificateFactory(printed_name=payload)
    response = admin_client.get(f"{ADMIN}?export=xlsx")
    assert 'filename="certificates.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(body(response))).active
    cells = [sheet.cell(row=row, column=1) for row in range(2, sheet.max_row + 1)]
    assert {cell.data_type for cell in cells} == {"s"}
    assert sorted(cell.value for cell in cells) == sorted(f"'{payload}" for payload in PAYLOADS)


def test_arabic_headings_and_names(admin_client, administrator):
    """An administrator who reads the admin in Arabic gets Arabic headings."""
    UserProfile.objects.update_or_create(user=administrator, defaults={"preferred_language": "ar"})
    CertificateFactory(printed_name="ليلى حسن", language="ar")
    rows = read_csv(admin_client.get(f"{ADMIN}?export=csv"))
    assert rows[0][0] == "الاسم على الشهادة"
    assert rows[1][0] == "ليلى حسن"
    sheet = load_workbook(io.BytesIO(body(admin_client.get(f"{ADMIN}?export=xlsx")))).active
    assert (sheet["A1"].value, sheet["A2"].value) == ("الاسم على الشهادة", "ليلى حسن")


def test_trainers_download_nothing(client, home):
    CertificateFactory(printed_name="Private Person")
    client.force_login(TrainerFactory())
    for export in ("csv", "xlsx"):
        response = client.get(f"{ADMIN}?export={export}")
        assert response.status_code in (302, 403)
        assert b"Private Person" not in b"".join(
            response.streaming_content if response.streaming else [response.content]
        )
