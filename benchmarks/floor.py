"""The scale benchmark's floor (benchmarks/scale.py), in a module of its own so that a test
can mount it without the benchmark's other URLs (Wagtail API v3 needs its app installed)."""

from django.db.models import F, Subquery
from django.http import JsonResponse

from pact_pages.core.queries import _parent_path
from pact_pages.core.reader_links import source_language
from pact_pages.models import InitiativePage, SignatoryPage

COLUMNS = (
    "id",
    "title",
    "slug",
    "url_path",
    "summary",
    "status",
    "start_date",
    "end_date",
    "featured_image_id",
    "first_published_at",
    "last_published_at",
)


def floor_items(request):
    """The scale benchmark's floor (benchmarks/scale.py): one SQL query of what an item of
    ``/api/pact/v1/initiatives`` holds in columns (the page's, its language, its signatory's
    id, title and country through subqueries of the same statement), the same 100 rows;
    not the Ps, the tags and the links to translations, which need rows of other tables."""
    signatory = SignatoryPage.objects.filter(path=_parent_path())
    newest = InitiativePage.objects.filter(live=True, locale__language_code=source_language())
    newest = newest.order_by("-first_published_at", "-pk")
    # The 100 ids in a subquery of the same statement: SQLite's planner would otherwise
    # compute the signatory's subqueries for every row before sorting (a plan it picks at
    # 1,000 signatories and not at 10,000).
    rows = list(
        InitiativePage.objects.filter(pk__in=Subquery(newest.values("pk")[:100]))
        .order_by("-first_published_at", "-pk")
        .annotate(
            language=F("locale__language_code"),
            signatory_id=Subquery(signatory.values("pk")),
            signatory_title=Subquery(signatory.values("title")),
            signatory_country=Subquery(signatory.values("country")),
        )
        .values(*COLUMNS, "language", "signatory_id", "signatory_title", "signatory_country")
    )
    return JsonResponse({"results": rows})
