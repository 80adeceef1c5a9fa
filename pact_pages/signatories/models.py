"""Signatory profiles, the directory that holds them, and who may edit each signatory."""

import datetime

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from pact_pages.conf import pact_setting
from pact_pages.core.blocks import RICH_TEXT_FEATURES, StoryStreamBlock
from pact_pages.core.collation import search_text
from pact_pages.core.countries import country_choices, country_name
from pact_pages.core.fallbacks import reader_locale
from pact_pages.core.geo_fields import latitude_field, longitude_field, point_errors
from pact_pages.core.layout_cache import locales
from pact_pages.core.params import text_param
from pact_pages.core.templating import BaseTemplateMixin
from pact_pages.pillars.models import PILLAR_SLUGS, Pillar
from pact_pages.pillars.queries import pillars_by_slug, pillars_in_order
from pact_pages.signatories.contact import ContactFieldPanel, SignatoryPageForm
from pact_pages.signatories.listing import IndexedSignatories, listable, under, with_words
from pact_pages.signatories.queries import with_any_pillar_bit, with_report_in_last_round


class SignatoryType(models.TextChoices):
    TOWN = "town", _("Town or municipality")
    REGION = "region", _("Region")
    ASSOCIATION = "association", _("Association of local or regional authorities")
    REPRESENTATIVE = "representative", _("Elected representative")
    ORGANISATION = "organisation", _("Other organisation")


def signatory_search_key(title: str, official_name: str) -> str:
    """What the directory's search reads: both names, normalised (see ``search_text``)."""
    return search_text(f"{title} {official_name}")


# The kinds counted as "cities and regions" on the home page, as on the campaign site.
TERRITORIAL_TYPES = (SignatoryType.TOWN, SignatoryType.REGION)


class SignatoryIndexPage(BaseTemplateMixin, Page):
    """The directory of signatories; signatory pages live under it."""

    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    subpage_types = ["pact_pages.SignatoryPage"]
    max_count_per_parent = 1
    template = "pact_pages/signatory_index_page.html"

    class Meta:
        verbose_name = _("signatory directory")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        country = text_param(request.GET, "country")
        signatory_type = text_param(request.GET, "type")
        text = text_param(request.GET, "q")
        locale = reader_locale(self)  # the reader's, when the directory is not translated
        # The Ps as the map and the API filter them: a commitment or a published initiative
        # under one of the chosen Ps (unknown values are ignored).
        chosen = tuple(dict.fromkeys(p for p in request.GET.getlist("pillar") if p in PILLAR_SLUGS))
        entries = under(listable(locale), self)
        # A plain filter rather than the search index, so the listing keeps its order.
        entries = with_words(entries, text)
        if country:
            entries = entries.filter(country=country)
        if signatory_type:
            entries = entries.filter(signatory_type=signatory_type)
        if chosen:
            entries = with_any_pillar_bit(entries, list(chosen))
        # "Reported in the last round" (issue 20): one subquery, whatever the number of rows.
        reported = request.GET.get("reported") == "1"
        if reported:
            entries = with_report_in_last_round(entries)
        signatories = IndexedSignatories(entries, locale.language_code)
        pillars = pillars_in_order(locale)
        paginator = Paginator(signatories, pact_setting("PACT_SIGNATORIES_PER_PAGE"))
        context.update(
            page_obj=paginator.get_page(request.GET.get("page")),
            paginator=paginator,
            countries=country_choices(),
            signatory_types=SignatoryType.choices,
            selected_country=country,
            selected_type=signatory_type,
            selected_text=text,
            pillars=pillars,
            selected_pillars=chosen,
            selected_reported=reported,
        )
        return context


class SignatoryPage(BaseTemplateMixin, Page):
    """The profile of one signatory of the Pact: a town, region, association or person.

    Its initiatives are its child pages; its editors (issue: per-signatory permissions)
    get rights on this subtree only.
    """

    signatory_type = models.CharField(
        _("type of signatory"), max_length=20, choices=SignatoryType.choices
    )
    country = models.CharField(_("country"), max_length=2, choices=country_choices)
    official_name = models.CharField(
        _("official name"),
        max_length=255,
        help_text=_("The name in the official language, e.g. Ville de Strasbourg."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    introduction = models.TextField(
        _("introduction"),
        max_length=800,
        blank=True,
        help_text=_("Two or three sentences shown in the directory and at the top of the page."),
    )
    body = StreamField(StoryStreamBlock(), verbose_name=_("body"), blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_public = models.BooleanField(
        _("show contact details publicly"),
        default=False,
        help_text=_("Unless ticked, the contact person and e-mail are only seen by staff."),
    )
    signed_on = models.DateField(_("date the Pact was signed"), default=datetime.date.today)
    commitment_prevention = models.TextField(_("commitment to prevention"), blank=True)
    commitment_protection = models.TextField(_("commitment to protection"), blank=True)
    commitment_prosecution = models.TextField(_("commitment to prosecution"), blank=True)
    commitment_participation = models.TextField(_("commitment to participation"), blank=True)
    # The names as the directory's search matches them (pact_pages.core.collation): kept in
    # step by save(), which every path takes (editor, revision publish, translation sync).
    search_key = models.TextField(editable=False, blank=True, default="", db_default="")

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("official_name"),
                FieldRowPanel([FieldPanel("signatory_type"), FieldPanel("country")]),
                FieldPanel("signed_on"),
                FieldPanel("logo"),
            ],
            heading=_("Signatory"),
        ),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("commitment_prevention"),
                FieldPanel("commitment_protection"),
                FieldPanel("commitment_prosecution"),
                FieldPanel("commitment_participation"),
            ],
            heading=_("Commitments under the four Ps"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("population"),
                FieldPanel("website"),
            ],
            heading=_("Place"),
        ),
        MultiFieldPanel(
            [
                ContactFieldPanel("contact_person"),
                ContactFieldPanel("contact_email"),
                ContactFieldPanel("contact_public"),
            ],
            heading=_("Contact"),
        ),
    ]
    # Contact details: for the signatory's editors and staff only (not translators).
    base_form_class = SignatoryPageForm

    # Contact details are deliberately not indexed: search must never reveal them.
    search_fields = Page.search_fields + [
        index.SearchField("official_name"),
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.SearchField("commitment_prevention"),
        index.SearchField("commitment_protection"),
        index.SearchField("commitment_prosecution"),
        index.SearchField("commitment_participation"),
        index.FilterField("country"),
        index.FilterField("signatory_type"),
        index.FilterField("signed_on"),
    ]

    # Facts about the signatory are the same in every language; wagtail-localize must
    # not offer them for translation (it would offer "FR" as a string to translate).
    override_translatable_fields = [
        SynchronizedField("signatory_type"),
        SynchronizedField("country"),
        SynchronizedField("official_name"),
        SynchronizedField("logo"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("population"),
        SynchronizedField("website"),
        # Copied from the source, never offered to translators to read or override.
        SynchronizedField("contact_person", overridable=False),
        SynchronizedField("contact_email", overridable=False),
        SynchronizedField("contact_public", overridable=False),
        SynchronizedField("signed_on"),
    ]

    # Wagtail API v2 (/api/v2/). Never contact_person/contact_email: public_contact is empty
    # unless the signatory chose to publish them.
    api_fields = [
        APIField("official_name"),
        APIField("signatory_type"),
        APIField("country"),
        APIField("signed_on"),
        APIField("logo"),
        APIField("introduction"),
        APIField("body"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("population"),
        APIField("website"),
        APIField("commitment_prevention"),
        APIField("commitment_protection"),
        APIField("commitment_prosecution"),
        APIField("commitment_participation"),
        APIField("public_contact"),
    ]

    parent_page_types = ["pact_pages.SignatoryIndexPage"]
    subpage_types = [
        "pact_pages.InitiativePage",
        "pact_pages.EventPage",
        "pact_pages.ActionPlanPage",
        "pact_pages.ProgressReportPage",
    ]
    template = "pact_pages/signatory_page.html"

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def clean(self) -> None:
        super().clean()
        errors = {}
        errors.update(point_errors(self.latitude, self.longitude))
        if self.signed_on and self.signed_on > datetime.date.today():
            errors["signed_on"] = _("The date of signature cannot be in the future.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.search_key = signatory_search_key(self.title, self.official_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"title", "official_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_key"}
        return super().save(*args, **kwargs)

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    @property
    def public_contact(self) -> dict[str, str] | None:
        """The contact details a reader may see, or None unless the signatory opted in."""
        if not self.contact_public or not (self.contact_person or self.contact_email):
            return None
        return {"person": self.contact_person, "email": self.contact_email}

    def commitments(self) -> list[tuple[Pillar, str]]:
        """(P, statement) for each P the signatory wrote a commitment for."""
        pillars = pillars_by_slug(locales().get(self.locale_id) or self.locale)
        return [
            (pillars[slug], text)
            for slug in PILLAR_SLUGS
            if (text := getattr(self, f"commitment_{slug}")) and slug in pillars
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["commitments"] = self.commitments()
        locale = reader_locale(self)
        # Initiatives sit above signatories (they import this module): their model by name.
        initiatives = apps.get_model("pact_pages", "InitiativePage")
        context["initiatives"] = initiatives.listed_under(self, locale)
        return context


class SignatoryAccess(models.Model):
    """Who may edit one signatory: its group and media collection, in every locale.

    Keyed by the signatory's translation key, so that every translation of the page
    (each locale has its own page tree) is covered by the same group.
    """

    translation_key = models.UUIDField(_("signatory"), unique=True)
    group = models.OneToOneField(
        "auth.Group", verbose_name=_("group"), on_delete=models.CASCADE, related_name="+"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("media collection"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    can_publish = models.BooleanField(
        _("may publish without moderation"),
        default=False,
        help_text=_("Trusted signatories publish directly; others submit to the moderators."),
    )

    class Meta:
        verbose_name = _("signatory access")
        verbose_name_plural = _("signatory access")

    def __str__(self) -> str:
        return self.group.name
