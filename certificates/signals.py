"""Certificates issued and withdrawn, for the stages after certificates (learning records,
an LMS's gradebook). Sent inside the transaction that records the change: a receiver
enqueues its work with background.services.enqueue_with_change."""

from django.dispatch import Signal

# Sent with certificate when one is issued: the learner completed the course.
certificate_issued = Signal()
# Sent with certificate when one is revoked.
certificate_revoked = Signal()
