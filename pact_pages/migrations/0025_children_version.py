"""An initiative's optional version for children (pact_pages.initiatives)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("pact_pages", "0024_safeguarding_reviews"),
        ("wagtailimages", "0027_image_description"),
    ]

    # Every existing initiative has no version for children yet: the index's new column is
    # right at its default, and nothing needs to be rebuilt.
    operations: list = [
        migrations.AddField(
            model_name="apiindexentry",
            name="for_children",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="initiativepage",
            name="children_helpline",
            field=models.CharField(
                blank=True,
                help_text="Where a child can get help, for example 116 111.",
                max_length=100,
                verbose_name="helpline",
            ),
        ),
        migrations.AddField(
            model_name="initiativepage",
            name="children_image",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailimages.image",
                verbose_name="picture for children",
            ),
        ),
        migrations.AddField(
            model_name="initiativepage",
            name="children_meaning",
            field=models.TextField(
                blank=True,
                help_text="What changes for a child: who they can talk to, what they can do.",
                verbose_name="what it means for a child",
            ),
        ),
        migrations.AddField(
            model_name="initiativepage",
            name="children_summary",
            field=models.TextField(
                blank=True,
                help_text="What the initiative is about, in a few short sentences for children.",
                verbose_name="summary for children",
            ),
        ),
        migrations.AddIndex(
            model_name="apiindexentry",
            index=models.Index(
                fields=["kind", "for_children", "locale", "first_published_at"],
                name="pact_api_kind_children",
            ),
        ),
    ]
