"""The admin's form for a learning record store: secrets are never shown again, and left
empty they stay as they were."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

SECRET_FIELDS = ("secret", "token")


class LearningRecordStoreForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in SECRET_FIELDS:
            field = self.fields.get(name)
            if field is not None:
                field.widget = forms.PasswordInput(render_value=False)
                field.widget.attrs["autocomplete"] = "new-password"

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            for name in SECRET_FIELDS:
                if name in cleaned and not cleaned[name]:
                    cleaned[name] = getattr(self.instance, name)
        return cleaned
