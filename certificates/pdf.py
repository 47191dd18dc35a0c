"""The certificate as a PDF: one A4 landscape page in the certificate's language, with
Arabic shaped and laid out right to left, each run of text in a font that has its glyphs,
and a QR code of the public verification page. Rendered once per version, then cached."""

import hashlib
import io
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import arabic_reshaper
import segno
from bidi import get_display
from django.core.cache import cache
from django.utils import formats, translation
from django.utils.translation import gettext, ngettext
from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from certificates.links import verification_url
from certificates.models import Certificate
from cms.direction import isolate, ltr

FONT_DIR = Path(__file__).resolve().parent / "fonts"
# Raise when the page's layout changes: cached PDFs are then rendered again.
LAYOUT_VERSION = 2
CACHE_SECONDS = 60 * 60 * 24 * 30
QR_MASK = 2

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 64  # inner edge of the frame to the text
INK = HexColor("#1d2b3a")
MUTED = HexColor("#51606f")
ACCENT = HexColor("#1f5f8b")
GOLD = HexColor("#b08d57")
PAPER = HexColor("#fdfbf6")
REVOKED_RED = Color(0.75, 0.1, 0.1, alpha=0.28)


# --- fonts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Family:
    """One script's fonts, with the code points they draw."""

    regular: str
    bold: str
    glyphs: frozenset
    fake_bold: bool = False  # no bold face: bold is drawn as a stroked outline


# Tried in this order for a character outside any run; Arabic letters go to Naskh first.
FONT_FILES = (
    ("latin", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    ("arabic", "NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
    ("cjk", "DroidSansFallbackFull.ttf", None),
)
_families: dict[str, Family] = {}
_fonts_lock = threading.Lock()


def families() -> dict[str, Family]:
    """Register the fonts with reportlab once per process (reading Droid Sans Fallback
    takes a tenth of a second; every later certificate reuses it)."""
    if _families:
        return _families
    with _fonts_lock:
        if _families:
            return _families
        loaded = {}
        for key, regular_file, bold_file in FONT_FILES:
            regular = TTFont(f"Certificate-{key}", FONT_DIR / regular_file)
            pdfmetrics.registerFont(regular)
            bold_name = regular.fontName
            if bold_file:
                bold = TTFont(f"Certificate-{key}-Bold", FONT_DIR / bold_file)
                pdfmetrics.registerFont(bold)
                bold_name = bold.fontName
            loaded[key] = Family(
                regular=regular.fontName,
                bold=bold_name,
                glyphs=frozenset(regular.face.charToGlyph),
                fake_bold=bold_file is None,
            )
        _families.update(loaded)
    return _families


def is_arabic(char: str) -> bool:
    code = ord(char)
    return (
        0x0600 <= code <= 0x08FF
        or 0xFB50 <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFF
        or 0x10E60 <= code <= 0x10EFF
    )


def family_for(char: str, current: str | None, loaded: dict[str, Family]) -> str:
    """The family to draw `char` in. Spaces, digits and punctuation stay in the current
    run's font when it has them, so a line is not cut into a run per word."""
    code = ord(char)
    if current and code in loaded[current].glyphs and unicodedata.category(char)[0] != "L":
        return current
    order = ("arabic", "latin", "cjk") if is_arabic(char) else ("latin", "arabic", "cjk")
    for key in order:
        if code in loaded[key].glyphs:
            return key
    return current or "latin"  # drawn as the font's "missing glyph" box


# --- lines of text ------------------------------------------------------------------------


# Names are printed as typed: no "Allah" ligature replacing the letters of a name.
RESHAPER = arabic_reshaper.ArabicReshaper(
    configuration={"support_ligatures": True, "ARABIC LIGATURE ALLAH": False}
)
# Marks that direct the reordering and have no glyph: dropped once it is done. What people
# typed (names, titles) is isolated (cms.direction) so that an English title keeps its
# full stop at its end on an Arabic certificate, and an address its slashes.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Run:
    family: str
    text: str


def visual_runs(text: str, *, rtl: bool) -> list[Run]:
    """The text shaped (Arabic letters joined), in display order (left to right on the
    page), cut into runs of one font each."""
    if any(is_arabic(char) for char in text):
        text = RESHAPER.reshape(text)
    text = BIDI_CONTROLS.sub("", get_display(text, base_dir="R" if rtl else "L"))
    loaded = families()
    runs: list[Run] = []
    current = None
    chunk: list[str] = []
    for char in text:
        family = family_for(char, current, loaded)
        if family != current and chunk:
            runs.append(Run(current, "".join(chunk)))
            chunk = []
        current = family
        chunk.append(char)
    if chunk:
        runs.append(Run(current, "".join(chunk)))
    return runs


def font_name(run: Run, bold: bool) -> str:
    family = families()[run.family]
    return family.bold if bold else family.regular


def runs_width(runs: list[Run], size: float, bold: bool) -> float:
    return sum(pdfmetrics.stringWidth(run.text, font_name(run, bold), size) for run in runs)


# A CJK character is a word of its own for wrapping; other words end at spaces.
CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
WORDS = re.compile(rf"[{CJK}]|[^\s{CJK}]+|\s+")


def wrap(text: str, *, size: float, bold: bool, width: float, rtl: bool) -> list[str]:
    """Greedy line breaks in logical order; each line is shaped and reordered on its
    own afterwards, as a reader expects."""
    lines: list[str] = []
    line = ""
    for word in WORDS.findall(text):
        candidate = line + word
        overflows = (
            line.strip()
            and not word.isspace()
            and runs_width(visual_runs(candidate, rtl=rtl), size, bold) > width
        )
        if overflows:
            lines.append(line.strip())
            candidate = word
        line = candidate
    if line.strip():
        lines.append(line.strip())
    return lines


class Page:
    """Draws lines of text on one canvas: centred, or aligned to the reading start or
    end, which are mirrored for a right-to-left language."""

    def __init__(self, canvas: Canvas, *, rtl: bool):
        self.canvas = canvas
        self.rtl = rtl

    def line(
        self,
        text: str,
        *,
        y: float,
        size: float,
        bold: bool = False,
        color=INK,
        align: str = "center",
        x: float | None = None,
        width: float | None = None,
    ) -> float:
        """Draw one line, made smaller when it would not fit `width`; its width drawn."""
        width = width or PAGE_WIDTH - 2 * MARGIN
        runs = visual_runs(text, rtl=self.rtl)
        drawn = runs_width(runs, size, bold)
        if drawn > width:
            size = size * width / drawn
            drawn = width
        if align == "center":
            left = (x if x is not None else PAGE_WIDTH / 2) - drawn / 2
        else:
            # "start" is the left edge in a left-to-right language, the right one in Arabic.
            at_right = (align == "start") == self.rtl
            edge = x if x is not None else (PAGE_WIDTH - MARGIN if at_right else MARGIN)
            left = edge - drawn if at_right else edge
        self.canvas.setFillColor(color)
        for run in runs:
            family = families()[run.family]
            name = font_name(run, bold)
            fake_bold = bold and family.fake_bold
            if fake_bold:
                # The text rendering mode outlives the text object: keep it in a state.
                self.canvas.saveState()
                self.canvas.setStrokeColor(color)
                self.canvas.setLineWidth(size / 40)
            text_object = self.canvas.beginText(left, y)
            text_object.setFont(name, size)
            if fake_bold:
                text_object.setTextRenderMode(2)
            text_object.textOut(run.text)
            self.canvas.drawText(text_object)
            if fake_bold:
                self.canvas.restoreState()
            left += pdfmetrics.stringWidth(run.text, name, size)
        return drawn

    def paragraph(
        self, text: str, *, y: float, size: float, bold: bool = False, max_lines: int = 2
    ) -> float:
        """Centred lines, wrapped and made smaller until they fit `max_lines`, each in the
        direction of its first letter (an English title on an Arabic certificate); the
        baseline below the last one."""
        width = PAGE_WIDTH - 2 * MARGIN - 40
        lines = wrap(text, size=size, bold=bold, width=width, rtl=self.rtl)
        while len(lines) > max_lines and size > 10:
            size *= 0.9
            lines = wrap(text, size=size, bold=bold, width=width, rtl=self.rtl)
        if len(lines) > max_lines:  # still too long: the last line is shrunk to fit
            lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
        for line in lines:
            self.line(isolate(line), y=y, size=size, bold=bold, width=width)
            y -= size * 1.3
        return y


# --- the certificate ----------------------------------------------------------------------


def date_range(certificate: Certificate) -> str:
    """In the active language, e.g. "From 3 March 2025 to 6 March 2025"."""
    start = formats.date_format(certificate.starts_on, "DATE_FORMAT")
    if certificate.starts_on == certificate.ends_on:
        return gettext("On %(date)s") % {"date": start}
    end = formats.date_format(certificate.ends_on, "DATE_FORMAT")
    return gettext("From %(start)s to %(end)s") % {"start": start, "end": end}


def facts_line(certificate: Certificate) -> str:
    facts = [date_range(certificate)]
    if certificate.hours:
        facts.append(
            ngettext("%(hours)s hour", "%(hours)s hours", certificate.hours)
            % {"hours": certificate.hours}
        )
    if certificate.expires_on:
        facts.append(
            gettext("Valid until %(date)s")
            % {"date": formats.date_format(certificate.expires_on, "DATE_FORMAT")}
        )
    return " · ".join(facts)


def trainers_line(certificate: Certificate) -> str:
    names = [name for name in certificate.trainer_names.split(", ") if name.strip()]
    if not names:
        return ""
    return ngettext("Trainer: %(names)s", "Trainers: %(names)s", len(names)) % {
        "names": ", ".join(isolate(name) for name in names)
    }


def qr_png(url: str) -> bytes:
    """A fixed mask pattern: every reader decodes any of the eight, and searching for the
    best one was half the time of a certificate."""
    buffer = io.BytesIO()
    segno.make(url, error="m", mask=QR_MASK, micro=False).save(
        buffer, kind="png", scale=4, border=4
    )
    return buffer.getvalue()


def render_pdf(certificate: Certificate) -> bytes:
    """The certificate's PDF, in its own language, whatever the active one."""
    with translation.override(certificate.language):
        return _render(certificate)


def _render(certificate: Certificate) -> bytes:
    rtl = translation.get_language_bidi()
    url = verification_url(certificate)
    buffer = io.BytesIO()
    # invariant: the same certificate gives the same bytes (no creation time or random id).
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, pageCompression=1)
    title = gettext("Certificate of completion")
    canvas.setTitle(f"{title} · {certificate.course_title}")
    canvas.setAuthor(certificate.issuer_name)
    canvas.setSubject(certificate.printed_name)
    canvas.setCreator(certificate.issuer_name)
    page = Page(canvas, rtl=rtl)

    draw_frame(canvas)
    top = PAGE_HEIGHT - 84
    page.line(isolate(certificate.issuer_name), y=top, size=13, color=ACCENT)
    page.line(title, y=top - 52, size=32, bold=True)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(1.2)
    canvas.line(PAGE_WIDTH / 2 - 70, top - 70, PAGE_WIDTH / 2 + 70, top - 70)
    page.line(gettext("This certifies that"), y=top - 108, size=14, color=MUTED)
    name_width = page.line(isolate(certificate.printed_name), y=top - 152, size=30, bold=True)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(0.6)
    half = max(name_width, 160) / 2 + 24
    canvas.line(PAGE_WIDTH / 2 - half, top - 166, PAGE_WIDTH / 2 + half, top - 166)
    page.line(gettext("has completed"), y=top - 198, size=14, color=MUTED)
    page.paragraph(certificate.course_title, y=top - 236, size=22, bold=True)
    page.line(facts_line(certificate), y=196, size=12.5)
    trainers = trainers_line(certificate)
    if trainers:
        page.line(trainers, y=176, size=11, color=MUTED)

    draw_footer(canvas, page, certificate, url, rtl=rtl)
    if certificate.is_revoked:
        draw_revoked(canvas, page)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def draw_frame(canvas: Canvas) -> None:
    canvas.setFillColor(PAPER)
    canvas.rect(0, 0, PAGE_WIDTH, PAGE_HEIGHT, stroke=0, fill=1)
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(7)
    canvas.rect(18, 18, PAGE_WIDTH - 36, PAGE_HEIGHT - 36, stroke=1, fill=0)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(1.5)
    canvas.rect(30, 30, PAGE_WIDTH - 60, PAGE_HEIGHT - 60, stroke=1, fill=0)
    canvas.setLineWidth(0.5)
    canvas.rect(35, 35, PAGE_WIDTH - 70, PAGE_HEIGHT - 70, stroke=1, fill=0)
    # A small diamond at each inner corner.
    canvas.setFillColor(GOLD)
    for x, y in ((35, 35), (35, PAGE_HEIGHT - 35), (PAGE_WIDTH - 35, 35)):
        diamond(canvas, x, y)
    diamond(canvas, PAGE_WIDTH - 35, PAGE_HEIGHT - 35)


def diamond(canvas: Canvas, x: float, y: float, size: float = 6) -> None:
    path = canvas.beginPath()
    path.moveTo(x, y + size)
    path.lineTo(x + size, y)
    path.lineTo(x, y - size)
    path.lineTo(x - size, y)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def draw_footer(canvas: Canvas, page: Page, certificate: Certificate, url: str, *, rtl: bool):
    """Issuer and address at the reading start, QR code at the reading end."""
    qr_size = 92
    qr_x = MARGIN if rtl else PAGE_WIDTH - MARGIN - qr_size
    qr_y = 52
    canvas.setFillColor(white)
    canvas.drawImage(ImageReader(io.BytesIO(qr_png(url))), qr_x, qr_y, qr_size, qr_size)
    text_width = PAGE_WIDTH - 2 * MARGIN - qr_size - 24
    issued = gettext("Issued by %(issuer)s on %(date)s") % {
        "issuer": isolate(certificate.issuer_name),
        "date": formats.date_format(certificate.issued_at.date(), "DATE_FORMAT"),
    }
    page.line(issued, y=116, size=11, align="start", width=text_width)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(0.6)
    line_start = PAGE_WIDTH - MARGIN - 220 if rtl else MARGIN
    canvas.line(line_start, 106, line_start + 220, 106)
    page.line(
        gettext("Verify at %(url)s") % {"url": ltr(url)},
        y=86,
        size=8.5,
        color=MUTED,
        align="start",
        width=text_width,
    )
    page.line(
        gettext("Verification code: %(code)s") % {"code": ltr(certificate.code)},
        y=72,
        size=8.5,
        color=MUTED,
        align="start",
        width=text_width,
    )


def draw_revoked(canvas: Canvas, page: Page) -> None:
    canvas.saveState()
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(24)
    page.line(gettext("Revoked"), x=0, y=-30, size=110, bold=True, color=REVOKED_RED)
    canvas.restoreState()


# --- the cache ----------------------------------------------------------------------------


def pdf_version(certificate: Certificate) -> str:
    """Changes whenever anything printed changes: the confirmed name, a revocation or a
    reinstatement, and the layout itself."""
    printed = "\x1f".join(
        str(value)
        for value in (
            LAYOUT_VERSION,
            certificate.printed_name,
            certificate.name_confirmed_at,
            certificate.revoked_at,
            certificate.language,
            certificate.course_title,
            certificate.starts_on,
            certificate.ends_on,
            certificate.hours,
            certificate.trainer_names,
            certificate.issuer_name,
            certificate.issuer_url,
            certificate.issued_at,
            certificate.expires_on,
        )
    )
    return hashlib.sha256(printed.encode()).hexdigest()[:20]


def certificate_pdf(certificate: Certificate) -> bytes:
    key = f"certificates:pdf:{certificate.code}:{pdf_version(certificate)}"
    content = cache.get(key)
    if content is None:
        content = render_pdf(certificate)
        cache.set(key, content, CACHE_SECONDS)
    return content
