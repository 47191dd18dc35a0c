"""Signals other stages listen to (emails here, the live room and certificates later)."""

from django.dispatch import Signal

# Sent after commit with enrollment, previous (status or None) and promoted (bool).
enrollment_changed = Signal()
