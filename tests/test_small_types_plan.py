"""SQLite starts from the small page types' own tables (pact_pages.core.queries.from_own_table).

Without statistics for a type's table (an empty table, or a site that never ran ANALYZE),
SQLite joined it from the page tree: every live page of the locale walked to find no event,
plan, report or round, 90 ms a query on the home page and twice on a profile at 110,000
pages (`make bench`, 2026-12-06). The plans do not depend on the number of rows without
statistics, so a small test database shows the same plan as a large one.
"""

import pytest
from django.db import connection
from wagtail.models import Locale

from pact_pages.events import queries as event_queries
from pact_pages.follow_up import queries as follow_up_queries
from pact_pages.progress import public

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's planner; PostgreSQL has statistics"
)


def plan(queryset) -> list[str]:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return [row[-1] for row in cursor.fetchall()]


def test_each_small_type_is_read_from_its_own_table_first(home_page, signatory):
    english = Locale.objects.get(language_code="en")
    querysets = {
        "events": event_queries.public_events(english)[:3],
        "plans": public.published_plans(),
        "reports": public.published_reports(),
        "rounds": follow_up_queries.rounds(english),
        "signatory's plan": follow_up_queries.reports_of_signatory(signatory, english),
    }
    for name, queryset in querysets.items():
        steps = plan(queryset)
        # Good: the type's table first, or the tree by the ids it gave (rowid=?, the IN list).
        walks_the_tree = "wagtailcore_page" in steps[0] and "rowid=?" not in steps[0]
        assert not walks_the_tree, (name, steps)
        assert any("pact_pages_" in step for step in steps[:2]), (name, steps)
