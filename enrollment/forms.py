"""Forms learners fill: their profile and the check-in code of the room."""

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from enrollment.models import Gender, LearnerProfile

# A plausible year of birth: learners between 10 and 100 years old.
YOUNGEST_AGE = 10
OLDEST_AGE = 100


class LearnerProfileForm(forms.ModelForm):
    """Only the country is compulsory; everything else may stay "not specified"."""

    class Meta:
        model = LearnerProfile
        fields = [
            "country",
            "gender",
            "organisation",
            "sector",
            "year_of_birth",
            "preferred_language",
            "counted_in_statistics",
        ]
        widgets = {
            "gender": forms.RadioSelect,
            "year_of_birth": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.initial.setdefault("preferred_language", get_language())
        country = self.fields["country"]
        country.help_text = _("The country you work in.")
        country.choices = [("", _("Choose a country")), *list(country.choices)[1:]]
        sector = self.fields["sector"]
        sector.choices = [("", _("Not specified")), *sector.choices[1:]]
        # A choice left untouched keeps its default ("prefer not to say", the page's language).
        self.fields["gender"].required = False
        self.fields["preferred_language"].required = False

    def clean_gender(self):
        return self.cleaned_data.get("gender") or Gender.UNSTATED

    def clean_preferred_language(self):
        return self.cleaned_data.get("preferred_language") or get_language()

    def clean_year_of_birth(self):
        year = self.cleaned_data.get("year_of_birth")
        this_year = timezone.now().year
        first, last = this_year - OLDEST_AGE, this_year - YOUNGEST_AGE
        if year is not None and not first <= year <= last:
            raise forms.ValidationError(
                _("Enter a year between %(first)s and %(last)s, or leave it empty."),
                code="implausible_year",
                params={"first": first, "last": last},
            )
        return year


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Code shown in the room"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
