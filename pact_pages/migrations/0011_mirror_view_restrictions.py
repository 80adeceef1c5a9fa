from django.db import migrations


def _signatures(restrictions) -> list[tuple]:
    found = []
    for restriction in restrictions:
        groups = frozenset(restriction.groups.values_list("pk", flat=True))
        signature = (restriction.restriction_type, restriction.password, groups)
        if signature not in found:
            found.append(signature)
    return found


def _family_ids(Page, page_id: int) -> set[int]:
    """The page, its translations and aliases, and theirs (see privacy_sync.family)."""
    ids, keys, originals = {page_id}, set(), set()
    frontier = {page_id}
    while frontier:
        rows = Page.objects.filter(pk__in=frontier).values_list("translation_key", "alias_of_id")
        for key, original in rows:
            keys.add(key)
            if original:
                originals.add(original)
        found = set(Page.objects.filter(translation_key__in=keys).values_list("pk", flat=True))
        found |= set(Page.objects.filter(alias_of_id__in=ids).values_list("pk", flat=True))
        found |= originals
        frontier = found - ids
        ids |= found
    return ids


def mirror_existing(apps, schema_editor) -> None:
    """Gives every translation (and alias) of a restricted page its restrictions.

    Until this release a restriction set on one locale's page left its translations public
    (each locale has its own tree). Where members of a family differ, each gets them all:
    never fewer restrictions than any of them had. The plugin's pages only: a host that
    installs the plugin keeps its own pages' restrictions as they are
    (``pact_pages.core.page_rules``). The API's read index is emptied when
    anything changed, so that ``migrate`` rebuilds it without the pages now restricted
    (``pact_pages.api.index.rebuild_if_empty``).
    """
    Page = apps.get_model("wagtailcore", "Page")
    Restriction = apps.get_model("wagtailcore", "PageViewRestriction")
    ours = apps.get_model("contenttypes", "ContentType").objects.filter(app_label="pact_pages")
    changed, done = False, set()
    restricted = Restriction.objects.filter(page__content_type__in=ours)
    restricted = sorted(set(restricted.values_list("page_id", flat=True)))
    for page_id in restricted:
        if page_id in done:
            continue
        members = sorted(_family_ids(Page, page_id))
        done |= set(members)
        wanted = _signatures(
            Restriction.objects.filter(page_id__in=members).order_by("page_id", "pk")
        )
        for member in members:
            have = _signatures(Restriction.objects.filter(page_id=member).order_by("pk"))
            for kind, password, groups in wanted:
                if (kind, password, groups) in have:
                    continue
                restriction = Restriction.objects.create(
                    page_id=member, restriction_type=kind, password=password
                )
                restriction.groups.set(groups)
                changed = True
    if changed:
        apps.get_model("pact_pages", "ApiIndexEntry").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pact_pages", "0010_api_index_feature"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(mirror_existing, migrations.RunPython.noop),
    ]
