"""Action plans, reporting rounds and reports (pact_pages.follow_up)."""

import uuid
from importlib import import_module

import django.core.validators
import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models

import pact_pages.core.templating
import pact_pages.follow_up.rounds

# migrate pact_pages zero: the plugin's pages go (0014's reverse) while these tables, which
# Django's collector reads when a page is deleted, still exist.
removal = import_module("pact_pages.migrations.0014_removal_takes_content")


class Migration(migrations.Migration):
    dependencies = [
        ("pact_pages", "0026_events"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ActionPlanPage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                ("introduction", models.TextField(blank=True, verbose_name="introduction")),
            ],
            options={
                "verbose_name": "action plan",
                "verbose_name_plural": "action plans",
            },
            bases=(pact_pages.core.templating.BaseTemplateMixin, "wagtailcore.page"),
        ),
        migrations.CreateModel(
            name="ReportingRoundIndexPage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                ("introduction", models.TextField(blank=True, verbose_name="introduction")),
            ],
            options={
                "verbose_name": "follow-up of the Pact",
                "verbose_name_plural": "follow-up sections",
            },
            bases=(pact_pages.core.templating.BaseTemplateMixin, "wagtailcore.page"),
        ),
        migrations.CreateModel(
            name="ReportingRoundPage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                ("period_start", models.DateField(verbose_name="start of the period reported on")),
                ("period_end", models.DateField(verbose_name="end of the period reported on")),
                ("deadline", models.DateField(verbose_name="deadline for reports")),
                (
                    "question_prevention",
                    models.TextField(blank=True, verbose_name="question on prevention"),
                ),
                (
                    "question_protection",
                    models.TextField(blank=True, verbose_name="question on protection"),
                ),
                (
                    "question_prosecution",
                    models.TextField(blank=True, verbose_name="question on prosecution"),
                ),
                (
                    "question_participation",
                    models.TextField(blank=True, verbose_name="question on participation"),
                ),
                (
                    "languages",
                    models.JSONField(
                        blank=True,
                        default=pact_pages.follow_up.rounds._default_languages,
                        help_text="Language codes, e.g. en, fr, de.",
                        verbose_name="languages the reports are asked in",
                    ),
                ),
                (
                    "closed",
                    models.BooleanField(
                        default=False,
                        help_text="A closed round takes no new reports and sends no reminders.",
                        verbose_name="closed",
                    ),
                ),
            ],
            options={
                "verbose_name": "reporting round",
                "verbose_name_plural": "reporting rounds",
            },
            bases=(pact_pages.core.templating.BaseTemplateMixin, "wagtailcore.page"),
        ),
        migrations.CreateModel(
            name="PlanAction",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                ("title", models.CharField(max_length=200, verbose_name="action")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                (
                    "target_date",
                    models.DateField(blank=True, null=True, verbose_name="target date"),
                ),
                (
                    "indicator",
                    models.CharField(
                        blank=True,
                        help_text="What you count, e.g. professionals trained.",
                        max_length=120,
                        verbose_name="indicator",
                    ),
                ),
                (
                    "indicator_target",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="target value"),
                ),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="actions",
                        to="pact_pages.actionplanpage",
                    ),
                ),
                (
                    "pillar",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="pact_pages.pillar",
                        verbose_name="P",
                    ),
                ),
            ],
            options={
                "verbose_name": "action",
                "verbose_name_plural": "actions",
                "abstract": False,
                "unique_together": {("translation_key", "locale")},
            },
        ),
        migrations.CreateModel(
            name="ReminderStop",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("stopped_at", models.DateTimeField(auto_now_add=True, verbose_name="stopped at")),
                (
                    "signatory",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="pact_pages.signatorypage",
                        verbose_name="signatory",
                    ),
                ),
                (
                    "stopped_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="stopped by",
                    ),
                ),
            ],
            options={
                "verbose_name": "reminders stopped",
                "verbose_name_plural": "reminders stopped",
            },
        ),
        migrations.CreateModel(
            name="ProgressReportPage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                ("summary", models.TextField(blank=True, verbose_name="summary")),
                (
                    "round",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="pact_pages.reportingroundpage",
                        verbose_name="reporting round",
                    ),
                ),
            ],
            options={
                "verbose_name": "progress report",
                "verbose_name_plural": "progress reports",
            },
            bases=(pact_pages.core.templating.BaseTemplateMixin, "wagtailcore.page"),
        ),
        migrations.CreateModel(
            name="ActionReport",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("not_started", "Not started"),
                            ("in_progress", "In progress"),
                            ("done", "Done"),
                            ("dropped", "Dropped"),
                        ],
                        default="not_started",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                (
                    "progress",
                    models.PositiveSmallIntegerField(
                        default=0,
                        validators=[django.core.validators.MaxValueValidator(100)],
                        verbose_name="progress (%)",
                    ),
                ),
                (
                    "indicator_value",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="A whole number: what the indicator counts so far.",
                        null=True,
                        verbose_name="value of the indicator",
                    ),
                ),
                ("helped", models.TextField(blank=True, verbose_name="what helped")),
                ("hindered", models.TextField(blank=True, verbose_name="what hindered")),
                (
                    "evidence",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="pact_pages.initiativepage",
                        verbose_name="initiative showing it",
                    ),
                ),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
                (
                    "action",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="pact_pages.planaction",
                        verbose_name="action",
                    ),
                ),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="entries",
                        to="pact_pages.progressreportpage",
                    ),
                ),
            ],
            options={
                "verbose_name": "progress of an action",
                "verbose_name_plural": "progress of the actions",
                "abstract": False,
                "unique_together": {("translation_key", "locale")},
            },
        ),
        migrations.CreateModel(
            name="ReminderLog",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("before", "Before the deadline"),
                            ("after", "After the deadline"),
                            ("manual", "Sent by staff"),
                        ],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                (
                    "step",
                    models.CharField(blank=True, default="", max_length=10, verbose_name="step"),
                ),
                ("sent_at", models.DateTimeField(auto_now_add=True, verbose_name="sent at")),
                (
                    "recipients",
                    models.PositiveSmallIntegerField(default=0, verbose_name="recipients"),
                ),
                (
                    "sent_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="sent by",
                    ),
                ),
                (
                    "signatory",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="pact_pages.signatorypage",
                        verbose_name="signatory",
                    ),
                ),
                (
                    "round",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="pact_pages.reportingroundpage",
                        verbose_name="reporting round",
                    ),
                ),
            ],
            options={
                "verbose_name": "reminder sent",
                "verbose_name_plural": "reminders sent",
                "ordering": ["-sent_at"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("round", "signatory", "kind", "step"),
                        name="unique_reminder_per_step",
                    )
                ],
            },
        ),
        migrations.RunPython(migrations.RunPython.noop, removal.remove_content, elidable=False),
    ]
