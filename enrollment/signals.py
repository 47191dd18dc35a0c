"""Signals other stages listen to (emails here, the live room and certificates later)."""

from django.dispatch import Signal

# Sent after commit with enrollment, previous (status or None) and promoted (bool).
enrollment_changed = Signal()
# Sent after commit with enrollment, when a day of its attendance was recorded.
attendance_recorded = Signal()
