"""Requests to join the Pact, and the access each approved signatory gets."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from pact_pages.core.countries import country_choices, country_name
from pact_pages.core.reader_links import source_language
from pact_pages.signatories.models import SignatoryType


class SignupStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class SignupRequest(index.Indexed, models.Model):
    """A request to sign the Pact, sent through the public "Join the Pact" form.

    Staff approve it (which creates the signatory page, account, group and collection)
    or reject it with a reason; the applicant is told by e-mail either way.
    """

    name = models.CharField(_("organisation or person"), max_length=200)
    signatory_type = models.CharField(
        _("type of signatory"), max_length=20, choices=SignatoryType.choices
    )
    country = models.CharField(_("country"), max_length=2, choices=country_choices)
    place = models.CharField(_("town or region"), max_length=200)
    contact_person = models.CharField(_("contact person"), max_length=200)
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=200)
    commitment_prevention = models.TextField(_("commitment to prevention"), blank=True)
    commitment_protection = models.TextField(_("commitment to protection"), blank=True)
    commitment_prosecution = models.TextField(_("commitment to prosecution"), blank=True)
    commitment_participation = models.TextField(_("commitment to participation"), blank=True)
    accepted_pact = models.BooleanField(_("accepted the Pact"), default=False)
    accepted_privacy = models.BooleanField(_("accepted the privacy notice"), default=False)
    language = models.CharField(_("language"), max_length=10, default=source_language)

    status = models.CharField(
        _("status"), max_length=10, choices=SignupStatus.choices, default=SignupStatus.PENDING
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signatory = models.ForeignKey(
        "pact_pages.SignatoryPage",
        verbose_name=_("signatory page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = [
        index.SearchField("name"),
        index.SearchField("place"),
        index.SearchField("contact_person"),
        index.AutocompleteField("name"),
        index.FilterField("status"),
        index.FilterField("country"),
        index.FilterField("signatory_type"),
    ]

    class Meta:
        verbose_name = _("sign-up request")
        verbose_name_plural = _("sign-up requests")
        ordering = ["-created_at"]
        permissions = [("review_signuprequest", _("Can approve or reject sign-up requests"))]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_country_display()})"

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    @property
    def is_pending(self) -> bool:
        return self.status == SignupStatus.PENDING
