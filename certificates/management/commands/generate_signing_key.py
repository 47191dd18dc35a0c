"""Print a new Ed25519 key for CERTIFICATE_SIGNING_KEY."""

from django.core.management.base import BaseCommand

from certificates.signing import generate_seed


class Command(BaseCommand):
    help = (
        "Print a new Ed25519 signing key (a base64url seed) for CERTIFICATE_SIGNING_KEY. "
        "Keep it secret and keep it: badges already issued stay verifiable only with it."
    )

    def handle(self, *args, **options):
        self.stdout.write(generate_seed())
