"""The map point's two fields, shared by the page types on the map (signatories, events)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def _degrees_field(verbose_name, bound: int, help_text) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-bound)), MaxValueValidator(Decimal(bound))],
        help_text=help_text,
    )


def latitude_field() -> models.DecimalField:
    return _degrees_field(_("latitude"), 90, _("Between -90 and 90, e.g. 48.5734 for Strasbourg."))


def longitude_field() -> models.DecimalField:
    return _degrees_field(
        _("longitude"), 180, _("Between -180 and 180, e.g. 7.7521 for Strasbourg.")
    )


def point_errors(latitude, longitude) -> dict[str, str]:
    """The form error when only one of the two is given (``{}`` when both or neither)."""
    if (latitude is None) == (longitude is None):
        return {}
    message = _("Give both latitude and longitude, or neither.")
    return {"latitude" if latitude is None else "longitude": message}
