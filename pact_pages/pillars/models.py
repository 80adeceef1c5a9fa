"""The four Ps of the Pact, as translatable data."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

PILLAR_SLUGS = ("prevention", "protection", "prosecution", "participation")

hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # followed by six hexadecimal digits.")
)


class PillarQuerySet(models.QuerySet):
    def in_order(self) -> "PillarQuerySet":
        return self.order_by("sort_order", "slug")


class Pillar(TranslatableMixin, index.Indexed, models.Model):
    """One of the four Ps (Prevention, Protection, Prosecution, Participation).

    The slug is stable across locales and releases: URLs, API filters and feeds use it.
    Each locale has its own row (wagtail-localize translates name and description).
    """

    slug = models.SlugField(
        _("slug"),
        max_length=40,
        help_text=_("Stable identifier used in addresses and the API; do not change it."),
    )
    name = models.CharField(_("name"), max_length=80)
    description = models.TextField(_("short description"), max_length=500)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        validators=[hex_colour],
        help_text=_("Badge colour, e.g. #1f6fb2. Keep a contrast of 4.5:1 with white text."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = PillarQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("colour")]

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
        SynchronizedField("colour"),
        SynchronizedField("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("description")]

    class Meta(TranslatableMixin.Meta):
        # Read in Wagtail's phrases: "4 Ps", "New: P", "Delete P" (not "4 the four Ps").
        verbose_name = _("P")
        verbose_name_plural = _("Ps")
        ordering = ["sort_order", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_pillar_slug_locale")
        ]

    def __str__(self) -> str:
        return self.name
