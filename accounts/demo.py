"""Demo accounts, one per role, with verified email addresses (development only)."""

from django.conf import settings

from accounts.factories import UserFactory
from accounts.models import User
from accounts.roles import ADMINISTRATOR, LEARNER, TRAINER

DEMO_ACCOUNTS = [
    # email, password, role, is_superuser
    ("admin@example.org", "demo-admin-pass", ADMINISTRATOR, True),
    ("trainer@example.org", "demo-trainer-pass", TRAINER, False),
    ("learner@example.org", "demo-learner-pass", LEARNER, False),
]


def load(stdout) -> None:
    if not settings.DEMO_ACCOUNTS_ENABLED:
        stdout.write("Demo accounts are disabled in this environment.")
        return
    made = []
    for email, password, role, is_superuser in DEMO_ACCOUNTS:
        if not User.objects.filter(email=email).exists():
            UserFactory(
                email=email,
                password=password,
                role=role,
                first_name=role.rstrip("s"),
                last_name="Demo",
                is_staff=is_superuser,
                is_superuser=is_superuser,
            )
            made.append((role, email, password))
    if made:
        stdout.write("Demo accounts (development only):")
        for role, email, password in made:
            stdout.write(f"  {role:<15} {email:<22} {password}")
