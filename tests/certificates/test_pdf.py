"""The certificate's PDF: A4 landscape, in the certificate's language whatever the reader's,
its text extracted back (Arabic, Chinese, Russian), its QR code decoded back to the
verification address, rendered fast and cached until something printed changes."""

import io
import unicodedata

import pypdf
import pytest
from django.utils import timezone, translation

from certificates import pdf
from certificates.factories import CertificateFactory
from certificates.links import verification_url
from certificates.models import RevocationReason
from certificates.pdf import certificate_pdf, render_pdf
from certificates.services import certificate_confirm_name, certificate_revoke

pytestmark = pytest.mark.django_db

ARABIC = {
    "language": "ar",
    "printed_name": "محمد بن عبد الله",
    "course_title": "الإنذار المبكر بالفيضانات",
    "trainer_names": "ليلى حسن",
}
CHINESE = {"language": "zh-hans", "printed_name": "王小明", "course_title": "洪水预警"}
RUSSIAN = {
    "language": "ru",
    "printed_name": "Иван Петров",
    "course_title": "Раннее оповещение о наводнениях",
}


def page_of(content: bytes) -> pypdf.PageObject:
    return pypdf.PdfReader(io.BytesIO(content)).pages[0]


def text_of(content: bytes) -> str:
    """The page's text as a reader's copy would give it, presentation forms unfolded."""
    return unicodedata.normalize("NFKC", page_of(content).extract_text())


def test_page_is_a4_landscape():
    box = page_of(render_pdf(CertificateFactory())).mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)


def test_english_certificate_says_what_it_certifies():
    text = text_of(render_pdf(CertificateFactory()))
    for expected in (
        "Certificate of completion",
        "This certifies that",
        "Amina Diallo",
        "has completed",
        "Flood early warning",
        "24 hours",
        "Trainers: Grace Otieno, Wei Zhang",
        "Issued by Training Centre",
        "March 2, 2026",
    ):
        assert expected in text


def test_arabic_name_and_title_read_back():
    """Shaped for display, the Arabic words still read back, in order, from the PDF."""
    text = text_of(render_pdf(CertificateFactory(**ARABIC)))
    for words in (ARABIC["printed_name"], ARABIC["course_title"], ARABIC["trainer_names"]):
        for word in words.split():
            assert word in text
        assert words in text


def test_arabic_dates_are_written_in_arabic():
    text = text_of(render_pdf(CertificateFactory(**ARABIC)))
    assert "مارس" in text  # March


def test_chinese_name_and_title_read_back():
    text = text_of(render_pdf(CertificateFactory(**CHINESE)))
    assert "王小明" in text
    assert "洪水预警" in text
    assert "2026年3月2日" in text


def test_russian_name_and_title_read_back():
    text = text_of(render_pdf(CertificateFactory(**RUSSIAN)))
    assert "Иван Петров" in text
    assert "Раннее оповещение о наводнениях" in text
    assert "марта" in text


def test_pdf_embeds_only_the_fonts_it_needs():
    """A Russian certificate has no use for the Arabic or Chinese fonts."""
    content = render_pdf(CertificateFactory(**RUSSIAN, trainer_names="Ольга Смирнова"))
    fonts = {
        str(font["/BaseFont"])
        for font in page_of(content)["/Resources"]["/Font"].values()
        if "/BaseFont" in font.get_object()
    }
    assert not any("Naskh" in font or "Droid" in font for font in fonts), fonts


def test_language_is_the_certificates_not_the_readers():
    """An Arabic certificate downloaded from the French site is still in Arabic."""
    certificate = CertificateFactory(**ARABIC)
    with translation.override("fr"):
        in_french_request = render_pdf(certificate)
        assert translation.get_language() == "fr"
    assert in_french_request == render_pdf(certificate)
    assert "/ar/certificates/verify/" in text_of(in_french_request)


def test_long_course_title_is_wrapped_on_the_page():
    title = "Integrated flood risk management for river basins and coastal cities " * 3
    text = text_of(render_pdf(CertificateFactory(course_title=title.strip())))
    assert "Integrated flood risk management" in text


def test_qr_code_decodes_to_the_verification_address():
    zxingcpp = pytest.importorskip("zxingcpp", reason="the zxing-cpp decoder is not installed")
    certificate = CertificateFactory(**ARABIC)
    images = page_of(render_pdf(certificate)).images
    assert len(images) == 1
    decoded = [result.text for result in zxingcpp.read_barcodes(images[0].image)]
    assert decoded == [verification_url(certificate)]
    assert decoded[0] == f"http://testserver/ar/certificates/verify/{certificate.code}/"


# --- the cache ----------------------------------------------------------------------------


@pytest.fixture
def renders(monkeypatch):
    """Counts real renders behind certificate_pdf."""
    calls = []
    real = pdf.render_pdf

    def counting(certificate):
        calls.append(certificate.pk)
        return real(certificate)

    monkeypatch.setattr(pdf, "render_pdf", counting)
    return calls


def test_pdf_is_rendered_once_then_served_from_the_cache(renders):
    certificate = CertificateFactory()
    first = certificate_pdf(certificate)
    assert certificate_pdf(certificate) == first
    assert len(renders) == 1


def test_confirming_the_name_renders_it_again(renders):
    certificate = CertificateFactory(printed_name="amina diallo")
    certificate_pdf(certificate)
    certificate = certificate_confirm_name(certificate=certificate, name="Amina Diallo")
    assert "Amina Diallo" in text_of(certificate_pdf(certificate))
    assert len(renders) == 2


def test_revoked_certificate_pdf_is_stamped(renders):
    certificate = CertificateFactory()
    assert "Revoked" not in text_of(certificate_pdf(certificate))
    certificate_revoke(certificate=certificate, by=None, reason=RevocationReason.OTHER)
    assert "Revoked" in text_of(certificate_pdf(certificate))
    assert len(renders) == 2


def test_reinstating_changes_the_version_again():
    certificate = CertificateFactory()
    valid = pdf.pdf_version(certificate)
    certificate.revoked_at = timezone.now()
    revoked = pdf.pdf_version(certificate)
    certificate.revoked_at = None
    assert len({valid, revoked}) == 2
    assert pdf.pdf_version(certificate) == valid


def test_the_issuer_is_printed_in_the_certificates_language():
    """An Arabic certificate names its Arabic issuer at the foot of the page."""
    text = text_of(render_pdf(CertificateFactory(**ARABIC, issuer_name="مركز التدريب")))
    assert "مركز التدريب" in text


def drawn_fragments(content: bytes) -> list[tuple[float, float, str]]:
    """Each run of text drawn on the page: (x, y, text), presentation forms unfolded."""
    fragments = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            fragments.append((x, y, unicodedata.normalize("NFKC", text)))

    page_of(content).extract_text(visitor_text=visit)
    return fragments


def test_english_text_on_an_arabic_certificate_keeps_its_punctuation_at_its_end():
    """An English course title and issuer on an Arabic certificate end with their full stop,
    which does not jump to their start, and English trainer names stay whole."""
    certificate = CertificateFactory(
        **{
            **ARABIC,
            "course_title": "Basic hydrology.",
            "trainer_names": "Grace Otieno, Wei Zhang",
        },
        issuer_name="Training Centre (ICHE).",
    )
    text = text_of(render_pdf(certificate))
    assert "Basic hydrology." in text
    assert ".Basic hydrology" not in text
    assert text.count("Training Centre (ICHE).") == 2  # at the top, and "issued by"
    assert "Grace Otieno" in text
    assert "Wei Zhang" in text


def test_verification_address_reads_left_to_right_beside_its_arabic_label():
    """On an Arabic certificate the address is drawn whole, left of the Arabic "verify at"
    that precedes it in reading order."""
    certificate = CertificateFactory(**ARABIC)
    url = verification_url(certificate)
    fragments = drawn_fragments(render_pdf(certificate))
    (address,) = [fragment for fragment in fragments if url in fragment[2]]
    label = [
        fragment
        for fragment in fragments
        if abs(fragment[1] - address[1]) < 1 and any(pdf.is_arabic(char) for char in fragment[2])
    ]
    assert label, "the Arabic label is on the address's line"
    assert address[0] < min(fragment[0] for fragment in label)
    code = [fragment for fragment in fragments if certificate.code in fragment[2]]
    assert code, "the verification code is drawn whole"
