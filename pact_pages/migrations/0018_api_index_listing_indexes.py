"""Indexes that keep the directory's and the map's lists bounded by the page they show.

- ``pact_api_kind_facets``: a filtered list's count read from the index alone ("any of
  these Ps" is a list of ``pillar_mask`` values; then country, type and place).
- The titles in the alphabetical order of each content language
  (:mod:`pact_pages.api.title_indexes`, made again after every ``migrate`` for a language
  added since). Going back leaves them: they go with the table.
"""

from django.db import migrations, models


def create_title_indexes(apps, schema_editor) -> None:
    from pact_pages.api import title_indexes

    title_indexes.ensure(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("pact_pages", "0017_search_index")]

    operations = [
        migrations.AddIndex(
            model_name="apiindexentry",
            index=models.Index(
                fields=[
                    "kind",
                    "locale",
                    "pillar_mask",
                    "country",
                    "signatory_type",
                    "latitude",
                    "longitude",
                    "page",
                ],
                name="pact_api_kind_facets",
            ),
        ),
        migrations.RunPython(create_title_indexes, migrations.RunPython.noop, elidable=True),
    ]
