"""Initiative stories: what a signatory does, framed by the four Ps."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from rest_framework import serializers as drf_serializers
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from pact_pages.core.blocks import StoryStreamBlock
from pact_pages.core.fallbacks import reader_locale, stands_in_for_live_source
from pact_pages.core.share_links import share_links
from pact_pages.core.templating import BaseTemplateMixin
from pact_pages.initiatives import listing
from pact_pages.initiatives.children import (
    PREVIEW_MODE,
    ChildrenVersionField,
    children_context,
    children_panel,
    children_requested,
)
from pact_pages.initiatives.queries import library_for
from pact_pages.pillars.models import Pillar
from pact_pages.pillars.queries import pillars_by_slug


class InitiativeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


class InitiativePageTag(TaggedItemBase):
    """Free tags of initiatives (django-taggit through model, as in bakerydemo)."""

    content_object = ParentalKey(
        "pact_pages.InitiativePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class InitiativePillar(TranslatableMixin, Orderable):
    """Links an initiative to one of the four Ps.

    An inline child rather than a many-to-many field: wagtail-localize re-points a
    translatable child's foreign key at the translated P, which it does not do for M2M.
    """

    page = ParentalKey(
        "pact_pages.InitiativePage", related_name="pillar_links", on_delete=models.CASCADE
    )
    pillar = models.ForeignKey(
        "pact_pages.Pillar", verbose_name=_("P"), on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("pillar")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("P of the initiative")
        verbose_name_plural = _("Ps of the initiative")

    def __str__(self) -> str:
        return str(self.pillar)


class InitiativePageForm(WagtailAdminPageForm):
    """Offers the Ps of the page's own locale; requires at least one P, each at most once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get("pillar_links")
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        if formset is not None and locale_id:
            _limit_pillar_choices(formset, Pillar.objects.filter(locale_id=locale_id).in_order())

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("pillar_links")
        if formset is None or not formset.is_valid():
            return cleaned_data
        chosen = [
            form.cleaned_data["pillar"].translation_key
            for form in formset.forms
            if form.cleaned_data.get("pillar") and not form.cleaned_data.get("DELETE")
        ]
        if not chosen:
            self.add_error(None, _("Choose at least one of the four Ps for this initiative."))
        elif len(chosen) != len(set(chosen)):
            self.add_error(None, _("Each P can be chosen only once."))
        return cleaned_data


def _limit_pillar_choices(formset, queryset) -> None:
    # Django builds every form of a formset, the empty template form included, through
    # add_fields(); hooking it there is the one place that covers them all.
    original_add_fields = formset.add_fields

    def add_fields(form, index):
        original_add_fields(form, index)
        form.fields["pillar"].queryset = queryset

    formset.add_fields = add_fields


class PillarLinksField(drf_serializers.Field):
    """The initiative's Ps in Wagtail API v2 (``pillars``): slug, name and colour of each."""

    def __init__(self, **kwargs):
        super().__init__(source="pillar_links", read_only=True, **kwargs)

    def to_representation(self, links) -> list[dict]:
        return [
            {"slug": link.pillar.slug, "name": link.pillar.name, "colour": link.pillar.colour}
            for link in links.all()
        ]


class InitiativePage(BaseTemplateMixin, Page):
    """A story of one initiative of a signatory, tagged by the four Ps and free tags."""

    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences shown on cards and feeds.")
    )
    body = StreamField(StoryStreamBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=InitiativePageTag, blank=True, verbose_name=_("tags"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.ONGOING,
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    target_groups = models.TextField(_("target groups"), max_length=500, blank=True)
    partners = models.TextField(_("partners"), max_length=1000, blank=True)
    results = models.TextField(_("results"), max_length=2000, blank=True)
    featured_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("featured image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The version for children (pact_pages.initiatives.children): optional, translatable.
    children_summary = models.TextField(
        _("summary for children"),
        blank=True,
        help_text=_("What the initiative is about, in a few short sentences for children."),
    )
    children_meaning = models.TextField(
        _("what it means for a child"),
        blank=True,
        help_text=_("What changes for a child: who they can talk to, what they can do."),
    )
    children_helpline = models.CharField(
        _("helpline"),
        max_length=100,
        blank=True,
        help_text=_("Where a child can get help, for example 116 111."),
    )
    children_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("picture for children"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    base_form_class = InitiativePageForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        InlinePanel("pillar_links", label=_("The four Ps"), min_num=1, max_num=4),
        FieldPanel("tags"),
        FieldPanel("featured_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("target_groups"),
                FieldPanel("partners"),
                FieldPanel("results"),
            ],
            heading=_("Facts"),
        ),
        children_panel(),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("target_groups"),
        index.SearchField("partners"),
        index.SearchField("results"),
        index.SearchField("children_summary"),
        index.SearchField("children_meaning"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("status"),
    ]

    override_translatable_fields = [
        SynchronizedField("status"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("featured_image"),
        SynchronizedField("children_image"),
    ]

    # Wagtail API v2 (/api/v2/).
    api_fields = [
        APIField("summary"),
        APIField("pillars", serializer=PillarLinksField()),
        APIField("body"),
        APIField("tags"),
        APIField("status"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("target_groups"),
        APIField("partners"),
        APIField("results"),
        APIField("featured_image"),
        APIField("for_children", serializer=ChildrenVersionField()),
    ]

    # The children's helpline is a public number on purpose (pact_pages.safeguarding.page_scan).
    safeguarding_public_fields = ("children_helpline",)

    parent_page_types = ["pact_pages.SignatoryPage"]
    subpage_types: list[str] = []
    template = "pact_pages/initiative_page.html"

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    @property
    def has_children_version(self) -> bool:
        return bool(self.children_summary and self.children_summary.strip())

    @property
    def preview_modes(self) -> list[tuple[str, str]]:
        return [("", _("Standard")), (PREVIEW_MODE, _("For children"))]

    def serve_preview(self, request, mode_name):
        request.pact_children_preview = mode_name == PREVIEW_MODE
        return super().serve_preview(request, "")

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

    def serve(self, request, *args, **kwargs):
        # Wagtail would serve a live initiative whose signatory was unpublished.
        parent = self.get_parent()  # cached by treebeard: get_context uses it too
        shown = Page.objects.filter(pk=parent.pk).filter(stands_in_for_live_source())
        if not parent.live and not shown.exists():
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_template(self, request, *args, **kwargs):
        if self.has_children_version and children_requested(request):
            return "pact_pages/initiative_children_page.html"
        return super().get_template(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(children_context(self, request))
        parent = self.get_parent()
        context["signatory"] = parent.specific if parent else None
        pillars = pillars_by_slug(self.locale)
        links = list(self.pillar_links.select_related("pillar"))
        context["pillars"] = [pillars.get(link.pillar.slug, link.pillar) for link in links]
        context["library"] = library_for(self)
        context["tags"] = tags = list(self.tags.all())
        context["related"] = listing.related(
            self,
            reader_locale(self),
            pillar_slugs=[link.pillar.slug for link in links],
            tag_slugs=[tag.slug for tag in tags],
        )
        context["share_links"] = share_links(request.build_absolute_uri(request.path), self.title)
        return context

    @classmethod
    def listed_under(cls, signatory: Page, locale) -> list:
        """The published initiatives under ``signatory`` (any of its translations), for its
        profile: the signatory page reaches them through this model, looked up by name."""
        return listing.of_signatory(signatory, locale)
