"""Signals other apps listen to (certificates: the survey may complete the rule)."""

from django.dispatch import Signal

# Sent after commit with enrollment, once a learner's answers are stored.
survey_answered = Signal()
