"""What a learner did in a self-paced course, for the stages after learning (statements to
a learning record store, grades to a partner's LMS). Each is sent inside the transaction
that records it: a receiver enqueues its work with background.services.enqueue_with_change
(it commits with the change, or not at all), never acts at once."""

from django.dispatch import Signal

# Sent with user, lesson (the LessonPage in the language it was read) and by (DoneBy) when
# a lesson becomes done; ticking a done lesson again sends nothing.
lesson_completed = Signal()
# Sent with attempt (QuizAttempt) and lesson once a quiz or knowledge check is graded; the
# same form submitted again sends nothing.
quiz_graded = Signal()
