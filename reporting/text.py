"""The report in words: the headline sentence, figures' names, numbers, percentages and days
written the way the active language writes them, and the scope of a report described."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.translation import get_language, gettext_lazy, ngettext, pgettext
from django.utils.translation import gettext as _
from django_countries import countries
from wagtail.models import Site

from cms.models import PlatformSettings
from courses.models import SessionMode, ThemePage
from courses.regions import REGION_NAMES
from reporting.filters import ReportFilters
from reporting.selectors import Headline

# English writes a report's days as the centre's yearly reports do ("1 January 2015");
# every other language as Django's formats for it do ("1 janvier 2015", "2015年1月1日").
DAY_FORMATS = {"en": "j F Y"}

# The headline figures, in the order reports list them, with their names.
FIGURES = {
    "trainings": gettext_lazy("Training sessions"),
    "trainings_online": gettext_lazy("Training sessions online"),
    "trainings_in_room": gettext_lazy("Training sessions in the room"),
    "trainings_hybrid": gettext_lazy("Hybrid training sessions"),
    "trainings_in_host_country": gettext_lazy("Training sessions in the host country"),
    "trainings_abroad": gettext_lazy("Training sessions abroad"),
    "themes": gettext_lazy("Themes"),
    "countries": gettext_lazy("Countries and regions"),
    "regions": gettext_lazy("World regions"),
    "participants": gettext_lazy("Participants"),
    "participations": gettext_lazy("Participations"),
    "women_percent": gettext_lazy("Women (%)"),
    "gender_stated": gettext_lazy("Participants who stated a gender"),
    "gender_unstated_percent": gettext_lazy("Gender not stated (%)"),
    "responses": gettext_lazy("Survey responses"),
    "rated": gettext_lazy("Responses rating the session"),
    "satisfaction_percent": gettext_lazy("Satisfaction (%)"),
    "response_percent": gettext_lazy("Response rate (%)"),
    "seated": gettext_lazy("Seats held to the end of a session"),
    "completion_percent": gettext_lazy("Completion rate (%)"),
    "certificates": gettext_lazy("Certificates issued"),
    "seminars": gettext_lazy("International seminars"),
    "experts": gettext_lazy("Experts"),
    "audience": gettext_lazy("Seminar audience"),
    "self_paced_runs": gettext_lazy("Self-paced runs"),
    "self_paced_learners": gettext_lazy("Self-paced learners"),
    "self_paced_completions": gettext_lazy("Self-paced completions"),
    "self_paced_certificates": gettext_lazy("Certificates issued from self-paced runs"),
}


def headline_figures(report: Headline) -> list[tuple[str, object]]:
    """(figure, value) for every headline figure, sessions by mode spelled out; a
    percentage that cannot be computed is None."""
    by_mode = {f"trainings_{mode}": report.trainings_by_mode.get(mode, 0) for mode in SessionMode}
    values = {**vars(report), **by_mode}
    return [(figure, values[figure]) for figure in FIGURES]


# --- numbers, percentages, days -----------------------------------------------------------


def format_number(value: int) -> str:
    """18236 as the active language writes it: 18,236 · 18 236 · 18236."""
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def whole_percent(value: float) -> int:
    """A percentage rounded half up to a whole number (34.5 → 35)."""
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def format_percent(value: float, *, precise: bool = False) -> str:
    """35% · 35 % · 35٪, rounded to a whole number, or to one decimal when `precise`."""
    if precise:
        number = formats.number_format(value, 1, use_l10n=True, force_grouping=True)
    else:
        number = format_number(whole_percent(value))
    return pgettext("a percentage; keep %(number)s and write %% for the sign", "%(number)s%%") % {
        "number": number
    }


def format_day(day: date) -> str:
    return formats.date_format(day, DAY_FORMATS.get(get_language(), "DATE_FORMAT"))


# --- the sentence -------------------------------------------------------------------------


def headline_sentence(report: Headline, filters: ReportFilters | None = None) -> str:
    """The headline as the centre reports it, in the active language, e.g. "From 1 January
    2015 to 31 December 2021: 107 training sessions covering 30 themes and 115 countries
    and regions, 18,236 participants (women 35%), satisfaction 92%; 24 international
    seminars with 104 experts and an audience of 17,012." A figure that cannot be computed
    (no one stated a gender, no satisfaction when counting by the learners' country) is
    left out with its clause."""
    sessions = _count(
        ngettext("%(count)s training session", "%(count)s training sessions", report.trainings),
        report.trainings,
    )
    themes = _count(ngettext("%(count)s theme", "%(count)s themes", report.themes), report.themes)
    places = _count(
        ngettext(
            "%(count)s country or region", "%(count)s countries and regions", report.countries
        ),
        report.countries,
    )
    reach = _("%(sessions)s covering %(themes)s and %(countries)s") % {
        "sessions": sessions,
        "themes": themes,
        "countries": places,
    }
    seminars = _count(
        ngettext(
            "%(count)s international seminar", "%(count)s international seminars", report.seminars
        ),
        report.seminars,
    )
    experts = _count(
        ngettext("%(count)s expert", "%(count)s experts", report.experts), report.experts
    )
    seminar_figures = _("%(seminars)s with %(experts)s and an audience of %(audience)s") % {
        "seminars": seminars,
        "experts": experts,
        "audience": format_number(report.audience),
    }
    training_figures = _join([reach, _participants(report), _satisfaction(report)])
    parts = [training_figures, seminar_figures]
    if report.self_paced_learners:
        parts.append(_self_paced(report))
    figures = pgettext("between the trainings' and the seminars' figures", "; ").join(parts)
    return _with_period(figures, filters or ReportFilters())


def _self_paced(report: Headline) -> str:
    """Learners of self-paced runs, on their own: they are no sessions held."""
    learners = _count(
        ngettext(
            "%(count)s self-paced learner",
            "%(count)s self-paced learners",
            report.self_paced_learners,
        ),
        report.self_paced_learners,
    )
    completions = _count(
        ngettext("%(count)s completion", "%(count)s completions", report.self_paced_completions),
        report.self_paced_completions,
    )
    return _("%(learners)s (%(completions)s)") % {"learners": learners, "completions": completions}


def _count(text: str, count: int) -> str:
    return text % {"count": format_number(count)}


def _participants(report: Headline) -> str:
    participants = _count(
        ngettext("%(count)s participant", "%(count)s participants", report.participants),
        report.participants,
    )
    if report.women_percent is None:
        return participants
    return _("%(participants)s (women %(percent)s)") % {
        "participants": participants,
        "percent": format_percent(report.women_percent),
    }


def _satisfaction(report: Headline) -> str:
    if report.satisfaction_percent is None:
        return ""
    return _("satisfaction %(percent)s") % {"percent": format_percent(report.satisfaction_percent)}


def _join(clauses: list[str]) -> str:
    return pgettext("between figures of a sentence", ", ").join(c for c in clauses if c)


def _with_period(figures: str, filters: ReportFilters) -> str:
    start = format_day(filters.start) if filters.start else ""
    end = format_day(filters.end) if filters.end else ""
    if start and end:
        return _("From %(start)s to %(end)s: %(figures)s.") % {
            "start": start,
            "end": end,
            "figures": figures,
        }
    if start:
        return _("Since %(start)s: %(figures)s.") % {"start": start, "figures": figures}
    if end:
        return _("Until %(end)s: %(figures)s.") % {"end": end, "figures": figures}
    return pgettext(
        "a sentence of figures; keep the full stop of your language", "%(figures)s."
    ) % {"figures": figures}


# --- the scope ----------------------------------------------------------------------------


def scope_lines(filters: ReportFilters) -> list[str]:
    """What narrows the report besides its period, one line each ("Theme: Water"), in the
    active language."""
    lines = []
    if filters.site_id:
        site = Site.objects.filter(pk=filters.site_id).first()
        name = (site.site_name or site.hostname) if site else filters.site_id
        lines.append(_("Platform: %(name)s") % {"name": name})
    if filters.theme_key:
        lines.append(_("Theme: %(name)s") % {"name": theme_title(filters.theme_key)})
    if filters.country:
        lines.append(_("Learners from: %(place)s") % {"place": countries.name(filters.country)})
    if filters.region:
        lines.append(_("Learners from: %(place)s") % {"place": REGION_NAMES[filters.region]})
    if filters.mode:
        lines.append(_("Mode: %(mode)s") % {"mode": SessionMode(filters.mode).label})
    if filters.trainer_user_id:
        lines.append(_("Only the sessions you train"))
    return lines


def theme_title(translation_key) -> str:
    """A theme's title in the active language, else in any language it has."""
    titles = dict(
        ThemePage.objects.filter(translation_key=translation_key).values_list(
            "locale__language_code", "title"
        )
    )
    return titles.get(get_language()) or next(iter(titles.values()), "")


def host_country() -> str:
    """The centre's host country, named on the master platform's settings ("" if none)."""
    code = (
        PlatformSettings.objects.filter(is_master=True)
        .order_by("pk")
        .values_list("host_country", flat=True)
        .first()
    )
    return code or ""
