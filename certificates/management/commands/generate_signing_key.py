"""Print a new Ed25519 key for CERTIFICATE_SIGNING_KEY."""

from django.core.management.base import BaseCommand

from certificates.signing import generate_seed


class Command(BaseCommand):
    help = (
        "Print a new Ed25519 signing key (a base64url seed) for CERTIFICATE_SIGNING_KEY. "
        "Keep it secret and keep it: badges already issued stay verifiable only with it."
    )
    # Run while setting up a server, before the key is in its environment: the system check
    # that refuses production without a key must not stop the command that makes one.
    requires_system_checks = []

    def handle(self, *args, **options):
        self.stdout.write(generate_seed())
