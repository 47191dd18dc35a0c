"""World regions of the UN M49 standard, derived from a country's ISO 3166 code."""

from django.utils.translation import gettext_lazy as _

REGION_NAMES = {
    "africa": _("Africa"),
    "americas": _("Americas"),
    "asia": _("Asia"),
    "europe": _("Europe"),
    "oceania": _("Oceania"),
}

# Countries by M49 region (sub-regions in the comments). Antarctica belongs to none.
_COUNTRIES_BY_REGION = {
    "africa": (
        "DZ EG LY MA SD TN EH "  # Northern Africa
        "IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW "  # Eastern Africa
        "AO CM CF TD CG CD GQ GA ST "  # Middle Africa
        "BW SZ LS NA ZA "  # Southern Africa
        "BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG"  # Western Africa
    ),
    "americas": (
        "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC "
        "VI "  # Caribbean
        "BZ CR SV GT HN MX NI PA "  # Central America
        "AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE "  # South America
        "BM CA GL PM US"  # Northern America
    ),
    "asia": (
        "KZ KG TJ TM UZ "  # Central Asia
        "CN HK MO KP JP MN KR TW "  # Eastern Asia
        "BN KH ID LA MY MM PH SG TH TL VN "  # South-eastern Asia
        "AF BD BT IN IR MV NP PK LK "  # Southern Asia
        "AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE"  # Western Asia
    ),
    "europe": (
        "BY BG CZ HU PL MD RO RU SK UA "  # Eastern Europe
        "AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB "  # Northern Europe
        "AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES "  # Southern Europe
        "AT BE FR DE LI LU MC NL CH"  # Western Europe
    ),
    "oceania": (
        "AU CX CC HM NZ NF "  # Australia and New Zealand
        "FJ NC PG SB VU "  # Melanesia
        "GU KI MH FM NR MP PW UM "  # Micronesia
        "AS CK PF NU PN WS TK TO TV WF"  # Polynesia
    ),
}

REGION_OF_COUNTRY = {
    code: region for region, codes in _COUNTRIES_BY_REGION.items() for code in codes.split()
}


def region_of(country_code: str) -> str | None:
    """The M49 region key of a country ("africa", ...), or None when it has none."""
    return REGION_OF_COUNTRY.get((country_code or "").upper())


def countries_in(region: str) -> list[str]:
    return _COUNTRIES_BY_REGION.get(region, "").split()


def region_choices() -> list[tuple[str, str]]:
    return list(REGION_NAMES.items())
