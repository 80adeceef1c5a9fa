"""Event pages: a training, a conference, an awareness day, in person or online.

A signatory publishes them under its own page (its editors' rights, the moderation and the
translations of initiatives apply as they are); the Congress staff publish them under the
site-wide calendar (:mod:`.calendar`), where signatory editors have no rights.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from pact_pages.core.blocks import StoryStreamBlock
from pact_pages.core.fallbacks import stands_in_for_live_source
from pact_pages.core.geo_fields import latitude_field, longitude_field, point_errors
from pact_pages.core.templating import BaseTemplateMixin
from pact_pages.events import zones
from pact_pages.events.forms import EventPageForm
from pact_pages.events.page_context import event_context


class Attendance(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")


def default_event_languages() -> list[str]:
    return []


def validate_time_zone(value: str) -> None:
    if not zones.is_valid_zone(value):
        raise ValidationError(_("Choose a time zone from the list (e.g. Europe/Paris)."))


class EventPageTag(TaggedItemBase):
    """Free tags of events (the same tags as initiatives use, through their own table)."""

    content_object = ParentalKey(
        "pact_pages.EventPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class EventPillar(TranslatableMixin, Orderable):
    """Links an event to one of the four Ps; an inline child, as for initiatives, so that
    wagtail-localize re-points it at the translated P."""

    page = ParentalKey(
        "pact_pages.EventPage", related_name="pillar_links", on_delete=models.CASCADE
    )
    pillar = models.ForeignKey(
        "pact_pages.Pillar", verbose_name=_("P"), on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("pillar")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("P of the event")
        verbose_name_plural = _("Ps of the event")

    def __str__(self) -> str:
        return str(self.pillar)


class EventPage(BaseTemplateMixin, Page):
    """One event with its own time zone: start and end are stored in UTC, entered and shown
    in the event's zone (for all-day events, the local midnight of the first and last day)."""

    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences shown in the calendar.")
    )
    body = StreamField(StoryStreamBlock(), verbose_name=_("body"), blank=True)
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"), db_index=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=zones.default_time_zone,
        validators=[validate_time_zone],
        help_text=_("The zone of the place (or of the organisers, online)."),
    )
    all_day = models.BooleanField(_("all day"), default=False)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.IN_PERSON
    )
    address = models.TextField(_("address"), max_length=500, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    online_url = models.URLField(_("link to join online"), blank=True)
    event_languages = models.JSONField(
        _("languages of the event"), default=default_event_languages, blank=True
    )
    tags = ClusterTaggableManager(through=EventPageTag, blank=True, verbose_name=_("tags"))
    registration_url = models.URLField(_("registration link"), blank=True)
    initiative = models.ForeignKey(
        "pact_pages.InitiativePage",
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The initiative this event belongs to, if any."),
    )

    base_form_class = EventPageForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("all_day"),
                FieldPanel("start"),
                FieldPanel("end"),
                FieldPanel("time_zone"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        FieldPanel("event_languages"),
        InlinePanel("pillar_links", label=_("The four Ps"), max_num=4),
        FieldPanel("tags"),
        FieldPanel("registration_url"),
        FieldPanel("initiative"),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("address"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("start"),
        index.FilterField("attendance"),
    ]

    # The same instants, place and links in every language; texts and the address translate.
    override_translatable_fields = [
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("time_zone"),
        SynchronizedField("all_day"),
        SynchronizedField("attendance"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("online_url"),
        SynchronizedField("event_languages"),
        SynchronizedField("registration_url"),
        # The source initiative; pages link it in the reader's language.
        SynchronizedField("initiative"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("body"),
        APIField("start"),
        APIField("end"),
        APIField("time_zone"),
        APIField("all_day"),
        APIField("attendance"),
        APIField("address"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("online_url"),
        APIField("event_languages"),
        APIField("tags"),
        APIField("registration_url"),
    ]

    parent_page_types = ["pact_pages.SignatoryPage", "pact_pages.CalendarPage"]
    subpage_types: list[str] = []
    template = "pact_pages/event_page.html"

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end cannot be before the start.")
        if self.attendance in (Attendance.ONLINE, Attendance.HYBRID) and not self.online_url:
            errors["online_url"] = _("An online event needs the link to join it.")
        if self.attendance in (Attendance.IN_PERSON, Attendance.HYBRID) and not self.address:
            errors["address"] = _("An event in person needs an address.")
        errors.update(point_errors(self.latitude, self.longitude))
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.all_day and self.start and self.end:
            # Whole days: the local midnights of the first and last day, whatever was given.
            tz = zones.zone(self.time_zone)
            for name in ("start", "end"):
                day = getattr(self, name).astimezone(tz).date()
                setattr(self, name, datetime.datetime.combine(day, datetime.time(), tz))
        self.__dict__.pop("local_start", None)
        self.__dict__.pop("local_end", None)
        return super().save(*args, **kwargs)

    @property
    def zone(self):
        return zones.zone(self.time_zone)

    @cached_property
    def local_start(self) -> datetime.datetime:
        """The start in the event's own zone."""
        return self.start.astimezone(self.zone)

    @cached_property
    def local_end(self) -> datetime.datetime:
        return self.end.astimezone(self.zone)

    @property
    def first_day(self) -> datetime.date:
        return self.local_start.date()

    @property
    def last_day(self) -> datetime.date:
        """The last day the event takes place on (an end at midnight ends the day before)."""
        end = self.local_end
        if not self.all_day and end.time() == datetime.time() and end > self.local_start:
            return end.date() - datetime.timedelta(days=1)
        return end.date()

    @property
    def is_online(self) -> bool:
        return self.attendance in (Attendance.ONLINE, Attendance.HYBRID)

    @property
    def is_in_person(self) -> bool:
        return self.attendance in (Attendance.IN_PERSON, Attendance.HYBRID)

    @property
    def signatory(self):
        """The SignatoryPage this event is published under, or None (the calendar's).

        Listings set it for a whole page of results at once (``queries.decorate``)."""
        if "_signatory" not in self.__dict__:
            parent = self.get_parent()
            parent = parent.specific if parent is not None else None
            is_signatory = parent is not None and parent._meta.model_name == "signatorypage"
            self.__dict__["_signatory"] = parent if is_signatory else None
        return self.__dict__["_signatory"]

    @signatory.setter
    def signatory(self, value) -> None:
        self.__dict__["_signatory"] = value

    def serve(self, request, *args, **kwargs):
        # Wagtail would serve a live event whose signatory (or calendar) was unpublished.
        parent = self.get_parent()
        shown = Page.objects.filter(pk=parent.pk).filter(stands_in_for_live_source())
        if not parent.live and not shown.exists():
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(self, request))
        return context
