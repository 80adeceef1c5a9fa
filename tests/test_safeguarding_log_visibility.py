"""The log of the moderators' ticks (issue 19) is in Wagtail's site history for staff, and
never shown to another signatory's editors there."""

import pytest
from django.urls import reverse

from tests.test_safeguarding_review import (  # noqa: F401
    PHONE,
    action_url,
    client_for,
    editor,  # noqa: F811
    keys,
    moderation,
    moderator,  # noqa: F811
    other_editor,  # noqa: F811
    risky,
)

pytestmark = pytest.mark.django_db


def test_staff_read_the_ticks_in_the_site_history_other_editors_do_not(
    other_editor,  # noqa: F811
    moderator,  # noqa: F811
    editor,  # noqa: F811
    risky,  # noqa: F811
):
    client_for(moderator).post(
        action_url(risky, "approve"),
        {"review_task_state": risky.current_workflow_task_state.pk, "checked": keys(risky)},
    )
    staff = client_for(moderator).get(reverse("wagtailadmin_reports:site_history"))
    assert PHONE in staff.content.decode()
    for url in (
        reverse("wagtailadmin_reports:site_history"),
        "/admin/reports/site-history/results/",
    ):
        response = client_for(other_editor).get(url)
        assert PHONE not in response.content.decode(), url
