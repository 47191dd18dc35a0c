"""Text embedded in a translated sentence keeps its own direction: in HTML inside <bdi>,
in plain text (an email's text part) between the Unicode isolates."""

from django.template import Context, Template

from cms.direction import isolate, ltr, ltr_address

FSI, LRI, PDI = "\u2068", "\u2066", "\u2069"


def render(source: str, autoescape: bool = True, **values) -> str:
    return Template("{% load direction %}" + source).render(Context(values, autoescape=autoescape))


def test_typed_text_in_html_is_a_bdi_and_stays_escaped():
    """A title in a sentence is shown in its own <bdi>, markup shown as typed."""
    html = render("Hello {{ name|bdi }},", name="<b>Amina</b>.")
    assert html == "Hello <bdi>&lt;b&gt;Amina&lt;/b&gt;.</bdi>,"


def test_codes_and_addresses_in_html_read_left_to_right():
    """A time zone or an address is a left-to-right <bdi>."""
    assert render("{{ zone|ltr }}", zone="Asia/Almaty") == '<bdi dir="ltr">Asia/Almaty</bdi>'
    assert (
        render("{{ url|address }}", url="https://example.org/a/")
        == '<bdi dir="ltr">https://example.org/a/</bdi>'
    )


def test_plain_text_uses_the_unicode_isolates():
    """In a plain-text email the same filters give the isolates, with nothing escaped."""
    text = render(
        "{% autoescape off %}{{ name|bdi }} {{ zone|ltr }} {{ url|address }} "
        "{% filter ltr %}(Asia/Almaty, UTC+0500){% endfilter %}{% endautoescape %}",
        name="A & B.",
        zone="Asia/Almaty",
        url="https://example.org/a/",
    )
    assert text == (
        f"{FSI}A & B.{PDI} {LRI}Asia/Almaty{PDI} {LRI}https://example.org/a/ {PDI} "
        f"{LRI}(Asia/Almaty, UTC+0500){PDI}"
    )


def test_nothing_to_isolate_gives_nothing():
    """An empty value adds no stray marks or tags."""
    assert render("[{{ name|bdi }}{{ zone|ltr }}{{ url|address }}]", name="", zone=None) == "[]"
    assert isolate("") == ltr("") == ltr_address("") == ""


def test_an_address_in_plain_text_ends_before_the_closing_mark():
    """Mail programs that link addresses end the link at the address, not at the mark."""
    assert ltr_address("https://example.org/v/x/").split()[0] == f"{LRI}https://example.org/v/x/"
