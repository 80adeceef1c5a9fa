"""Reminders of the reporting rounds: what was sent (never twice) and who asked for none.

Both point at the first page of a translation group (``canonical``): a signatory and a
round are one thing in every language, so a reminder sent about the English round to the
French profile's editors is not sent again about the French round.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("Before the deadline")
    AFTER = "after", _("After the deadline")
    MANUAL = "manual", _("Sent by staff")


def canonical(page: Page) -> Page:
    """The first created page of ``page``'s translations (the one logs point at)."""
    first = (
        Page.objects.filter(translation_key=page.translation_key).order_by("pk").only("pk").first()
    )
    return page if first is None or first.pk == page.pk else first.specific


class ReminderLog(models.Model):
    """One reminder sent to a signatory's editors about one round.

    ``step`` tells the reminders of one kind apart: days before the deadline ("14", "3") for
    "before", "overdue" for "after", the day (ISO date) for "manual" (one a day). The unique
    constraint is what makes a reminder go out once, even when two runs overlap: the row is
    written before the mail is queued, and the second run's insert fails.
    """

    round = models.ForeignKey(
        "pact_pages.ReportingRoundPage",
        verbose_name=_("reporting round"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    signatory = models.ForeignKey(
        "pact_pages.SignatoryPage",
        verbose_name=_("signatory"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    step = models.CharField(_("step"), max_length=10, blank=True, default="")
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "signatory", "kind", "step"], name="unique_reminder_per_step"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round} – {self.signatory} – {self.get_kind_display()} {self.step}"


class ReminderStop(models.Model):
    """No more reminders for this signatory (asked by staff or by its own editors)."""

    signatory = models.OneToOneField(
        "pact_pages.SignatoryPage",
        verbose_name=_("signatory"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    stopped_at = models.DateTimeField(_("stopped at"), auto_now_add=True)
    stopped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("stopped by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("reminders stopped")
        verbose_name_plural = _("reminders stopped")

    def __str__(self) -> str:
        return str(self.signatory)
