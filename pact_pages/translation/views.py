"""The translation work list (admin "Translations") and its "Update from the source" action.

Translators cannot browse the source language's tree, so this is where their day starts:
for each of their locales, the live pages still to translate ("Translate" opens
wagtail-localize's screen), the translations whose source changed ("Update from the
source": a draft, never a live change), and their translations in progress or with the
moderators, with the moderator's comment when changes were requested.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe
from wagtail.admin.menu import MenuItem
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from pact_pages.core.params import text_param
from pact_pages.translation import worklist
from pact_pages.translation.publish import save_draft
from pact_pages.translation.rules import may_work_on, source_is_live, translation_record
from pact_pages.translation.translators import ALL_LOCALES_PERMISSION, translator_locales

PER_PAGE = 25
TRANSLATE_PERMISSION = "wagtail_localize.submit_translation"


@dataclass(frozen=True)
class Tab:
    key: str
    label: str
    count: str  # "1000+" beyond worklist.COUNT_CAP
    current: bool


class CappedPaginator(Paginator):
    """Pages through the first ``COUNT_CAP`` rows with the count already made for the tab
    (narrowing the filters reaches the others)."""

    def __init__(self, queryset, per_page: int, count: int):
        super().__init__(queryset[: worklist.COUNT_CAP], per_page)
        self._known_count = min(count, worklist.COUNT_CAP)

    @property
    def count(self) -> int:
        return self._known_count


TABS = {
    "missing": gettext_lazy("To translate"),
    "outdated": gettext_lazy("Out of date"),
    "progress": gettext_lazy("In progress and in moderation"),
}
KINDS = {
    "": gettext_lazy("All pages"),
    "signatory": gettext_lazy("Signatories"),
    "initiative": gettext_lazy("Initiatives"),
    "event": gettext_lazy("Events"),
    "follow_up": gettext_lazy("Action plans and reports"),
    "other": gettext_lazy("Other pages"),
}


def may_use_work_list(user) -> bool:
    return user.has_perm(TRANSLATE_PERMISSION) or user.has_perm(ALL_LOCALES_PERMISSION)


def work_locales(user) -> list[Locale]:
    """The locales whose work ``user`` sees: a translator's own, everyone else's all but the
    source language."""
    if not may_use_work_list(user):
        return []
    locales = translator_locales(user)
    if locales is None:
        locales = Locale.objects.exclude(pk=Locale.get_default().pk)
    return sorted(locales, key=lambda locale: locale.get_display_name())


def _chosen_locale(request: HttpRequest, locales: list[Locale]) -> Locale:
    code = request.GET.get("locale")
    if not code:
        return locales[0]
    for locale in locales:
        if locale.language_code == code:
            return locale
    raise PermissionDenied  # another translator's language, or none of the site's


@require_safe
def work_view(request: HttpRequest) -> HttpResponse:
    locales = work_locales(request.user)
    if not locales:
        raise PermissionDenied
    locale = _chosen_locale(request, locales)
    tab = request.GET.get("tab") if request.GET.get("tab") in TABS else "missing"
    kind = request.GET.get("kind") if request.GET.get("kind") in KINDS else ""
    query = text_param(request.GET, "q")
    querysets = worklist.tabs(request.user, locale, kind, query)
    counts = {key: worklist.capped_count(queryset) for key, queryset in querysets.items()}
    rows = CappedPaginator(querysets[tab], PER_PAGE, counts[tab]).get_page(request.GET.get("p"))
    tabs = [
        Tab(key, str(label), worklist.count_label(counts[key]), key == tab)
        for key, label in TABS.items()
    ]
    context = {
        "locale": locale,
        "locales": locales,
        "tab": tab,
        "tabs": tabs,
        "kind": kind,
        "kinds": KINDS,
        "query": query,
        "rows": rows,
        "pillars": worklist.pillars_to_translate(locale) if tab == "missing" else [],
    }
    return TemplateResponse(request, "pact_pages/admin/translation_work.html", context)


@require_POST
def update_from_source_view(request: HttpRequest, page_id: int) -> HttpResponse:
    """Re-reads the (live) source and applies it to this locale's translation as a draft."""
    page = get_object_or_404(Page, pk=page_id).specific
    translation = _translation_of(page)
    if translation is None or not may_work_on(request.user, translation):
        raise PermissionDenied
    refusal = _update_refusal(page, translation)
    if refusal:
        messages.error(request, refusal)
        return redirect("pact_translation_work")
    with transaction.atomic():
        translation.source.update_from_db()
        save_draft(translation, request.user)
    messages.success(
        request,
        _(
            "The translation now follows the latest version of the original. Translate the "
            "new texts, then submit it for moderation."
        ),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


def _update_refusal(page: Page, translation: Translation) -> str:
    """Why this translation may not follow its source now ("": it may)."""
    if not source_is_live(page):
        return _("The original page is not published: its translation cannot be updated.")
    if not translation.enabled:
        # "Stop synced translation": the translator's own text, not to be overwritten.
        return _("This translation no longer follows its original.")
    if page.workflow_in_progress:
        # Approval publishes the latest revision: it must stay the one the moderator reads.
        return _(
            "This translation is awaiting moderation: it can be updated once the moderator "
            "has published it or sent it back."
        )
    return ""


def _translation_of(page: Page) -> Translation | None:
    """The page's wagtail-localize translation; made for a page translated from a recorded
    source without one (older content), so that it can follow its source too."""
    translation = translation_record(page)
    if translation is not None:
        return translation
    source = (
        TranslationSource.objects.filter(object_id=page.translation_key)
        .exclude(locale_id=page.locale_id)
        .first()
    )
    if source is None:
        return None
    return Translation.objects.get_or_create(source=source, target_locale_id=page.locale_id)[0]


class TranslationWorkMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_use_work_list(request.user)
