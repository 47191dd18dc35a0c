"""The plain forms of a lesson's discussion: a question or reply, a report, a moderation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from learning.models.discussions import POST_MAX_LENGTH

REPORT_REASON_MAX_LENGTH = 200
MODERATIONS = ("hide", "unhide", "accept", "unaccept")


class PostForm(forms.Form):
    """A question, or with `parent` a reply to one. The text is cleaned and its length
    checked by the service (learning.services.discussions.post_write), which says why it
    refuses; the field only carries it."""

    text = forms.CharField(
        label=_("Your message"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto", "maxlength": POST_MAX_LENGTH}),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    anonymous = forms.BooleanField(label=_("Post without my name"), required=False)


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Why? (optional)"),
        required=False,
        max_length=REPORT_REASON_MAX_LENGTH,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )


class ModerationForm(forms.Form):
    do = forms.ChoiceField(choices=[(action, action) for action in MODERATIONS])
    # Sent from the trainers' queue of this course: back there afterwards.
    queue = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
