"""The log of the safeguarding check: each finding a moderator ticked before approving."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SafeguardingCheck(models.Model):
    """A moderator ticked a finding as checked before approving the page: the passage stays
    published as written, on their word."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("revision"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)
    finding_key = models.CharField(_("finding"), max_length=64)
    kind = models.CharField(_("kind"), max_length=20)
    field = models.CharField(_("field"), max_length=255)
    passage = models.TextField(_("passage"))

    class Meta:
        verbose_name = _("safeguarding check")
        verbose_name_plural = _("safeguarding checks")
        ordering = ["-checked_at", "-pk"]
        indexes = [models.Index(fields=["page", "finding_key"], name="pact_sgcheck_page_key")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.passage}"
