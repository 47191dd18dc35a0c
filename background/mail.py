"""Outgoing mail: the EMAIL_BACKEND that queues each message as a row, and the message
rebuilt from that row for the real backend (OUTBOX_DELIVERY_BACKEND)."""

import email
import email.policy
from email.header import decode_header, make_header
from email.utils import getaddresses

from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend


class OutboxEmailBackend(BaseEmailBackend):
    """Stores each message and enqueues its delivery once the transaction commits: the
    request that sends an email never waits for the mail server, and a message the server
    refuses is retried (background.services)."""

    def send_messages(self, email_messages):
        from background.services import email_queue

        count = 0
        for message in email_messages:
            if not any(map(deliverable, message.recipients())):
                continue
            email_queue(message=message)
            count += 1
        return count


def deliverable(address: str) -> bool:
    """False for an address in the reserved .invalid domain (RFC 2606), which no mail
    reaches: the placeholder of an account made for a partner's learner who gave none."""
    return not address.strip().rstrip(">").lower().endswith(".invalid")


class StoredEmail(EmailMultiAlternatives):
    """A queued message as the delivery backend sees it: its MIME source goes out
    unchanged; subject, body, alternatives and attachments are read back from it for
    backends that look at them (the test outbox, the console)."""

    def __init__(self, *, source: bytes, from_email: str, recipients: list[str]):
        parsed = email.message_from_bytes(source, policy=email.policy.default)
        to = [address for _name, address in getaddresses(parsed.get_all("To", []))]
        cc = [address for _name, address in getaddresses(parsed.get_all("Cc", []))]
        reply_to = [address for _name, address in getaddresses(parsed.get_all("Reply-To", []))]
        listed = set(to) | set(cc)
        super().__init__(
            subject=_header(source, "Subject"),
            body=_content(parsed.get_body(preferencelist=("plain",))),
            from_email=from_email,
            to=to,
            cc=cc,
            bcc=[address for address in recipients if address not in listed],
            reply_to=reply_to,
        )
        html = parsed.get_body(preferencelist=("html",))
        if html is not None and html.get_content_type() == "text/html":
            self.attach_alternative(_content(html), "text/html")
        for part in parsed.iter_attachments():
            self.attach(part.get_filename(), part.get_content(), part.get_content_type())
        self._source = source
        self._recipients = list(recipients)

    def recipients(self):
        return list(self._recipients)

    def message(self, *args, **kwargs):
        return _Source(self._source)


class _Source:
    """The stored MIME message, written out with the line endings the backend asks for."""

    def __init__(self, source: bytes):
        self.parsed = email.message_from_bytes(source, policy=email.policy.compat32)

    def get_charset(self):
        # The console and file backends decode what they write with it.
        return self.parsed.get_charset()

    def as_bytes(self, unixfrom=False, linesep="\n"):
        return self.parsed.as_bytes(unixfrom, policy=self.parsed.policy.clone(linesep=linesep))

    def as_string(self, unixfrom=False, linesep="\n"):
        return self.as_bytes(unixfrom, linesep).decode("ascii", "surrogateescape")


def _header(source: bytes, name: str) -> str:
    # The legacy parser decodes an encoded word split over folded lines without the
    # space the folding adds.
    value = email.message_from_bytes(source, policy=email.policy.compat32).get(name, "")
    return str(make_header(decode_header(value)))


def _content(part) -> str:
    return part.get_content() if part is not None else ""
