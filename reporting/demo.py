"""Demo impact pages: the centre's figures for 2015-2021 under the master platform's home page,
in its menu, in the six languages; and one theme's single year, in English, where small
groups of people are withheld."""

from datetime import date

from wagtail.models import Locale

from cms.demo_content import LANGUAGE_CODES, PLATFORMS
from cms.factories import translate_missing
from cms.models import HomePage
from courses.models import ThemePage
from reporting.factories import ImpactPageFactory
from reporting.models import ImpactPage

SLUG = "impact"
PERIOD = (date(2015, 1, 1), date(2021, 12, 31))
TITLES = {
    "en": "Our impact, 2015–2021",
    "zh-hans": "2015–2021年成果",
    "fr": "Notre impact, 2015-2021",
    "es": "Nuestro impacto, 2015-2021",
    "ru": "Наши результаты, 2015–2021",
    "ar": "أثرنا، 2015–2021",
}
INTROS = {
    "en": "The centre's training sessions and international seminars from 2015 to 2021, in "
    "figures computed from the platform's records. Small numbers are not shown, so that no "
    "one can be singled out.",
    "zh-hans": "中心2015年至2021年的培训班和国际研讨会，数据来自平台记录。"
    "为避免识别到个人，较小的数字不予显示。",
    "fr": "Les formations et séminaires internationaux du centre de 2015 à 2021, en chiffres "
    "calculés à partir des données de la plateforme. Les petits nombres ne sont pas "
    "affichés, afin que personne ne puisse être identifié.",
    "es": "Las formaciones y seminarios internacionales del centro de 2015 a 2021, en cifras "
    "calculadas a partir de los registros de la plataforma. Las cifras pequeñas no se "
    "muestran, para que nadie pueda ser identificado.",
    "ru": "Учебные курсы и международные семинары центра с 2015 по 2021 год в цифрах, "
    "рассчитанных по данным платформы. Малые числа не показываются, чтобы никого нельзя "
    "было узнать.",
    "ar": "الدورات التدريبية والندوات الدولية للمركز من 2015 إلى 2021، بأرقام محسوبة من "
    "سجلات المنصة. لا تُعرض الأعداد الصغيرة حتى لا يمكن التعرف على أي شخص.",
}


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
        "title": TITLES[code],
        "intro": f"<p>{INTROS[code]}</p>",
        "period_start": start,
        "period_end": end,
        "show_in_menus": True,
    }
