"""The open data dictionary: every table and field the impact page and its downloads
publish, with its type, unit and definition (the definitions of reporting/selectors.py)."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENSE_NAME = "CC BY 4.0"

INTEGER, NUMBER, STRING, DATE, BOOLEAN = "integer", "number", "string", "date", "boolean"
# Units that count people, one by one or through what each did.
PEOPLE_UNITS = ("people", "participations", "responses", "certificates")


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    unit: str  # a stable word for machines: sessions, people, percent...
    label: Promise  # a short heading for tables
    definition: Promise

    @property
    def is_percent(self) -> bool:
        return self.unit == "percent"

    @property
    def counts_people(self) -> bool:
        """Counts of people are suppressed when small; counts of sessions, themes,
        countries and regions describe the centre's activity and are published whole."""
        return self.type == INTEGER and self.unit in PEOPLE_UNITS

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "type": self.type,
            "unit": self.unit,
            "label": str(self.label),
            "definition": str(self.definition),
        }


@dataclass(frozen=True)
class Table:
    name: str
    title: Promise
    description: Promise
    key: Field | None  # what tells the rows apart; None for the one-row headline
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field:
        return next(field for field in self.fields if field.name == name)

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "title": str(self.title),
            "description": str(self.description),
            "key": self.key.as_dict() if self.key else None,
            "fields": [field.as_dict() for field in self.fields],
        }


def sentences(*parts: Promise) -> Promise:
    """Sentences translated one by one and joined when read, in the reader's language."""
    return format_lazy(" ".join("{}" for _part in parts), *parts)


HELD = _(
    "A session is held when it is not cancelled and has started; the period filters on its start."
)
PARTICIPATION = _(
    "A participation is an enrollment in a held training that attended at least one day."
)
DEMOGRAPHICS = _(
    "Only learners who consented to be counted in the centre's statistics are counted."
)

TRAININGS = Field(
    "trainings",
    INTEGER,
    "sessions",
    _("Training sessions"),
    sentences(_("Training sessions held in the period."), HELD),
)
SEMINARS = Field(
    "seminars",
    INTEGER,
    "sessions",
    _("Seminars"),
    sentences(_("Seminars held in the period."), HELD),
)
PARTICIPATIONS = Field(
    "participations",
    INTEGER,
    "participations",
    _("Participations"),
    PARTICIPATION,
)
PARTICIPANTS = Field(
    "participants",
    INTEGER,
    "people",
    _("Participants"),
    _(
        "The distinct learners behind the participations (a person in several trainings "
        "counts once)."
    ),
)
COUNTED_PARTICIPANTS = Field(
    "participants",
    INTEGER,
    "people",
    _("Participants"),
    _(
        "The distinct learners who took part, among those who consented to be counted in the "
        "centre's statistics."
    ),
)

HEADLINE = Table(
    "headline",
    _("Headline figures"),
    _("The centre's figures for the whole period."),
    None,
    (
        TRAININGS,
        Field(
            "themes",
            INTEGER,
            "themes",
            _("Themes"),
            _("Distinct themes of the training sessions held."),
        ),
        Field(
            "countries",
            INTEGER,
            "countries",
            _("Countries and regions reached"),
            sentences(_("Distinct countries of the participants."), DEMOGRAPHICS),
        ),
        Field(
            "regions",
            INTEGER,
            "regions",
            _("World regions reached"),
            sentences(_("Distinct UN M49 regions of the participants' countries."), DEMOGRAPHICS),
        ),
        PARTICIPANTS,
        PARTICIPATIONS,
        Field(
            "women_percent",
            NUMBER,
            "percent",
            _("Women"),
            sentences(
                _("Share of women among the participants who stated a gender."), DEMOGRAPHICS
            ),
        ),
        Field(
            "gender_unstated_percent",
            NUMBER,
            "percent",
            _("Gender not stated"),
            sentences(
                _("Share of participants who preferred not to state a gender."), DEMOGRAPHICS
            ),
        ),
        Field(
            "satisfaction_percent",
            NUMBER,
            "percent",
            _("Satisfaction"),
            _("Share of survey responses answering 4 or 5 out of 5 to the headline question."),
        ),
        Field(
            "response_percent",
            NUMBER,
            "percent",
            _("Survey response rate"),
            _("Survey responses over participations."),
        ),
        Field(
            "completion_percent",
            NUMBER,
            "percent",
            _("Completion rate"),
            _(
                "Share of the seats held to the end of ended trainings whose learner completed "
                "the training."
            ),
        ),
        Field(
            "certificates",
            INTEGER,
            "certificates",
            _("Certificates issued"),
            _("Certificates issued for held trainings and not revoked."),
        ),
        SEMINARS,
        Field(
            "experts",
            INTEGER,
            "people",
            _("Experts"),
            _("The distinct trainers and speakers of held seminars."),
        ),
        Field(
            "audience",
            INTEGER,
            "people",
            _("Seminar audience"),
            _("The distinct people who joined a held seminar's live room or were marked present."),
        ),
    ),
)

BY_YEAR = Table(
    "by_year",
    _("By year"),
    _("Sessions and participants per calendar year of the sessions' start."),
    Field("year", INTEGER, "year", _("Year"), _("The calendar year the sessions started in.")),
    (TRAININGS, SEMINARS, PARTICIPANTS, PARTICIPATIONS),
)

BY_THEME = Table(
    "by_theme",
    _("By theme"),
    _("Training sessions, participations and satisfaction per theme, most participations first."),
    Field("theme", STRING, "", _("Theme"), _("The theme's slug and title.")),
    (
        TRAININGS,
        PARTICIPATIONS,
        Field(
            "responses",
            INTEGER,
            "responses",
            _("Survey responses"),
            _("Survey responses to the theme's trainings, named or anonymous."),
        ),
        Field(
            "satisfaction_percent",
            NUMBER,
            "percent",
            _("Satisfaction"),
            _(
                "Share of the theme's survey responses answering 4 or 5 out of 5 to the "
                "headline question."
            ),
        ),
    ),
)

BY_REGION = Table(
    "by_region",
    _("By world region"),
    sentences(_("Participants per UN M49 region of their country."), DEMOGRAPHICS),
    Field("region", STRING, "", _("Region"), _("The UN M49 region's key and name.")),
    (
        COUNTED_PARTICIPANTS,
        Field(
            "countries",
            INTEGER,
            "countries",
            _("Countries"),
            _("Distinct countries of the region the participants came from."),
        ),
    ),
)

BY_GENDER = Table(
    "by_gender",
    _("By gender"),
    sentences(_("Participants by the gender they stated."), DEMOGRAPHICS),
    Field("gender", STRING, "", _("Gender"), _("The gender the learner stated, if any.")),
    (COUNTED_PARTICIPANTS,),
)

TABLES = (HEADLINE, BY_YEAR, BY_THEME, BY_REGION, BY_GENDER)
BREAKDOWNS = (BY_YEAR, BY_THEME, BY_REGION, BY_GENDER)

# The columns of the open data CSV: one published figure per line.
CSV_COLUMNS = (
    Field(
        "table",
        STRING,
        "",
        _("Table"),
        _("Which table the line belongs to: metadata, or one of the tables below."),
    ),
    Field(
        "key",
        STRING,
        "",
        _("Key"),
        _(
            "The row within the table: a year, a theme's slug, a region's or a gender's key; "
            "empty for the headline figures and the metadata."
        ),
    ),
    Field("label", STRING, "", _("Label"), _("The row's name as readers see it.")),
    Field("field", STRING, "", _("Field"), _("The figure's name, as in this dictionary.")),
    Field(
        "value",
        STRING,
        "",
        _("Value"),
        _("The figure; empty when it is suppressed. For metadata lines, the value as text."),
    ),
    Field("unit", STRING, "", _("Unit"), _("The figure's unit, as in this dictionary.")),
    Field(
        "suppressed",
        STRING,
        "",
        _("Suppressed"),
        _(
            "Empty when the figure is published; otherwise why it is withheld: small (a "
            "count below the threshold), complementary (withheld so that a small count "
            "cannot be worked out from a total; it is at least the threshold), small_base "
            "(a percentage resting on fewer people than the threshold)."
        ),
    ),
)

# What every file says about itself: the keys of the JSON file and the metadata lines
# of the CSV file.
METADATA = (
    Field("title", STRING, "", _("Title"), _("The impact page's title.")),
    Field("url", STRING, "", _("Address"), _("The impact page the figures are published on.")),
    Field("language", STRING, "", _("Language"), _("The language of labels and titles.")),
    Field(
        "period",
        STRING,
        "",
        _("Period"),
        _(
            "The sessions counted started in this period: an ISO 8601 interval of dates, "
            "first and last day included; “..” stands for an open end."
        ),
    ),
    Field("theme", STRING, "", _("Theme"), _("The theme the figures cover; empty for all.")),
    Field(
        "platform",
        STRING,
        "",
        _("Platform"),
        _("The platform (web address) the figures cover; empty for all."),
    ),
    Field(
        "threshold",
        INTEGER,
        "people",
        _("Threshold"),
        _("Counts below this number are withheld."),
    ),
    Field("suppression", STRING, "", _("Suppression"), _("How small counts are withheld.")),
    Field("license", STRING, "", _("Licence"), _("The address of the data's licence.")),
    Field("license_name", STRING, "", _("Licence name"), _("The licence's short name.")),
    Field(
        "attribution",
        STRING,
        "",
        _("Attribution"),
        _("Whom to credit when reusing the data, as the licence requires."),
    ),
    Field(
        "generated",
        STRING,
        "",
        _("Generated"),
        _("When the figures were computed (ISO 8601, UTC)."),
    ),
    Field("dictionary", STRING, "", _("Data dictionary"), _("The address of this dictionary.")),
)

SUPPRESSION = _(
    "Counts of people (participants, participations, responses, certificates, experts, "
    "audience) below %(threshold)s are withheld and shown as “fewer than %(threshold)s”; "
    "percentages resting on fewer than %(threshold)s people are withheld too; in each "
    "column of a breakdown, when only one cell is withheld the next smallest is withheld "
    "as well (“not shown”), so that no cell can be worked out from the total. Counts of "
    "sessions, themes, countries and regions are published as they are: they describe the "
    "centre's activity, not people."
)


def table(name: str) -> Table:
    return next(table for table in TABLES if table.name == name)


def as_dict(threshold: int) -> dict:
    """The whole dictionary, in the active language."""
    return {
        "license": LICENSE_URL,
        "suppression": str(SUPPRESSION) % {"threshold": threshold},
        "threshold": threshold,
        "metadata": [field.as_dict() for field in METADATA],
        "csv_columns": [field.as_dict() for field in CSV_COLUMNS],
        "tables": [table.as_dict() for table in TABLES],
    }
