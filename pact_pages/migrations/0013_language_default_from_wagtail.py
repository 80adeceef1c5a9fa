"""The language fields default to Wagtail's default content language, computed when a row is
created: the host's LANGUAGE_CODE no longer ends up in the plugin's migrations."""

from django.db import migrations, models

import pact_pages.core.reader_links


class Migration(migrations.Migration):
    dependencies = [
        ("pact_pages", "0012_api_index_dates"),
    ]

    operations = [
        migrations.AlterField(
            model_name="newslettersubscriber",
            name="language",
            field=models.CharField(
                default=pact_pages.core.reader_links.source_language,
                max_length=10,
                verbose_name="language",
            ),
        ),
        migrations.AlterField(
            model_name="signuprequest",
            name="language",
            field=models.CharField(
                default=pact_pages.core.reader_links.source_language,
                max_length=10,
                verbose_name="language",
            ),
        ),
    ]
