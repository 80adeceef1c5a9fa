"""CSV exports of signatories and initiatives, for Congress staff.

Both include drafts (with a ``live`` column) and, for signatories, the contact details
that only staff may see: Congress moderators and superusers may download them, nobody
else. Rows are streamed in batches with a fixed number of queries per batch, so that the
number of queries does not grow with the number of pages.
"""

import csv
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from django.db.models import Prefetch
from django.http import HttpResponseBadRequest, HttpResponseForbidden, StreamingHttpResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.models import Locale

from pact_pages.core.countries import country_name
from pact_pages.core.params import text_param
from pact_pages.initiatives.models import InitiativePage, InitiativePillar
from pact_pages.initiatives.queries import attach_signatories
from pact_pages.signatories.models import SignatoryPage
from pact_pages.signatories.queries import initiative_count_subquery
from pact_pages.staff.dashboard import can_view_staff_data

BATCH_SIZE = 500
# Cells starting with these are run as formulas by spreadsheets (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

SIGNATORY_COLUMNS = [
    "id",
    "title",
    "official_name",
    "type",
    "country",
    "country_name",
    "signed_on",
    "latitude",
    "longitude",
    "population",
    "website",
    "contact_person_staff_only",
    "contact_email_staff_only",
    "contact_shown_publicly",
    "live",
    "url",
    "live_initiatives",
]

INITIATIVE_COLUMNS = [
    "id",
    "title",
    "signatory",
    "country",
    "country_name",
    "pillars",
    "tags",
    "status",
    "start_date",
    "end_date",
    "first_published_at",
    "last_published_at",
    "live",
    "url",
]


class _Echo:
    """A file-like object whose write() returns the line: csv.writer then yields it."""

    def write(self, value: str) -> str:
        return value


def _text(value) -> str:
    """A text cell that a spreadsheet will show, not run as a formula."""
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def _value(value) -> str:
    """Numbers and dates as written by Python (ISO dates, "." as decimal separator)."""
    return "" if value is None else str(value)


def _datetime(value) -> str:
    """A date and time in the active time zone, ISO 8601 with its UTC offset."""
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


def _joined(values: Iterable[str]) -> str:
    return _text("|".join(values))


def _locale_or_none(request) -> Locale | None:
    code = text_param(request.GET, "locale")
    if not code:
        return Locale.get_default()
    return Locale.objects.filter(language_code=code).first()


def _refused(request):
    """None when ``request`` may download an export, else the response to send."""
    if not can_view_staff_data(request.user):
        # A plain 403: Wagtail would turn PermissionDenied into a redirect to the dashboard.
        return HttpResponseForbidden(
            _("Only Congress moderators may download these exports."),
            content_type="text/plain; charset=utf-8",
        )
    return None


def _unknown_locale():
    codes = Locale.objects.order_by("language_code").values_list("language_code", flat=True)
    return HttpResponseBadRequest(
        _("Unknown locale. Choose one of: %(codes)s.") % {"codes": ", ".join(codes)},
        content_type="text/plain; charset=utf-8",
    )


def _csv_response(
    name: str,
    locale: Locale,
    header: list[str],
    pages: Iterator,
    to_row: Callable,
    prepare: Callable | None = None,
) -> StreamingHttpResponse:
    """Streams ``header`` then one row per page, ``BATCH_SIZE`` pages at a time.

    The body is produced after the view has returned, once Wagtail has restored the
    language and time zone; the user's are captured here and applied to each batch.
    """
    language = translation.get_language()
    time_zone = timezone.get_current_timezone()
    writer = csv.writer(_Echo())

    def lines():
        # The byte order mark lets Excel read the file as UTF-8 (accents, Cyrillic).
        yield "\ufeff" + writer.writerow(header)
        while batch := list(islice(pages, BATCH_SIZE)):
            if prepare is not None:
                prepare(batch)
            with translation.override(language), timezone.override(time_zone):
                chunk = "".join(writer.writerow(to_row(page)) for page in batch)
            yield chunk

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    filename = f"pact-{name}-{locale.language_code}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"  # personal data: never cache
    return response


def export_signatories(request):
    if (refused := _refused(request)) is not None:
        return refused
    locale = _locale_or_none(request)
    if locale is None:
        return _unknown_locale()
    pages = (
        SignatoryPage.objects.filter(locale=locale)
        .select_related("locale")
        .defer("body")
        .annotate(live_initiative_count=initiative_count_subquery())
        .order_by("title", "pk")
    )

    def to_row(page: SignatoryPage) -> list:
        return [
            page.pk,
            _text(page.title),
            _text(page.official_name),
            page.get_signatory_type_display(),
            page.country,
            country_name(page.country),
            _value(page.signed_on),
            _value(page.latitude),
            _value(page.longitude),
            _value(page.population),
            _text(page.website),
            _text(page.contact_person),
            _text(page.contact_email),
            page.contact_public,
            page.live,
            page.get_full_url(request) or "",
            page.live_initiative_count,
        ]

    return _csv_response(
        "signatories",
        locale,
        SIGNATORY_COLUMNS,
        pages.iterator(chunk_size=BATCH_SIZE),
        to_row,
    )


def export_initiatives(request):
    if (refused := _refused(request)) is not None:
        return refused
    locale = _locale_or_none(request)
    if locale is None:
        return _unknown_locale()
    pillar_links = InitiativePillar.objects.select_related("pillar").order_by("sort_order", "pk")
    pages = (
        InitiativePage.objects.filter(locale=locale)
        .select_related("locale")
        .defer("body")
        .prefetch_related(Prefetch("pillar_links", queryset=pillar_links), "tagged_items__tag")
        .order_by("path")  # the tree's order: each signatory's initiatives together
    )

    def to_row(page: InitiativePage) -> list:
        signatory = page.signatory
        country = signatory.country if signatory else ""
        return [
            page.pk,
            _text(page.title),
            _text(signatory.title if signatory else ""),
            country,
            country_name(country) if country else "",
            _joined(link.pillar.slug for link in page.pillar_links.all()),
            _joined(sorted((item.tag.name for item in page.tagged_items.all()), key=str.casefold)),
            page.get_status_display(),
            _value(page.start_date),
            _value(page.end_date),
            _datetime(page.first_published_at),
            _datetime(page.last_published_at),
            page.live,
            page.get_full_url(request) or "",
        ]

    return _csv_response(
        "initiatives",
        locale,
        INITIATIVE_COLUMNS,
        pages.iterator(chunk_size=BATCH_SIZE),
        to_row,
        prepare=attach_signatories,  # the signatories of a batch, in one query
    )


def export_urls() -> list:
    return [
        path("pact/export/signatories.csv", export_signatories, name="pact_export_signatories"),
        path("pact/export/initiatives.csv", export_initiatives, name="pact_export_initiatives"),
    ]


class ExportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_staff_data(request.user)


def exports_menu_item() -> SubmenuMenuItem:
    """The "Exports" submenu: one item per CSV export, for Congress moderators only."""
    menu = Menu(
        items=[
            ExportMenuItem(
                gettext_lazy("Signatories (CSV)"),
                reverse("pact_export_signatories"),
                name="pact-export-signatories",
                icon_name="download",
                order=100,
            ),
            ExportMenuItem(
                gettext_lazy("Initiatives (CSV)"),
                reverse("pact_export_initiatives"),
                name="pact-export-initiatives",
                icon_name="download",
                order=200,
            ),
        ]
    )
    return SubmenuMenuItem(
        gettext_lazy("Exports"), menu, name="pact-exports", icon_name="download", order=330
    )
