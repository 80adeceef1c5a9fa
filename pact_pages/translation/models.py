"""The translators of each locale: one group per locale (see :mod:`.translators`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LocaleTranslators(models.Model):
    """The group of people who translate into one locale."""

    locale = models.OneToOneField(
        "wagtailcore.Locale",
        verbose_name=_("locale"),
        on_delete=models.CASCADE,
        related_name="translators",
    )
    group = models.OneToOneField(
        "auth.Group", verbose_name=_("group"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("translators of a locale")
        verbose_name_plural = _("translators of locales")

    def __str__(self) -> str:
        return self.group.name
