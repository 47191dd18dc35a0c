"""What a report covers: a period, a theme, a platform, the learners' country or region,
a mode, and for trainers only their own sessions. Parsed from text (command line, query
string) with errors that name the bad value."""

from dataclasses import dataclass, replace
from datetime import date, datetime, time
from uuid import UUID

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries
from wagtail.models import Site

from courses.models import SessionMode, ThemePage
from courses.regions import REGION_NAMES, countries_in


class FilterError(ValueError):
    """A filter value that names nothing; the message says which and why."""


@dataclass(frozen=True)
class ReportFilters:
    start: date | None = None  # first day, inclusive
    end: date | None = None  # last day, inclusive
    site_id: int | None = None
    theme_key: UUID | None = None  # translation_key of a ThemePage
    theme_paths: tuple[str, ...] = ()  # the tree paths of that theme in every language
    country: str = ""  # the learners' country, ISO 3166 alpha-2
    region: str = ""  # the learners' UN M49 region key
    mode: str = ""
    trainer_user_id: int | None = None  # only the sessions this person trains

    @property
    def by_learner_place(self) -> bool:
        return bool(self.country or self.region)

    def session_q(self, prefix: str = "") -> Q:
        """The sessions the report covers, as a condition on `prefix`session."""
        return self.period_q(f"{prefix}starts_at") & self.scope_q(prefix)

    def period_q(self, field: str) -> Q:
        """The date-time `field` falls in the period."""
        first, after = self.bounds()
        q = Q()
        if first:
            q &= Q(**{f"{field}__gte": first})
        if after:
            q &= Q(**{f"{field}__lt": after})
        return q

    def bounds(self) -> tuple[datetime | None, datetime | None]:
        """The period's first instant and the instant after it, None where open."""
        first = _day_start(self.start) if self.start else None
        after = _day_start(self.end, next_day=True) if self.end else None
        return first, after

    def scope_q(self, prefix: str = "") -> Q:
        """The sessions of the platform, theme, mode and trainer, whatever the period (a
        self-paced run counts what its learners did in the period, not when it opened)."""
        q = Q()
        if self.site_id:
            q &= Q(**{f"{prefix}site_id": self.site_id})
        if self.mode:
            q &= Q(**{f"{prefix}mode": self.mode})
        if self.theme_paths:
            under = Q()
            for path in self.theme_paths:
                under |= Q(**{f"{prefix}course__path__startswith": path})
            q &= under
        if self.trainer_user_id:
            q &= Q(**{f"{prefix}trainers__user_id": self.trainer_user_id})
        return q

    def learner_q(self, prefix: str = "") -> Q:
        """The learners the report counts, by the country on their profile; a learner who
        did not consent to the centre's statistics is never counted by country."""
        consented = Q(**{f"{prefix}learner_profile__counted_in_statistics": True})
        if self.country:
            return consented & Q(**{f"{prefix}learner_profile__country": self.country})
        if self.region:
            return consented & Q(
                **{f"{prefix}learner_profile__country__in": countries_in(self.region)}
            )
        return Q()


def parse_filters(
    *,
    start: str = "",
    end: str = "",
    year: str = "",
    site: str = "",
    theme: str = "",
    country: str = "",
    region: str = "",
    mode: str = "",
) -> ReportFilters:
    """Filters from text; raises FilterError naming the first value that names nothing."""
    first, last = parse_date(start, "from"), parse_date(end, "to")
    if year:
        if not year.isdigit() or not 1900 <= int(year) <= 2999:
            raise FilterError(_("The year must be a number such as 2021, not “%s”.") % year)
        first, last = date(int(year), 1, 1), date(int(year), 12, 31)
    if first and last and last < first:
        raise FilterError(_("The period ends before it starts."))
    filters = ReportFilters(start=first, end=last)
    if site:
        site_id = _site_id(site)
        filters = replace(filters, site_id=site_id)
    if theme:
        key, paths = _theme(theme)
        filters = replace(filters, theme_key=key, theme_paths=paths)
    if country:
        code = country.strip().upper()
        if code not in dict(countries):
            raise FilterError(_("“%s” is not a country code (ISO 3166, e.g. KE).") % country)
        filters = replace(filters, country=code)
    if region:
        if region not in REGION_NAMES:
            raise FilterError(
                _("“%(region)s” is not a region; choose one of: %(choices)s.")
                % {"region": region, "choices": ", ".join(REGION_NAMES)}
            )
        filters = replace(filters, region=region)
    if mode:
        if mode not in SessionMode.values:
            raise FilterError(
                _("“%(mode)s” is not a mode; choose one of: %(choices)s.")
                % {"mode": mode, "choices": ", ".join(SessionMode.values)}
            )
        filters = replace(filters, mode=mode)
    return filters


def parse_date(value: str, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise FilterError(
            _("The “%(name)s” date must look like 2021-12-31, not “%(value)s”.")
            % {"name": name, "value": value}
        ) from None


def _site_id(value: str) -> int:
    value = value.strip().lower()
    host, _colon, port = value.partition(":")
    sites = Site.objects.filter(hostname=host)
    if port:
        sites = sites.filter(port=int(port)) if port.isdigit() else sites.none()
    site_id = sites.values_list("pk", flat=True).first()
    if site_id is None:
        raise FilterError(_("No platform is served at “%s”.") % value)
    return site_id


def _theme(slug: str) -> tuple[UUID, tuple[str, ...]]:
    theme = ThemePage.objects.filter(slug=slug.strip()).order_by("pk").first()
    if theme is None:
        raise FilterError(_("No theme has the slug “%s”.") % slug)
    paths = ThemePage.objects.filter(translation_key=theme.translation_key).values_list(
        "path", flat=True
    )
    return theme.translation_key, tuple(paths)


def _day_start(day: date, *, next_day: bool = False) -> datetime:
    if next_day:
        day = date.fromordinal(day.toordinal() + 1)
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())
