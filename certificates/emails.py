"""The email telling a learner their certificate is ready: in the certificate's language
(the learner's, as chosen when it was issued), plain text and HTML, with the addresses of
their certificate page, its PDF and its public verification page."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from certificates import links
from certificates.models import Certificate
from cms.direction import isolate
from courses.selectors import localized_courses


def send_certificate_email(certificate_id: int) -> None:
    """Compose the email as the certificate stands now and queue it (background.mail: the
    outbox retries a mail server failure). Runs in the worker."""
    certificate = (
        Certificate.objects.select_related(
            "enrollment__user", "enrollment__session__course", "enrollment__session__site"
        )
        .filter(pk=certificate_id)
        .first()
    )
    if certificate is None or certificate.is_revoked:
        return
    if not certificate.enrollment.user.is_active:
        # Erased since (privacy.services): there is no address to write to.
        return
    with translation.override(certificate.language):
        message = compose(certificate)
    message.send()


def compose(certificate: Certificate) -> EmailMultiAlternatives:
    """The email in the active language."""
    language = translation.get_language()
    enrollment = certificate.enrollment
    session = enrollment.session
    course = localized_courses([session], language)[session.course.translation_key]
    kwargs = {"enrollment_id": enrollment.pk}
    context = {
        "certificate": certificate,
        "course": course,
        "lead": _("Your certificate for %(course)s is ready.") % {"course": isolate(course.title)},
        "certificate_url": links.absolute(
            certificate.issuer_url, reverse("certificates:enrollment", kwargs=kwargs)
        ),
        "pdf_url": links.absolute(
            certificate.issuer_url, reverse("certificates:pdf", kwargs=kwargs)
        ),
        "verification_url": links.verification_url(certificate, language),
        "name_to_confirm": certificate.name_confirmed_at is None,
        "platform_name": settings.WAGTAIL_SITE_NAME,
    }
    message = EmailMultiAlternatives(
        subject=_("Your certificate is ready: %(course)s") % {"course": isolate(course.title)},
        body=render_to_string("certificates/emails/issued.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[enrollment.user.email],
    )
    message.attach_alternative(
        render_to_string("certificates/emails/issued.html", context), "text/html"
    )
    return message
