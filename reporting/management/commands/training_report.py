"""The centre's figures for a period and scope, on the command line: a sentence, JSON or CSV,
in any of the platform's languages."""

import json
from argparse import RawDescriptionHelpFormatter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter
from django.utils import translation

from cms.exporting import write_csv
from reporting.exports import TIDY_HEADER, build_report, report_dict, tidy_rows
from reporting.filters import FilterError, parse_filters
from reporting.text import headline_sentence, scope_lines

FORMATS = ("text", "json", "csv")

DESCRIPTION = """\
Print the centre's figures for a period and scope: training sessions held, themes,
countries and regions, participants, women's share, satisfaction, seminars, experts and
audience, with breakdowns by year, theme, region, country, gender and mode.

Formats:
  text  the headline as one sentence in --language, after the scope (theme, platform...)
  json  {"filters", "language", "host_country", "sentence", "headline", "by_year",
        "by_theme", "by_region", "by_country", "gender", "by_mode"}
  csv   one figure per row, columns table,key,label,figure,value: table is headline (key
        empty, the figure's name in label) or a breakdown (by_year, by_theme, by_region,
        by_country, gender, by_mode) whose key is the year, theme slug, region key, ISO
        country code, gender or mode; a percentage that cannot be computed is empty.

An empty period reports zeros. An unknown theme, platform, country, region, mode,
language or a malformed date stops with a message and exit status 1.

Example:
  manage.py training_report --from 2015-01-01 --to 2021-12-31 --format text --language fr
"""


class HelpFormatter(RawDescriptionHelpFormatter, DjangoHelpFormatter):
    pass


class Command(BaseCommand):
    help = DESCRIPTION

    def create_parser(self, prog_name, subcommand, **kwargs):
        return super().create_parser(prog_name, subcommand, formatter_class=HelpFormatter, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument(
            "--from",
            dest="start",
            default="",
            metavar="DATE",
            help="First day, e.g. 2015-01-01 (sessions starting on or after).",
        )
        parser.add_argument(
            "--to",
            dest="end",
            default="",
            metavar="DATE",
            help="Last day, e.g. 2021-12-31 (sessions starting on or before).",
        )
        parser.add_argument(
            "--year",
            default="",
            metavar="YYYY",
            help="A calendar year, instead of --from and --to.",
        )
        parser.add_argument(
            "--site",
            default="",
            metavar="HOST",
            help="Only the sessions of the platform served at HOST[:PORT].",
        )
        parser.add_argument(
            "--theme",
            default="",
            metavar="SLUG",
            help="Only the sessions of the theme with this slug.",
        )
        parser.add_argument(
            "--country",
            default="",
            metavar="CC",
            help="Only learners from this country (ISO 3166 code, e.g. KE).",
        )
        parser.add_argument(
            "--region",
            default="",
            metavar="KEY",
            help="Only learners from this UN M49 region (africa, americas...).",
        )
        parser.add_argument(
            "--mode",
            default="",
            metavar="MODE",
            help="Only sessions held in this mode (online, in_room, hybrid).",
        )
        parser.add_argument(
            "--format",
            default="text",
            choices=FORMATS,
            dest="output",
            help="text (default), json or csv.",
        )
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            metavar="LANG",
            help="Language of the sentence and labels: "
            + ", ".join(code for code, _name in settings.LANGUAGES)
            + ".",
        )

    def handle(self, *args, output, language, **options):
        language = self.language(language)
        with translation.override(language):
            try:
                filters = parse_filters(
                    **{
                        name: options[name] or ""
                        for name in (
                            "start",
                            "end",
                            "year",
                            "site",
                            "theme",
                            "country",
                            "region",
                            "mode",
                        )
                    }
                )
            except FilterError as error:
                raise CommandError(str(error)) from None
            report = build_report(filters, language=language)
            if output == "json":
                self.stdout.write(json.dumps(report_dict(report), ensure_ascii=False, indent=2))
            elif output == "csv":
                write_csv(self.stdout, TIDY_HEADER, tidy_rows(report))
            else:
                for line in scope_lines(filters):
                    self.stdout.write(line)
                self.stdout.write(headline_sentence(report.headline, filters))

    def language(self, value: str) -> str:
        codes = {code.lower(): code for code, _name in settings.LANGUAGES}
        code = codes.get(value.strip().lower())
        if code is None:
            raise CommandError(
                f"Unknown language “{value}”; choose one of: {', '.join(codes.values())}."
            )
        return code
