"""What participants did in a live room, for the stages after live (learning records).
Sent inside the transaction that records it: a receiver enqueues its work with
background.services.enqueue_with_change."""

from django.dispatch import Signal

# Sent with question (its room, author and text) when a participant asked it.
question_asked = Signal()
# Sent with poll, user and options (the PollOptions chosen) when a participant answered.
poll_answered = Signal()
