"""The live room's plain HTML forms: the room settings, and the translation of any other
form of the room into the action frame a websocket client would send."""

from django import forms
from django.db import models

from courses.models import SessionKind
from live.models import Room

# Fields whose value is a list in a frame; every other field is a single value.
LIST_FIELDS = ("options",)
# Checkboxes: present means true.
FLAG_FIELDS = ("anonymous", "multiple")
SCALAR_FIELDS = ("action", "text", "question", "do", "poll")


def action_frame(data) -> dict:
    """The frame a form's POST stands for: the same fields, so the page's forms work
    unchanged with and without JavaScript."""
    frame = {name: data[name] for name in SCALAR_FIELDS if name in data}
    for name in LIST_FIELDS:
        frame[name] = data.getlist(name)
    for name in FLAG_FIELDS:
        frame[name] = name in data
    return frame


def _https_by_default(field, **kwargs):
    """A link typed without a scheme is an https one."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class RoomSettingsForm(forms.ModelForm):
    """Links and rules of the room; only a seminar may open to every logged-in user."""

    class Meta:
        formfield_callback = _https_by_default
        model = Room
        fields = ["video_url", "low_data_url", "premoderation", "open_to_all"]
        widgets = {
            "video_url": forms.URLInput(attrs={"dir": "ltr"}),
            "low_data_url": forms.URLInput(attrs={"dir": "ltr"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.session.kind != SessionKind.SEMINAR:
            del self.fields["open_to_all"]
