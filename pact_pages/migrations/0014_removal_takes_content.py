"""Nothing forwards. Backwards, the first step of ``migrate pact_pages zero``: the plugin's
content outside its own tables goes while those tables still exist.

- Every page of the plugin's page types, with its subtree (top-most first), as Wagtail's
  admin deletes a page: specific rows, revisions, workflow states, aliases, comments,
  permissions, view restrictions, search entries and wagtail-localize's translation records
  go with it (Django's collector and the handlers Wagtail and wagtail-localize connect);
  Wagtail keeps its "deleted" log entries as it always does. Left in the tree, such pages
  would make the admin's dashboard, the explorer and their addresses fail once their tables
  are gone.
- The reference index rows and wagtail-localize records that nothing removes during a
  migration (Wagtail disconnects its reference-index handlers while migrating; the four Ps
  are never deleted, their table is dropped).
- The groups the plugin made, found by the plugin's own records (a signatory's group by its
  ``SignatoryAccess``, a locale's translators by its ``LocaleTranslators``) or, for the one
  group without such a record, by its exact name; the "Pact moderation" workflow and its
  task unless a host page or model still uses the workflow (then they and the moderators'
  group stay).

Media collections and their pictures and documents stay: they are the host's media now
(signatories' groups go before their pages, so the plugin's handler does not move their media
to "Former signatories"). Locales stay too.

Wagtail's and Django's own models are the real ones: their schema is current whenever the
plugin is reversed, and only they know every installed app's relations to pages and groups.
The plugin's own tables are read through the historical models. The deletion still loads the
plugin's real page models (Django's collector reads their rows): a later migration that
changes their tables must therefore come with a copy of this reverse after it, and this one
then finds nothing left to remove.
"""

from django.conf import settings
from django.db import migrations

# The names pact_pages.moderation.workflow gives them (copied: a migration must not follow
# later renames, which would leave the old names behind).
MODERATORS = "Congress moderators"
WORKFLOW = "Pact moderation"
TASK = "Congress moderators approve"
CHUNK = 500  # ids per query: below SQLite's limit on query parameters


def chunks(values: list) -> list[list]:
    return [values[start : start + CHUNK] for start in range(0, len(values), CHUNK)]


def plugin_page_roots(Page, default_locale_id: int | None, using: str) -> list:
    """The top-most pages of the plugin's types (each one's subtree goes with it), the default
    locale's last: a source deleted before its translations would have the plugin take them
    down one by one first (``pact_pages.translation.publish``)."""
    pages = (
        Page.objects.using(using)
        .filter(content_type__app_label="pact_pages")
        .order_by("path")
        .values_list("pk", "path", "locale_id")
    )
    roots: list[tuple[int, str, int]] = []
    for page in pages:
        if not roots or not page[1].startswith(roots[-1][1]):
            roots.append(page)
    return sorted(roots, key=lambda root: root[2] == default_locale_id)


def refuse_site_roots(using: str) -> None:
    """Before anything goes: a site whose root page would be deleted would go with it."""
    from wagtail.models import Page, Site

    for _pk, path, _locale in plugin_page_roots(Page, None, using):
        site = Site.objects.using(using).filter(root_page__path__startswith=path).first()
        if site is not None:
            raise RuntimeError(
                f"The site {site} has its root page under a page of pact_pages, which this "
                "migration would delete with the site: give the site another root page first."
            )


def remove_pages(using: str) -> list[str]:
    """The plugin's pages with their subtrees; the ids of every page removed, as text."""
    from wagtail.models import Locale, Page

    try:
        default = Locale.objects.db_manager(using).get_for_language(settings.LANGUAGE_CODE).pk
    except (Locale.DoesNotExist, LookupError):
        default = None
    removed: list[str] = []
    for pk, path, _locale in plugin_page_roots(Page, default, using):
        subtree = Page.objects.using(using).filter(path__startswith=path)
        removed += [str(page_pk) for page_pk in subtree.values_list("pk", flat=True)]
        # On the base class: treebeard then deletes every descendant whatever its type and
        # keeps the parents' numchild right (Wagtail's DeletePageAction, as in the admin).
        page = Page.objects.using(using).filter(pk=pk).first()
        if page is not None:
            page.delete()
    return removed


def remove_references(page_ids: list[str], using: str) -> None:
    """Reference-index rows from or to the removed pages, and those of the plugin's other
    models (the four Ps)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q
    from wagtail.models import Page, ReferenceIndex

    page_type = ContentType.objects.db_manager(using).get_for_model(Page)
    rows = ReferenceIndex.objects.using(using)
    for ids in chunks(page_ids):
        rows.filter(base_content_type=page_type, object_id__in=ids).delete()
        rows.filter(to_content_type=page_type, to_object_id__in=ids).delete()
    rows.filter(
        Q(content_type__app_label="pact_pages")
        | Q(base_content_type__app_label="pact_pages")
        | Q(to_content_type__app_label="pact_pages")
    ).delete()


def remove_translation_records(using: str) -> None:
    """wagtail-localize's records of the plugin's translatable models other than pages (the
    four Ps), in the order its own clean-up takes (segments hold their contexts with PROTECT).
    """
    from wagtail_localize.models import (
        OverridableSegment,
        RelatedObjectSegment,
        SegmentOverride,
        StringSegment,
        StringTranslation,
        TemplateSegment,
        TranslatableObject,
    )

    objects = TranslatableObject.objects.using(using).filter(content_type__app_label="pact_pages")
    for model in (OverridableSegment, RelatedObjectSegment, StringSegment, TemplateSegment):
        model.objects.using(using).filter(context__object__in=objects).delete()
    for model in (SegmentOverride, StringTranslation):
        model.objects.using(using).filter(context__object__in=objects).delete()
    objects.delete()


def remove_search_entries(using: str) -> None:
    from wagtail.search.models import IndexEntry

    IndexEntry.objects.using(using).filter(content_type__app_label="pact_pages").delete()


def remove_workflow(using: str) -> bool:
    """The "Pact moderation" workflow and its task, unless something outside the plugin still
    uses the workflow (e.g. the root page of a site moderated as a whole); True if gone."""
    from wagtail.models import Task, Workflow, WorkflowContentType, WorkflowPage, WorkflowState

    workflow = Workflow.objects.using(using).filter(name=WORKFLOW).first()
    if workflow is None:
        return True
    uses = (WorkflowPage, WorkflowContentType, WorkflowState)
    if any(model.objects.using(using).filter(workflow=workflow).exists() for model in uses):
        return False
    tasks = Task.objects.using(using).filter(
        name=TASK, workflow_tasks__workflow=workflow, content_type__model="groupapprovaltask"
    )
    task_ids = list(tasks.values_list("pk", flat=True))
    workflow.delete()
    for task in Task.objects.using(using).filter(pk__in=task_ids, workflow_tasks__isnull=True):
        task.delete()
    return True


def remove_content(apps, schema_editor) -> None:
    from django.contrib.auth.models import Group

    using = schema_editor.connection.alias
    refuse_site_roots(using)
    groups = Group.objects.using(using)
    SignatoryAccess = apps.get_model("pact_pages", "SignatoryAccess")
    LocaleTranslators = apps.get_model("pact_pages", "LocaleTranslators")
    # Before the pages: the plugin's handler for a deleted signatory would otherwise move its
    # media out of its collection and delete the collection. (Each access goes with its group.)
    groups.filter(pk__in=SignatoryAccess.objects.using(using).values("group_id")).delete()

    page_ids = remove_pages(using)
    remove_references(page_ids, using)
    remove_translation_records(using)
    remove_search_entries(using)

    groups.filter(pk__in=LocaleTranslators.objects.using(using).values("group_id")).delete()
    if remove_workflow(using):
        groups.filter(name=MODERATORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pact_pages", "0013_language_default_from_wagtail"),
        # Their tables are read in reverse: reversing them first would reverse this first.
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, remove_content, elidable=False)]
