"""Factories for the impact pages."""

from datetime import date

from cms.factories import PageFactory
from reporting.models import ImpactPage


class ImpactPageFactory(PageFactory):
    """An impact page under `parent` (a platform's home page), 2015 to 2021."""

    class Meta:
        model = ImpactPage

    title = "Our impact"
    slug = "impact"
    period_start = date(2015, 1, 1)
    period_end = date(2021, 12, 31)
