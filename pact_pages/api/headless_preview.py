"""Headless preview of drafts: a signed, expiring token for one revision of one page.

An editor of a signatory or initiative page chooses "Headless preview" in the editor's
action menu; the plugin signs a token naming the page and its latest revision and sends the
editor to the front end (``PACT_HEADLESS_PREVIEW_URL``, e.g.
``https://front.example.org/preview?token={token}``), which fetches the draft as JSON from
``/api/pact/v1/preview?token=…``. Without a front end configured, the editor lands on that
JSON. The token shows that one revision only, to whoever holds it, for
``PACT_HEADLESS_PREVIEW_MAX_AGE`` seconds (default one hour); responses are never cached.
"""

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.models import Page

from pact_pages.conf import pact_setting
from pact_pages.initiatives.models import InitiativePage
from pact_pages.signatories.models import SignatoryPage

SALT = "pact_pages.api.headless_preview"
PREVIEWABLE = (SignatoryPage, InitiativePage)


class InvalidToken(ValueError):
    pass


def max_age() -> int:
    return int(pact_setting("PACT_HEADLESS_PREVIEW_MAX_AGE"))


def make_token(page: Page, revision_id: int) -> str:
    return signing.dumps({"page": page.pk, "revision": revision_id}, salt=SALT, compress=True)


def read_token(token: str) -> tuple[int, int]:
    """(page id, revision id) of a valid token, or InvalidToken saying what is wrong."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.SignatureExpired:
        raise InvalidToken("expired: ask the editor for a new preview link") from None
    except signing.BadSignature:
        raise InvalidToken("not a preview token of this site") from None
    fields = ("page", "revision")
    if not isinstance(data, dict) or not all(isinstance(data.get(key), int) for key in fields):
        raise InvalidToken("not a preview token of this site")
    return data["page"], data["revision"]


def draft_of(token: str) -> Page | None:
    """The page as it is in the token's revision, or None if the page or revision is gone."""
    page_id, revision_id = read_token(token)
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return None
    revision = page.specific.revisions.filter(pk=revision_id).first()
    return revision.as_object() if revision is not None else None


def preview_view(request: HttpRequest, page_id: int):
    """Admin: signs a token for the page's latest revision and goes to the front end."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, PREVIEWABLE) or not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    revision = page.get_latest_revision() or page.save_revision(user=request.user)
    token = make_token(page, revision.pk)
    front_end = pact_setting("PACT_HEADLESS_PREVIEW_URL")
    if front_end:
        return HttpResponseRedirect(front_end.format(token=token, page_id=page.pk))
    return HttpResponseRedirect(f"{reverse('pact_api:preview')}?{urlencode({'token': token})}")


class HeadlessPreviewMenuItem(ActionMenuItem):
    label = gettext_lazy("Headless preview")
    name = "action-pact-headless-preview"
    icon_name = "view"
    order = 45

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and isinstance(page, PREVIEWABLE)
            and page.permissions_for_user(context["request"].user).can_edit()
        )

    def get_url(self, context):
        return reverse("pact_headless_preview", args=[context["page"].pk])
