"""The data set of the permission sweep (tests/test_permission_sweep.py).

Two signatories, A (Aubervilliers) and B (Bordeaux). B owns one of everything the admin
and the APIs can name by id: pages in English and German (with drafts waiting in the
moderation workflow, a revision, a workflow state and task state, an editing session, a
wagtail-localize translation with its segments), an unpublished initiative, an image, a
document, an upload in progress, a collection, a group, a user, a sign-up request, a
newsletter subscriber, a redirect to its page. The actors: A's editor, a French translator,
and an anonymous visitor.

Every text below that names B ("markers") is private: none may appear in a response to an
actor of the sweep. (A moderator and a superuser are there to show, in the regression tests,
that the views the sweep refuses do work for those who may use them.)
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Site,
    TaskState,
    UploadedFile,
    WorkflowState,
)
from wagtail.test.utils.form_data import querydict_from_html
from wagtail.users.models import UserProfile
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    Translation,
    TranslationSource,
)

from home.models import HomePage, SocialLinks
from pact_pages.models import (
    ActionReport,
    LocaleTranslators,
    NewsletterSubscriber,
    Pillar,
    ProgressReportPage,
    SignatoryAccess,
    SignupRequest,
)
from pact_pages.moderation.workflow import setup_moderation
from pact_pages.signatories import access
from tests.event_helpers import days_from_now, make_event
from tests.factories import (
    ImageFactory,
    InitiativePageFactory,
    SignatoryIndexPageFactory,
    SignatoryPageFactory,
    publish,
)
from tests.progress_helpers import (
    action_plan,
    actions_of,
    follow_up_section,
    progress_report,
    reporting_round,
)

ROLES = ("anonymous", "editor_a", "translator")

# Private texts of B: draft titles, contact details, media, accounts, personal data.
MARKERS = {
    "draft_title": "Bordeaux SWEEP-DRAFT-EN",
    "draft_title_de": "Bordeaux SWEEP-ENTWURF-DE",
    "draft_initiative": "SWEEP-UNPUBLISHED-INITIATIVE",
    # B's drafts of the follow-up and the calendar (issues 20, 21): an event, an action of its
    # plan, a progress report and what hindered it.
    "draft_event": "SWEEP-DRAFT-EVENT-B",
    "draft_action": "SWEEP-DRAFT-ACTION-B",
    "draft_report": "SWEEP-DRAFT-REPORT-B",
    "draft_hindrance": "SWEEP-DRAFT-HINDRANCE-B",
    "contact_person": "Sweep Contact-Person-B",
    "contact_email": "sweep-contact-b@bordeaux.example",
    "image": "SWEEP-IMAGE-B",
    "document": "SWEEP-DOCUMENT-B",
    "document_body": "SWEEP-DOCUMENT-BODY",
    "user_email": "sweep-editor-b@bordeaux.example",
    # B's editor's account as user lists name it (issue 14, hole 6).
    "user_username": "sweep_editor_b",
    "user_full_name": "Sweepbfirst Sweepblast",
    "signup_email": "sweep-signup-b@bordeaux.example",
    "subscriber_email": "sweep-subscriber-b@bordeaux.example",
    "redirect": "/sweep-old-bordeaux",
    "group": "Signatory: Bordeaux",
}


@dataclass
class Target:
    """What one actor is pointed at: B's objects (the page in a locale not the actor's)."""

    page: Page
    revision_id: int
    workflow_state_id: int
    task_state_id: int
    edit_form: dict


@dataclass
class World:
    sessions: dict[str, str]
    targets: dict[str, Target]
    a_signatory: Page
    b_signatory: Page
    b_initiative: Page
    b_draft_initiative: Page
    b_german: Page
    b_access: SignatoryAccess
    b_user_id: int
    image_id: int
    document_id: int
    document_filename: str
    upload_ids: dict[str, int]
    signup_id: int
    subscriber_id: int
    redirect_id: int
    page_restriction_id: int
    collection_restriction_id: int
    editing_session_id: int
    english_pillar_id: int
    german_locale_id: int
    site_id: int
    social_links_id: int
    workflow_id: int
    task_id: int
    translation_id: int
    translation_source_id: int
    string_segment_id: int
    overridable_segment_id: int
    user_ids: dict[str, int] = field(default_factory=dict)


def _page_edit_form(client: Client, page: Page) -> dict:
    """B's edit form as its moderator would post it back (a plausible body for edits)."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200, page
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["body-count"] = "0"  # StreamFields are rendered by JavaScript
    return {
        key: values if len(values) > 1 else values[0]
        for key, values in data.lists()
        if "__prefix__" not in key
    }


def _submit_draft(page: Page, title: str, user) -> WorkflowState:
    """A new draft title, submitted to the Pact moderation workflow (one task in progress)."""
    page.title = title
    revision = page.save_revision(user=user)
    state = page.get_workflow().start(page, user)
    assert state.current_task_state.revision_id == revision.pk
    return state


def _german_translation(source_page: Page, german: Locale, user) -> Translation:
    """B's signatory page translated into German through wagtail-localize."""
    source, _created = TranslationSource.get_or_create_from_instance(source_page)
    translation = Translation.objects.create(source=source, target_locale=german)
    translation.save_target(user=user, publish=True)
    # wagtail-localize publishes on commit, which the world's transaction never reaches.
    german_page = translation.get_target_instance()
    if not german_page.live:
        german_page.get_latest_revision().publish()
    return translation


def _media(collection, user) -> tuple:
    image = ImageFactory(title=MARKERS["image"], collection=collection, uploaded_by_user=user)
    document = get_document_model().objects.create(
        title=MARKERS["document"],
        file=ContentFile(MARKERS["document_body"].encode(), name="sweep-report-b.txt"),
        collection=collection,
        uploaded_by_user=user,
    )
    uploads = {
        model._meta.app_label: UploadedFile.objects.create(
            for_content_type=ContentType.objects.get_for_model(model),
            file=ContentFile(b"GIF89a", name=f"sweep-upload-{model._meta.model_name}.gif"),
            uploaded_by_user=user,
        ).pk
        for model in (get_image_model(), get_document_model())
    }
    return image, document, uploads


def _follow_up_and_event_drafts(signatory: Page, home: Page) -> None:
    """B's draft event, draft action plan and draft progress report (its round is public)."""
    make_event(signatory, MARKERS["draft_event"], days_from_now(30), live=False)
    plan = action_plan(signatory, ("prevention", MARKERS["draft_action"], "", None), live=False)
    round_page = reporting_round(follow_up_section(home), 2026)
    entry = (actions_of(plan)[0], "in_progress", 20, None)
    report = progress_report(
        signatory, round_page, entry, live=False, title=MARKERS["draft_report"]
    )
    ActionReport.objects.filter(page=report).update(hindered=MARKERS["draft_hindrance"])
    ProgressReportPage.objects.get(pk=report.pk).save_revision()  # the draft holds it too


def _personal_data() -> tuple[SignupRequest, NewsletterSubscriber]:
    signup = SignupRequest.objects.create(
        name="Bordeaux Metropole",
        country="FR",
        place="Bordeaux",
        contact_person=MARKERS["contact_person"],
        email=MARKERS["signup_email"],
        role="Mayor",
        accepted_pact=True,
        accepted_privacy=True,
    )
    subscriber = NewsletterSubscriber.objects.create(
        email=MARKERS["subscriber_email"],
        consented_at=timezone.now(),
        confirmed_at=timezone.now(),
    )
    return signup, subscriber


def _sessions(users: dict) -> dict[str, str]:
    """A session per actor, made once (cheaper than force_login before each request)."""
    sessions = {}
    for name, user in users.items():
        client = Client()
        client.force_login(user)
        sessions[name] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return sessions


def build_world() -> World:
    User = get_user_model()
    german = Locale.objects.get_or_create(language_code="de")[0]
    french = Locale.objects.get_or_create(language_code="fr")[0]
    moderation = setup_moderation()  # also the translator groups of fr and de
    home = HomePage.objects.get(depth=2, locale=Locale.get_default())
    directory = SignatoryIndexPageFactory(parent=home)
    publish(directory.copy_for_translation(german, copy_parents=True))
    users = {
        "editor_a": User.objects.create_user("sweep_editor_a", "sweep-a@example.org"),
        "editor_b": User.objects.create_user(
            MARKERS["user_username"],
            MARKERS["user_email"],
            first_name=MARKERS["user_full_name"].split()[0],
            last_name=MARKERS["user_full_name"].split()[1],
        ),
        "translator": User.objects.create_user("sweep_translator_fr"),
        "moderator": User.objects.create_user("sweep_moderator"),
        "admin": User.objects.create_superuser("sweep_admin"),
    }
    users["translator"].groups.add(LocaleTranslators.objects.get(locale=french).group)
    users["moderator"].groups.add(moderation.group)

    a_signatory = publish(SignatoryPageFactory(parent=directory, title="Aubervilliers"))
    access.grant(users["editor_a"], a_signatory)
    b_signatory = SignatoryPageFactory(
        parent=directory,
        title="Bordeaux",
        website="https://bordeaux.example",
        contact_person=MARKERS["contact_person"],
        contact_email=MARKERS["contact_email"],
        contact_public=False,
    )
    b_access = access.grant(users["editor_b"], b_signatory)
    image, document, uploads = _media(b_access.collection, users["editor_b"])
    # A public logo and a URL: segments that a translation overrides.
    b_signatory.logo = ImageFactory(title="Bordeaux logo", collection=b_access.collection)
    b_signatory = publish(b_signatory)
    b_initiative = publish(InitiativePageFactory(parent=b_signatory, title="Bordeaux sports"))
    b_draft = InitiativePageFactory(
        parent=b_signatory, title=MARKERS["draft_initiative"], live=False
    )
    _follow_up_and_event_drafts(b_signatory, directory.get_parent())
    translation = _german_translation(b_signatory, german, users["editor_b"])
    b_german = Page.objects.get(translation_key=b_signatory.translation_key, locale=german)
    states = {
        "en": _submit_draft(b_signatory.specific, MARKERS["draft_title"], users["editor_b"]),
        "de": _submit_draft(b_german.specific, MARKERS["draft_title_de"], users["editor_b"]),
    }
    signup, subscriber = _personal_data()
    redirect = Redirect.objects.create(old_path=MARKERS["redirect"], redirect_page=b_signatory)
    editing_session = EditingSession.objects.create(
        user=users["editor_b"],
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(b_signatory.pk),
        last_seen_at=timezone.now() - timedelta(seconds=5),
    )
    # B's media and its live initiative are for B's group only (the views that serve them
    # to the public must refuse everyone else).
    page_restriction = PageViewRestriction.objects.create(
        page=b_initiative, restriction_type=PageViewRestriction.GROUPS
    )
    page_restriction.groups.add(b_access.group)
    collection_restriction = CollectionViewRestriction.objects.create(
        collection=b_access.collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    collection_restriction.groups.add(b_access.group)
    # Made on first use (by any page or admin view): not writes of the sweep's requests.
    for user in users.values():
        UserProfile.get_for_user(user)
    social_links = SocialLinks.for_site(Site.objects.get(is_default_site=True))
    sessions = _sessions(users)
    scraper = Client()
    scraper.cookies[settings.SESSION_COOKIE_NAME] = sessions["moderator"]

    # wagtail-localize edits the German page in its own editor: the English form's fields
    # (the same model) are what a plausible post to either page holds.
    edit_form = _page_edit_form(scraper, b_signatory)

    def target(page: Page, state: WorkflowState) -> Target:
        task_state = TaskState.objects.get(workflow_state=state)
        return Target(
            page=page,
            revision_id=task_state.revision_id,
            workflow_state_id=state.pk,
            task_state_id=task_state.pk,
            edit_form=edit_form,
        )

    english_target = target(b_signatory, states["en"])
    return World(
        sessions=sessions,
        # A's editor and the anonymous visitor on B's English page; the French translator on
        # B's German one (B has no French page: nothing there is the translator's).
        targets={
            "anonymous": english_target,
            "editor_a": english_target,
            "translator": target(b_german, states["de"]),
        },
        a_signatory=a_signatory,
        b_signatory=b_signatory,
        b_initiative=b_initiative,
        b_draft_initiative=b_draft,
        b_german=b_german,
        b_access=b_access,
        b_user_id=users["editor_b"].pk,
        image_id=image.pk,
        document_id=document.pk,
        document_filename=document.filename,
        upload_ids=uploads,
        signup_id=signup.pk,
        subscriber_id=subscriber.pk,
        redirect_id=redirect.pk,
        page_restriction_id=page_restriction.pk,
        collection_restriction_id=collection_restriction.pk,
        editing_session_id=editing_session.pk,
        english_pillar_id=Pillar.objects.get(slug="prevention", locale=Locale.get_default()).pk,
        german_locale_id=german.pk,
        site_id=Site.objects.get(is_default_site=True).pk,
        social_links_id=social_links.pk,
        workflow_id=moderation.workflow.pk,
        task_id=states["en"].current_task_state.task_id,
        translation_id=translation.pk,
        translation_source_id=translation.source_id,
        string_segment_id=StringSegment.objects.filter(source=translation.source).first().pk,
        overridable_segment_id=_overridable_segment(translation),
        user_ids={name: user.pk for name, user in users.items()},
    )


def _overridable_segment(translation: Translation) -> int:
    segment = OverridableSegment.objects.filter(source=translation.source).first()
    assert segment is not None, "B's page needs an overridable segment (its image)"
    return segment.pk
