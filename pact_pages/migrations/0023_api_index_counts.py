"""Counts per (kind, language, country / tag / commitment) stored with the read index, and
each signatory row's commitments, for the facet endpoints (pact_pages.api.index_counts).

The signatory rows already indexed get their commitments here, from their pages (a live
page's row holds its published text). The stored totals are removed: the lists count
themselves until the counts are taken again, all at once, after this migrate
(pact_pages.api.index.rebuild_if_empty) or at the next publish.
"""

from importlib import import_module

from django.db import migrations, models

removal = import_module("pact_pages.migrations.0014_removal_takes_content")

# Bits in PILLAR_SLUGS order (pact_pages.pillars.models).
SLUGS = ("prevention", "protection", "prosecution", "participation")
FILL = (
    "UPDATE pact_pages_apiindexentry SET commitment_mask = (SELECT {bits} "
    "FROM pact_pages_signatorypage s WHERE s.page_ptr_id = pact_pages_apiindexentry.page_id) "
    "WHERE kind = 's'"
)


def fill(apps, schema_editor) -> None:
    bits = " + ".join(
        f"(CASE WHEN s.commitment_{slug} <> '' THEN {1 << n} ELSE 0 END)"
        for n, slug in enumerate(SLUGS)
    )
    schema_editor.execute(FILL.format(bits=bits))
    apps.get_model("pact_pages", "ApiIndexTotal").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("pact_pages", "0022_api_index_title_keys")]

    operations = [
        migrations.AddField(
            model_name="apiindexentry",
            name="commitment_mask",
            field=models.PositiveSmallIntegerField(null=True),
        ),
        migrations.CreateModel(
            name="ApiIndexCount",
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
                        choices=[("s", "signatory"), ("i", "initiative")], max_length=1
                    ),
                ),
                (
                    "facet",
                    models.CharField(
                        choices=[
                            ("country", "country"),
                            ("tag", "tag"),
                            ("commitment", "commitment"),
                        ],
                        max_length=16,
                    ),
                ),
                ("value", models.CharField(max_length=100)),
                ("items", models.PositiveIntegerField()),
                (
                    "locale",
                    models.ForeignKey(
                        on_delete=models.deletion.CASCADE,
                        related_name="+",
                        to="wagtailcore.locale",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "locale", "facet", "value"), name="pact_api_count_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        # On the way to zero: the plugin's content goes while this schema is still there (its
        # deletions read the index rows with every column the models know).
        migrations.RunPython(migrations.RunPython.noop, removal.remove_content, elidable=False),
    ]
