"""The site-wide figures of the home page's counters, stored with the read index's totals,
and an index for the initiative library filtered by country (and status).

Until the index next changes, a site upgraded to this migration counts the figures from its
pages (pact_pages.signatories.stats.signatory_counts), as before.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("pact_pages", "0018_api_index_listing_indexes")]

    operations = [
        migrations.CreateModel(
            name="ApiIndexFigure",
            fields=[
                ("name", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("value", models.PositiveIntegerField()),
            ],
        ),
        migrations.AddIndex(
            model_name="apiindexentry",
            index=models.Index(
                fields=["kind", "locale", "country", "status", "first_published_at"],
                name="pact_api_kind_country",
            ),
        ),
    ]
