"""Admin for newsletter subscribers: a filtered listing and a CSV export of confirmed ones.

Addresses come from the public form only: nobody adds or edits one here (that would skip
the owner's confirmation). Seeing the list takes the dedicated "view newsletter subscriber"
permission, deleting one (e.g. on request) the "delete" permission, downloading the CSV
the "export" permission; Congress moderators have all three (pact_pages.moderation.workflow).
"""

import csv
from itertools import islice

import django_filters
from django.http import HttpResponseForbidden, StreamingHttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.coreutils import get_content_languages

from pact_pages.core.reader_links import source_language
from pact_pages.newsletter.models import EXPORT_PERMISSION, NewsletterSubscriber
from pact_pages.onboarding.admin import RestrictedPermissionPolicy
from pact_pages.pillars.models import PILLAR_SLUGS, Pillar
from pact_pages.staff.exports import BATCH_SIZE, _datetime, _Echo, _text

EXPORT_COLUMNS = ["email", "language", "pillars", "consented_at", "confirmed_at"]


class SubscriberPermissionPolicy(RestrictedPermissionPolicy):
    denied_actions = frozenset({"add", "change"})


def _pillar_choices() -> list[tuple[str, str]]:
    names = dict(
        Pillar.objects.filter(locale__language_code=source_language()).values_list("slug", "name")
    )
    return [(slug, names.get(slug, slug)) for slug in PILLAR_SLUGS]


class SubscriberFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=gettext_lazy("Language"), choices=lambda: list(get_content_languages().items())
    )
    pillar = django_filters.ChoiceFilter(
        label=gettext_lazy("P of interest"), choices=_pillar_choices, method="filter_pillar"
    )
    confirmed = django_filters.BooleanFilter(
        label=gettext_lazy("Confirmed"), method="filter_confirmed"
    )

    class Meta:
        model = NewsletterSubscriber
        fields: list[str] = []

    def filter_pillar(self, queryset, name, value):
        # Someone who ticked no P hears about all four: they count for every P.
        return queryset.interested_in(value) | queryset.filter(pillars="")

    def filter_confirmed(self, queryset, name, value):
        return queryset.filter(confirmed_at__isnull=not value)


class SubscriberIndexView(IndexView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.request.user.has_perm(EXPORT_PERMISSION):
            buttons.append(
                HeaderButton(
                    _("Download confirmed subscribers (CSV)"),
                    url=reverse("pact_newsletter:export"),
                    icon_name="download",
                )
            )
        return buttons


def export_subscribers(request):
    """Confirmed subscribers as CSV, streamed in batches (a fixed number of queries each)."""
    if not request.user.has_perm(EXPORT_PERMISSION):
        # A plain 403: Wagtail would turn PermissionDenied into a redirect to the dashboard.
        return HttpResponseForbidden(
            _("You may not download the newsletter subscribers."),
            content_type="text/plain; charset=utf-8",
        )
    subscribers = (
        NewsletterSubscriber.objects.confirmed()
        .order_by("confirmed_at", "pk")
        .iterator(chunk_size=BATCH_SIZE)
    )
    time_zone = timezone.get_current_timezone()
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow(EXPORT_COLUMNS)  # Excel reads it as UTF-8
        while batch := list(islice(subscribers, BATCH_SIZE)):
            with timezone.override(time_zone):
                yield "".join(
                    writer.writerow(
                        [
                            _text(subscriber.email),
                            subscriber.language,
                            "|".join(subscriber.pillar_slugs),
                            _datetime(subscriber.consented_at),
                            _datetime(subscriber.confirmed_at),
                        ]
                    )
                    for subscriber in batch
                )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    filename = f"pact-newsletter-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"  # personal data: never cache
    return response


class NewsletterSubscriberViewSet(ModelViewSet):
    model = NewsletterSubscriber
    icon = "mail"
    menu_label = gettext_lazy("Newsletter subscribers")
    menu_order = 315
    add_to_admin_menu = True
    url_prefix = "pact/newsletter"
    name = "pact_newsletter"
    index_view_class = SubscriberIndexView
    list_display = [
        Column("email", label=gettext_lazy("E-mail")),
        Column("get_language_display", label=gettext_lazy("Language")),
        Column("pillars_display", label=gettext_lazy("Ps of interest")),
        DateColumn("consented_at", label=gettext_lazy("Consent given")),
        DateColumn("confirmed_at", label=gettext_lazy("Confirmed")),
    ]
    filterset_class = SubscriberFilterSet
    search_fields = ["email"]
    search_backend_name = None  # not in the search index: plain "contains" on the address
    ordering = ["-consented_at"]
    form_fields = ["language"]  # never used: add and change are refused

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("export.csv", export_subscribers, name="export"),
        ]
