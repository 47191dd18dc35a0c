"""Texts of the demo live room (data only): the learners' questions, the trainer's poll and
announcement."""

QUESTIONS = [
    "Which cloud services are free for public research institutions?",
    "How do we estimate storage costs before moving our archive?",
    "Can the labs be done from a phone, or do we need a laptop?",
    "Is there guidance on keeping data inside our own country?",
    "Will the slides be available after the session?",
]
POLL = (
    "Where does your organisation keep its data today?",
    [
        "On our own servers",
        "With a public cloud provider",
        "Both",
        "I don't know",
    ],
)
ANNOUNCEMENT = "Welcome! Ask your questions at any time; we answer the most voted after the break."
