"""The newsletter's subscribers (double opt-in); its public sign-up page is :mod:`.page`.

A subscriber row holds exactly what the privacy notice lists: the e-mail address, the
language, the Ps of interest, when consent was given and when the address was confirmed.
No IP address, no browser data, no token: the links in the mails are signed
(pact_pages.newsletter.subscriptions), so there is nothing to store for them.
"""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_content_languages

from pact_pages.core.email_addresses import normalise_email
from pact_pages.core.reader_links import source_language
from pact_pages.pillars.models import PILLAR_SLUGS

EXPORT_PERMISSION = "pact_pages.export_newslettersubscriber"


class NewsletterSubscriberQuerySet(models.QuerySet):
    def confirmed(self) -> "NewsletterSubscriberQuerySet":
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self) -> "NewsletterSubscriberQuerySet":
        return self.filter(confirmed_at__isnull=True)

    def for_email(self, email: str) -> "NewsletterSubscriberQuerySet":
        return self.filter(email=normalise_email(email))

    def interested_in(self, slug: str) -> "NewsletterSubscriberQuerySet":
        # Slugs are stored between commas (",prevention,protection,") so that one slug
        # never matches inside another.
        return self.filter(pillars__contains=f",{slug},")


class NewsletterSubscriber(models.Model):
    """One address that asked for the newsletter; confirmed once its owner followed the link."""

    email = models.EmailField(_("e-mail"), max_length=254, unique=True)
    language = models.CharField(_("language"), max_length=10, default=source_language)
    pillars = models.CharField(
        _("Ps of interest"),
        max_length=100,
        blank=True,
        help_text=_("Empty: all four Ps."),
    )
    consented_at = models.DateTimeField(_("consent given"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    objects = NewsletterSubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["-consented_at"]
        permissions = [("export_newslettersubscriber", _("Can export newsletter subscribers"))]

    def __str__(self) -> str:
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def pillar_slugs(self) -> list[str]:
        return [slug for slug in self.pillars.split(",") if slug]

    @pillar_slugs.setter
    def pillar_slugs(self, slugs) -> None:
        # Kept in the Pact's order, whatever order the form sent them in.
        chosen = [slug for slug in PILLAR_SLUGS if slug in set(slugs)]
        self.pillars = f",{','.join(chosen)}," if chosen else ""

    def pillars_display(self) -> str:
        return ", ".join(self.pillar_slugs) or gettext("all four")

    def get_language_display(self) -> str:
        return get_content_languages().get(self.language, self.language)
