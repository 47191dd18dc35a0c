"""Admin widgets for long lists of choices (599 time zones, every trainer): the plain select
or checkboxes, with a search box that filters them once the admin's script runs."""

from django import forms
from django.utils.translation import gettext_lazy as _


class FilterableChoicesMixin:
    template_name = "courses/admin/filterable_choices.html"
    search_label = _("Search")

    def __init__(self, *args, search_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if search_label is not None:
            self.search_label = search_label

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            search_label=self.search_label,
            # The script puts the number in place of %(count)s.
            count_template=_("%(count)s matching"),
            inner_template_name=self.inner_template_name,
        )
        return context

    @property
    def media(self):
        return forms.Media(js=["courses/admin/filterable-choices.js"])


class FilterableSelect(FilterableChoicesMixin, forms.Select):
    inner_template_name = "django/forms/widgets/select.html"


class FilterableCheckboxSelectMultiple(FilterableChoicesMixin, forms.CheckboxSelectMultiple):
    inner_template_name = "django/forms/widgets/checkbox_select.html"
