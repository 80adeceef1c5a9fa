"""Foreign ids in saved forms (issue 14, hole 5): the sweep.

Every page and snippet model registered with Wagtail is read for the form fields that can
name an image, a document, a page or a snippet by id: foreign keys (and inline formsets'),
StreamField blocks (walked through their definitions: chooser blocks, ImageBlock, rich
text blocks and their features) and rich text fields with their features. For each of
these *slots*, A's editor posts the edit form of a page of A's of that model (built from the
edit view's HTML), with B's object in the slot, as a draft save, a preview and a submission
for moderation: each must be a form error, with no revision and no preview of it. The same
slot with A's own image or document, or B's public page, is accepted.

A slot the sweep cannot fill (a new kind of reference, a rich text feature it does not
know, a snippet form with references) fails ``test_every_reference_slot_can_be_filled``,
named.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, Revision
from wagtail.test.utils.form_data import (
    querydict_from_html,
)
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    Translation,
    TranslationSource,
)

from pact_pages.models import (
    ActionPlanPage,
    EventPage,
    InitiativePage,
    Pillar,
    ProgressReportPage,
    SignatoryPage,
)
from pact_pages.signatories import access
from pact_pages.trust.chooser_overrides import overridden_model
from pact_pages.trust.foreign_ids import ForeignIdsFormMixin
from tests import follow_up_factories as fu
from tests.events_pages import event_under, wall
from tests.factories import (
    ImageFactory,
    InitiativePageFactory,
    SignatoryIndexPageFactory,
    StandardPageFactory,
    publish,
)
from tests.foreign_id_slots import (
    SHARED_SNIPPETS,
    Slot,
    edited_models,
    fill,
    form_class,
    kind_of,
    slots,
)
from tests.sweep_fixtures import MARKERS, World, build_world

pytestmark = pytest.mark.django_db

ACTIONS = ("save", "preview", "submit")
REFUSAL = "is not yours to use"

# ---------------------------------------------------------------------------------------
# The world: B's objects (tests/sweep_fixtures.py), A's own media and pages of each model
# ---------------------------------------------------------------------------------------


@dataclass
class Ids:
    world: World
    own: dict[str, int]  # A's image, document and plan action, B's public page: accepted
    foreign: dict[str, int]  # B's image, document, draft page and plan action: refused
    pages: dict[type, Page]  # a page of A's of each page model with slots


def _own_media(world: World) -> dict[str, int]:
    collection = access.ensure_access(world.a_signatory).collection
    image = ImageFactory(title="Aubervilliers poster", collection=collection)
    document = get_document_model().objects.create(
        title="Aubervilliers plan",
        file=ContentFile(b"plan", name="a-plan.txt"),
        collection=collection,
    )
    return {"image": image.pk, "document": document.pk}


def _plans(world: World) -> dict[str, Page]:
    """A's and B's action plans (a progress report's entries name an action of A's)."""
    return {
        "a": fu.action_plan(world.a_signatory, (("prevention", "Train Aubervilliers' teachers"),)),
        "b": fu.action_plan(world.b_signatory, (("prevention", "Train Bordeaux's teachers"),)),
    }


def _own_page(world: World, model: type, plan: Page) -> Page:
    """A page of A's of ``model`` (under A's signatory page, where A's editor may edit)."""
    parent = world.a_signatory
    if model is SignatoryPage:
        return parent.specific
    if model is ProgressReportPage:
        # One entry, so that the edit form has a row to fill (entries-0-...).
        index = fu.round_index(parent.get_parent())
        return fu.report(parent, fu.reporting_round(index), plan=plan)
    if model is ActionPlanPage:
        return plan
    if model is EventPage:
        start = wall(datetime.date.today() + datetime.timedelta(days=30), 10)
        return event_under(parent, "A's EventPage", start)
    factories = {
        "InitiativePage": InitiativePageFactory,
        "StandardPage": StandardPageFactory,
        "SignatoryIndexPage": SignatoryIndexPageFactory,
    }
    factory = factories.get(model.__name__)
    if factory is not None:
        return publish(factory(parent=parent, title=f"A's {model.__name__}"))
    page = model(title=f"A's {model.__name__}", slug=f"a-{model._meta.model_name}")
    return publish(parent.add_child(instance=page))


@pytest.fixture(scope="module")
def ids(django_db_setup, django_db_blocker) -> Iterator[Ids]:
    with django_db_blocker.unblock(), transaction.atomic():
        reverse("wagtailadmin_home")  # the admin's URLs: the forms get their check there
        world = build_world()
        public = publish(InitiativePageFactory(parent=world.b_signatory, title="Bordeaux fair"))
        models = {slot.model for slot in slots() if issubclass(slot.model, Page)}
        plans = _plans(world)
        yield Ids(
            world=world,
            own={
                **_own_media(world),
                "page": public.pk,
                "plan action": plans["a"].actions.get().pk,
            },
            foreign={
                "image": world.image_id,
                "document": world.document_id,
                "page": world.b_draft_initiative.pk,
                "plan action": plans["b"].actions.get().pk,
            },
            pages={model: _own_page(world, model, plans["a"]) for model in models},
        )
        transaction.set_rollback(True)


def client_for(world: World, role: str) -> Client:
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    return client


def edit_form(client: Client, page: Page) -> dict:
    """The page's edit form as the edit view renders it (StreamFields: no block)."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200, page
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for field in type(page.specific)._meta.get_fields():
        if isinstance(field, StreamField):
            data.setdefault(f"{field.name}-count", "0")  # rendered by JavaScript
    return {
        key: values if len(values) > 1 else values[0]
        for key, values in data.lists()
        if "__prefix__" not in key
    }


def post(client: Client, page: Page, action: str, data: dict):
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if action == "preview":
        preview = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
        return client.post(preview, data)
    if action == "submit":
        data = {**data, "action-submit": "1"}
    return client.post(edit, data)


# Slots whose form offers a narrowed list (the report form: the rounds, A's plan's actions,
# A's initiatives): another id there is Django's invalid choice, a form error all the same.
NARROWED = {"round", "action", "evidence"}
INVALID_CHOICE = "Select a valid choice"


def own_id(ids: Ids, slot: Slot) -> int:
    """An id A's editor may put in ``slot``: A's own, or B's public page, or, in a narrowed
    list, one of its choices (the report's own round, A's initiative)."""
    if slot.model is ProgressReportPage and slot.field == "round":
        return ids.pages[ProgressReportPage].round_id
    if slot.model is ProgressReportPage and slot.field == "evidence":
        return next(page.pk for model, page in ids.pages.items() if model is InitiativePage)
    return ids.own[slot.kind]


def refused(response, action: str, slot: Slot | None = None) -> bool:
    if action == "preview":
        return response.json()["is_valid"] is False
    if response.status_code != 200:
        return False
    form = response.context["form"]
    messages = [str(m) for errors in form.errors.values() for m in errors]
    messages += [
        str(m)
        for formset in form.formsets.values()
        for child in formset.forms
        for errors in child.errors.values()
        for m in errors
    ]
    narrowed = slot is not None and slot.model is ProgressReportPage and slot.field in NARROWED
    return any(
        REFUSAL in message or (narrowed and INVALID_CHOICE in message) for message in messages
    )


def _text(response) -> str:
    return response.content.decode()


def accepted(response, action: str) -> bool:
    if action == "preview":
        return response.json()["is_valid"] is True
    return response.status_code == 302


# ---------------------------------------------------------------------------------------
# The tests
# ---------------------------------------------------------------------------------------


def test_every_page_and_snippet_form_has_the_check(ids):
    unguarded = [
        m.__name__ for m in edited_models() if not issubclass(form_class(m), ForeignIdsFormMixin)
    ]
    assert not unguarded, f"forms without the foreign-id check: {unguarded}"


def test_every_reference_slot_can_be_filled(ids):
    """The enumeration knows every kind of reference of every page and snippet form; a
    snippet slot is either shared (SHARED_SNIPPETS) or fails, as a snippet form with
    references would (the sweep posts page forms)."""
    found = list(slots())  # raises Unfillable, naming the slot
    problems = [
        str(slot)
        for slot in found
        if (slot.kind == "snippet" and not _shared_snippet(slot))
        or not issubclass(slot.model, Page)
    ]
    assert not problems, "slots the sweep cannot fill:\n" + "\n".join(problems)
    kinds = {slot.kind for slot in found}
    print(f"foreign-id sweep: {len(found)} slots in {len(ids.pages)} page models: {sorted(kinds)}")
    assert {"image", "document", "page"} <= kinds
    assert any(slot.blocks for slot in found) and any(slot.features for slot in found)


def _shared_snippet(slot: Slot) -> bool:
    form = form_class(slot.model)
    formset = form.formsets[slot.formset] if slot.formset else None
    fields = formset.form.base_fields if formset else form.base_fields
    field = fields[slot.field]
    return getattr(field, "queryset", None) is not None and field.queryset.model in SHARED_SNIPPETS


def _sweep_slots() -> list[Slot]:
    return [slot for slot in slots() if slot.kind != "snippet"]


def test_a_foreign_id_in_any_slot_is_a_form_error(ids):
    client = client_for(ids.world, "editor_a")
    failures, requests = [], 0
    forms: dict[int, dict] = {}  # each page's edit form, read once: refusals change nothing
    for slot in _sweep_slots():
        page = ids.pages[slot.model]
        data = forms[page.pk] = forms.get(page.pk) or edit_form(client, page)
        for action in ACTIONS:
            revisions = Revision.page_revisions.filter(object_id=str(page.pk)).count()
            response = post(client, page, action, fill(slot, data, ids.foreign[slot.kind]))
            requests += 1
            after = Revision.page_revisions.filter(object_id=str(page.pk)).count()
            if not refused(response, action, slot) or after != revisions:
                failures.append(f"{slot} ({action}): {response.status_code}")
            if leaked := [name for name, text in MARKERS.items() if text in _text(response)]:
                failures.append(f"{slot} ({action}): the refusal shows B's {leaked}")
        preview = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]))
        leaked = [name for name, text in MARKERS.items() if text in preview.content.decode()]
        if leaked:
            failures.append(f"{slot}: the preview shows B's {leaked}")
    print(f"foreign-id sweep: {requests} refused posts expected, {len(failures)} accepted")
    assert requests and not failures, "\n".join(failures)


def test_own_media_and_public_pages_are_accepted(ids):
    client = client_for(ids.world, "editor_a")
    failures = []
    for slot in _sweep_slots():
        page = ids.pages[slot.model]
        data = fill(slot, edit_form(client, page), own_id(ids, slot))
        for action in ("preview", "save"):
            response = post(client, page, action, data)
            if not accepted(response, action):
                errors = getattr(response, "context", None) and response.context["form"].errors
                failures.append(f"{slot} ({action}): {response.status_code} {errors}")
    assert not failures, "\n".join(failures)


def test_moderators_are_not_restricted_and_editors_keep_what_they_added(ids):
    """A moderator may use B's image on A's page; A's editor can then save that page."""
    page = ids.pages[next(m for m in ids.pages if m.__name__ == "InitiativePage")]
    slot = Slot(type(page.specific), "featured_image", "image")
    moderator = client_for(ids.world, "moderator")
    data = fill(slot, edit_form(moderator, page), ids.foreign["image"])
    assert accepted(post(moderator, page, "save", data), "save")
    editor = client_for(ids.world, "editor_a")
    data = edit_form(editor, page)
    assert data["featured_image"] == str(ids.foreign["image"])
    for action in ("preview", "save"):
        assert accepted(post(editor, page, action, data), action)
    # Another of B's objects is still refused on that page.
    other = fill(
        Slot(slot.model, "body", "document", ("document", "document")),
        data,
        ids.foreign["document"],
    )
    assert refused(post(editor, page, "save", other), "save")


def _french_translation(ids: Ids) -> Translation:
    """A's page, with A's image as its logo, translated into French."""
    signatory = SignatoryPage.objects.get(pk=ids.world.a_signatory.pk)
    signatory.logo_id = ids.own["image"]
    publish(signatory)
    french = Locale.objects.get_or_create(language_code="fr")[0]
    signatory.get_parent().copy_for_translation(french, copy_parents=True)
    source, _created = TranslationSource.get_or_create_from_instance(signatory)
    translation = Translation.objects.create(source=source, target_locale=french)
    translation.save_target(publish=True)
    return translation


def test_translation_overrides_refuse_foreign_media(ids):
    """wagtail-localize's editor stored any image id as a translation's override: every
    overridable segment naming an object refuses B's."""
    translation = _french_translation(ids)
    client = client_for(ids.world, "editor_a")
    segments = OverridableSegment.objects.filter(source=translation.source)
    named = [(s, overridden_model(s)) for s in segments if overridden_model(s) is not None]
    assert named, "A's translation has no overridable segment naming an object"
    for segment, model in named:
        path = reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk])

        def put(value, path=path) -> int:
            body = urlencode({"value": value})
            headers = {"content_type": "application/x-www-form-urlencoded"}
            return client.put(path, body, **headers).status_code

        kind = kind_of(model)
        assert put(ids.foreign[kind]) == 403, segment.context.path
        assert not SegmentOverride.objects.filter(context=segment.context).exists()
        assert put(ids.own[kind]) in (200, 201)  # A's own
    collection = access.ensure_access(ids.world.a_signatory).collection
    logo = next(s for s, _model in named if s.context.path == "logo")
    path = reverse("wagtail_localize:edit_override", args=[translation.pk, logo.pk])
    banner = ImageFactory(title="Aubervilliers banner", collection=collection).pk
    body = urlencode({"value": banner})
    response = client.put(path, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200  # another of A's images


def test_a_new_page_with_a_foreign_id_is_refused(ids):
    """The create form is the same form: no saved version, so nothing of B's is kept."""
    client = client_for(ids.world, "editor_a")
    path = reverse(
        "wagtailadmin_pages:add", args=["pact_pages", "initiativepage", ids.world.a_signatory.pk]
    )
    html = client.get(path).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    data = {k: v[-1] for k, v in data.lists() if "__prefix__" not in k}
    pillar = Pillar.objects.get(slug="prevention", locale__language_code="en").pk
    data |= {"title": "A's new story", "slug": "a-new-story", "summary": "What A does."}
    data |= {"pillar_links-0-pillar": str(pillar), "body-count": "0"}
    refused_data = data | {"featured_image": str(ids.foreign["image"])}
    response = client.post(path, refused_data)
    assert refused(response, "save") and MARKERS["image"] not in _text(response)
    assert not Page.objects.filter(slug="a-new-story").exists()
    response = client.post(path, data | {"featured_image": str(ids.own["image"])})
    assert response.status_code == 302 and Page.objects.filter(slug="a-new-story").exists()
