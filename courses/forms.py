"""The catalog's filter form: a plain GET form whose unknown values are cleared, not refused."""

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from courses.models import CourseLevel, SessionMode
from courses.regions import region_choices
from courses.selectors import CatalogFilters, ThemeOption

ANY = [("", _("Any"))]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CatalogFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"dir": "auto"}),
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    language = forms.ChoiceField(
        label=_("Language of instruction"), required=False, choices=ANY + settings.LANGUAGES
    )
    mode = forms.ChoiceField(label=_("Mode"), required=False, choices=ANY + SessionMode.choices)
    level = forms.ChoiceField(label=_("Level"), required=False, choices=ANY + CourseLevel.choices)
    region = forms.ChoiceField(label=_("Region"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    open = forms.BooleanField(label=_("Open for enrollment only"), required=False)

    field_order = ["q", "theme", "language", "mode", "level", "region", "country", "from", "to"]

    def __init__(self, data, *, themes: list[ThemeOption], countries: list[tuple[str, str]]):
        super().__init__(data, auto_id="catalog-%s", use_required_attribute=False)
        self.themes = {str(theme.pk): theme for theme in themes}
        self.fields["theme"].choices = ANY + [(str(t.pk), t.title) for t in themes]
        self.fields["region"].choices = ANY + region_choices()
        self.fields["country"].choices = ANY + countries
        # "from" is a Python keyword, so these two are added by name.
        self.fields["from"] = forms.DateField(label=_("From"), required=False, widget=DATE)
        self.fields["to"] = forms.DateField(label=_("To"), required=False, widget=DATE)
        self.order_fields(self.field_order)
        self.cleared: list[str] = []

    def filters(self) -> CatalogFilters:
        data = self.cleaned_data
        return CatalogFilters(
            q=data.get("q", "").strip(),
            theme=self.themes.get(data.get("theme") or ""),
            language=data.get("language", ""),
            mode=data.get("mode", ""),
            level=data.get("level", ""),
            region=data.get("region", ""),
            country=data.get("country", ""),
            date_from=data.get("from"),
            date_to=data.get("to"),
            open_only=bool(data.get("open")),
        )

    def query_string(self) -> str:
        """The valid filters as a query string, to carry them through the page links."""
        query = QueryDict(mutable=True)
        for name in self.fields:
            value = self.data.get(name, "")
            if value:
                query[name] = value
        return query.urlencode()

    @property
    def cleared_labels(self) -> list[str]:
        return [str(self.fields[name].label) for name in self.cleared]

    @property
    def is_filtered(self) -> bool:
        return any(self.data.get(name) for name in self.fields)


def bind_catalog_form(data: QueryDict, **options) -> CatalogFilterForm:
    """The form bound to the request's filters, minus any it does not understand; those are
    listed in `form.cleared` and shown empty."""
    form = CatalogFilterForm(data, **options)
    if form.is_valid():
        return form
    cleared = [name for name in form.errors if name in form.fields]
    kept = data.copy()
    for name in cleared:
        kept.pop(name, None)
    form = CatalogFilterForm(kept, **options)
    form.is_valid()
    form.cleared = cleared
    return form
