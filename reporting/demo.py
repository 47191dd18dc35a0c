"""Demo impact pages: the centre's figures for 2015-2021 under the master platform's home page,
in its menu, in the six languages; and one theme's single year, in English, where small
groups of people are withheld."""

from datetime import date

from wagtail.models import Locale

from cms.demo_content import LANGUAGE_CODES, PLATFORMS
from cms.factories import translate_missing
from cms.models import HomePage
from courses.models import ThemePage
from reporting import demo_content
from reporting.factories import ImpactPageFactory
from reporting.models import ImpactPage

SLUG = "impact"
PERIOD = (date(2015, 1, 1), date(2021, 12, 31))


def load(stdout) -> None:
    master = next(platform for platform in PLATFORMS if platform["is_master"])
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.filter(locale=english, slug=master["slug"], depth=2).first()
    if home is None:
        stdout.write("Impact page: no master home page.")
        return
    page = ImpactPage.objects.child_of(home).filter(slug=SLUG).first()
    created = page is None
    page = page or ImpactPageFactory(parent=home, slug=SLUG, **_fields("en"))
    created += translate_missing(page, _fields, LANGUAGE_CODES)
    created += _theme_year_page(home)
    stdout.write(f"Impact page: {created} pages created.")


# A theme with a single training in that year: its gender and region breakdowns hold
# groups too small to publish.
THEME_YEAR = ("digital-agriculture", 2021)


def _theme_year_page(home: HomePage) -> int:
    slug, year = THEME_YEAR
    theme = ThemePage.objects.filter(slug=slug, locale=home.locale).first()
    if theme is None or ImpactPage.objects.child_of(home).filter(slug=f"impact-{slug}").exists():
        return 0
    ImpactPageFactory(
        parent=home,
        slug=f"impact-{slug}",
        title=f"{theme.title}: our impact in {year}",
        intro="<p>One theme's training in one year. Groups of fewer than 10 people are not "
        "shown, so that no one can be singled out.</p>",
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        theme=theme,
    )
    return 1


def _fields(code: str) -> dict:
    start, end = PERIOD
    return {
        "title": demo_content.TITLES[code],
        "intro": f"<p>{demo_content.INTROS[code]}</p>",
        "period_start": start,
        "period_end": end,
        "show_in_menus": True,
    }
