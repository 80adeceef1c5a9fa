"""Wagtail's page route in two queries whatever the page's depth, and its view restrictions in
none when there are none.

``Page.route`` walks the tree a level at a time, two queries a level (the child by its slug,
then its specific row): 6 for an initiative under a signatory under the directory. Then
Wagtail's ``check_view_restrictions`` reads the page's ancestors and their restrictions (2
more). Here one query reads every page on the address (each level's child by its slug under the one
above, as Wagtail's walk does), with the root's ancestors and, for each, whether a view
restriction sits on it; a second reads the served page's specific row.

Anything this does not reproduce exactly is left to Wagtail: a page type with its own
``route`` (routable pages), an address not found whole, an alias on the way (its source's
restrictions apply), a restriction on the way (Wagtail's own check then runs as ever).
"""

from __future__ import annotations

import copy

from django.db import connection
from django.db.models.fields.related_descriptors import ForwardManyToOneDescriptor
from wagtail.models import Page, PageViewRestriction
from wagtail.url_routing import RouteResult

# The fields page_meta takes the page's Open Graph picture from (pact_meta.IMAGE_FIELDS, an
# entry point this feature may not import; tests/test_fast_route.py keeps them the same).
PICTURE_FIELDS = ("featured_image", "image", "logo")

# The deepest address read in one statement. Past it Wagtail's walk, which stops at the first
# level not found: the statement joins the page table once a level, and an address of a few
# hundred "a/" (any client may send one) made SQLite fail past 63 joins (a 500) and PostgreSQL
# plan for over a minute. The plugin's pages sit 3 levels below a home page.
MAX_LEVELS = 8


def fast_route(root: Page, components: list[str]) -> RouteResult | None:
    """``root.route(request, components)``'s result, or None when Wagtail's own route must
    run (it then also decides between a page and a 404)."""
    if not _routes_by_default(type(root)) or len(components) > MAX_LEVELS:
        return None
    ancestors = _ancestors(root)
    rows = list(Page.objects.raw(*_route_sql(root, components)))
    above = [page for page in rows if page.depth <= root.depth]
    on_route = [page for page in rows if page.depth > root.depth]
    # The root's ancestors and the root itself, then one page a level, each the child of the
    # one before: what Wagtail's walk would read.
    if [page.path for page in above] != ancestors:
        return None
    if [page.depth for page in on_route] != list(
        range(root.depth + 1, root.depth + 1 + len(components))
    ):
        return None
    parent = above[-1]
    for page in on_route:
        if page.path[: -Page.steplen] != parent.path or not _routes_by_default(page.specific_class):
            return None
        parent = page
    if not on_route:  # the root itself, a copy: the caller's may serve other requests
        if not root.live:
            return None
        specific = copy.copy(root)
    else:
        served = on_route[-1]
        if not served.live:
            return None
        specific = _specific(served)
        specific._cached_parent_obj = on_route[-2] if len(on_route) > 1 else root
    if not any(page.restricted or page.alias_of_id for page in rows):
        # Read by Wagtail's check_view_restrictions and the page cache: nothing applies.
        specific.get_view_restrictions = PageViewRestriction.objects.none
    return RouteResult(specific)


def _route_sql(root: Page, components: list[str]) -> tuple[str, list]:
    """The root's ancestors, the root, and each level's child by its slug under the page found
    a level above (treebeard's interval of a page's children: what ``Page.route`` reads, by
    the same indexes), each with whether a view restriction sits on it, in one statement.

    Written out: the ORM took some 25 ms to compile the same as nested subqueries, and
    ``url_path`` has no index to find the levels by.
    """
    quote = connection.ops.quote_name
    page, restriction = quote(Page._meta.db_table), quote(PageViewRestriction._meta.db_table)
    first, last = "0" * Page.steplen, "Z" * Page.steplen
    joins, params = [], []
    for level, slug in enumerate(components, start=1):
        parent = f"l{level - 1}.path" if level > 1 else "%s"
        condition = (
            f"l{level}.depth = %s AND l{level}.slug = %s"
            f" AND l{level}.path >= {parent} || '{first}' AND l{level}.path <= {parent} || '{last}'"
        )
        if level == 1:
            joins.append(f"{page} l1")
            first_condition, first_params = condition, [root.depth + 1, slug, root.path, root.path]
        else:
            joins.append(f"JOIN {page} l{level} ON {condition}")
            params += [root.depth + level, slug]
    ancestors = _ancestors(root)
    marks = ", ".join(["%s"] * len(ancestors))
    select = (
        f"SELECT p.*, EXISTS(SELECT 1 FROM {restriction} r WHERE r.page_id = p.id) AS restricted"
        f" FROM {page} p"
    )
    if not components:
        return f"{select} WHERE p.path IN ({marks}) ORDER BY p.path", ancestors
    ids = ", ".join(f"l{level}.id AS id{level}" for level in range(1, len(components) + 1))
    chain = f"SELECT {ids} FROM {' '.join(joins)} WHERE {first_condition}"
    levels = " ".join(
        f"UNION ALL SELECT id{level} FROM chain" for level in range(1, len(components) + 1)
    )
    # One IN over a union: an OR of subqueries had PostgreSQL read the whole page table.
    sql = (
        f"WITH chain AS ({chain}) {select} WHERE p.id IN"
        f" (SELECT a.id FROM {page} a WHERE a.path IN ({marks}) {levels}) ORDER BY p.path"
    )
    return sql, params + first_params + ancestors


def _ancestors(root: Page) -> list[str]:
    """The paths of the root's ancestors and its own."""
    return [root.path[:end] for end in range(Page.steplen, len(root.path) + 1, Page.steplen)]


def _specific(page: Page) -> Page:
    """``page.specific``, with the picture ``page_meta`` shows (its Open Graph image)."""
    model = page.specific_class
    pictures = [
        name
        for name in PICTURE_FIELDS
        if isinstance(getattr(model, name, None), ForwardManyToOneDescriptor)
    ]
    return model._base_manager.select_related(*pictures).get(pk=page.pk)


def _routes_by_default(model: type | None) -> bool:
    return model is not None and getattr(model, "route", None) is Page.route
