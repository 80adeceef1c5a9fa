"""Safeguarding findings that a moderator ticked as checked (pact_pages.safeguarding).

The "Pact moderation" workflow's task ("Congress moderators approve", a group approval task)
becomes a ``SafeguardingApprovalTask`` in place: same id, groups, workflows and task
states, so pages in moderation stay there. Going back turns it into a group approval task.
"""

from importlib import import_module

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

TASK = "Congress moderators approve"
removal = import_module("pact_pages.migrations.0014_removal_takes_content")


def _content_type(apps, model: str):
    content_types = apps.get_model("contenttypes", "ContentType")
    app_label = "pact_pages" if model == "safeguardingapprovaltask" else "wagtailcore"
    return content_types.objects.get_or_create(app_label=app_label, model=model)[0]


def convert_task(apps, schema_editor):
    group_tasks = apps.get_model("wagtailcore", "GroupApprovalTask")
    tasks = apps.get_model("wagtailcore", "Task")
    safeguarding_tasks = apps.get_model("pact_pages", "SafeguardingApprovalTask")
    content_type = _content_type(apps, "safeguardingapprovaltask")
    for task in group_tasks.objects.filter(name=TASK):
        # The child row only (raw): the task's own rows stay as they are.
        safeguarding_tasks(groupapprovaltask_ptr_id=task.pk).save_base(raw=True)
        tasks.objects.filter(pk=task.pk).update(content_type=content_type)


def restore_task(apps, schema_editor):
    """A group approval task again, or gone with its workflow: a later migration's reverse
    (0014's clean-up) may have removed the workflow, and only knows group approval tasks."""
    tasks = apps.get_model("wagtailcore", "Task")
    safeguarding_tasks = apps.get_model("pact_pages", "SafeguardingApprovalTask")
    for task in safeguarding_tasks.objects.all():
        if not task.workflow_tasks.exists():
            task.delete()  # with its parents' rows and task states
    tasks.objects.filter(content_type=_content_type(apps, "safeguardingapprovaltask")).update(
        content_type=_content_type(apps, "groupapprovaltask")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("pact_pages", "0023_api_index_counts"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SafeguardingApprovalTask",
            fields=[
                (
                    "groupapprovaltask_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="wagtailcore.groupapprovaltask",
                    ),
                ),
            ],
            options={
                "verbose_name": "Group approval with safeguarding check",
                "verbose_name_plural": "Group approvals with safeguarding check",
            },
            bases=("wagtailcore.groupapprovaltask",),
        ),
        migrations.CreateModel(
            name="SafeguardingCheck",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "checked_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="checked at"
                    ),
                ),
                ("finding_key", models.CharField(max_length=64, verbose_name="finding")),
                ("kind", models.CharField(max_length=20, verbose_name="kind")),
                ("field", models.CharField(max_length=255, verbose_name="field")),
                ("passage", models.TextField(verbose_name="passage")),
                (
                    "page",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="page",
                    ),
                ),
                (
                    "revision",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailcore.revision",
                        verbose_name="revision",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="checked by",
                    ),
                ),
            ],
            options={
                "verbose_name": "safeguarding check",
                "verbose_name_plural": "safeguarding checks",
                "ordering": ["-checked_at", "-pk"],
                "indexes": [
                    models.Index(fields=["page", "finding_key"], name="pact_sgcheck_page_key")
                ],
            },
        ),
        # migrate pact_pages zero: the plugin's pages, groups and workflow go (0014's reverse)
        # while these tables exist, Django's collector reading them; the task is a group
        # approval task again first (operations are reversed last first), which 0014 removes.
        migrations.RunPython(migrations.RunPython.noop, removal.remove_content, elidable=False),
        migrations.RunPython(convert_task, restore_task),
    ]
