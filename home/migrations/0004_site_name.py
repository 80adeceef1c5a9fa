"""Gives the site its name: without one, Wagtail titles the dashboard of every user who may
not explore the whole tree (signatory editors, translators) with the host name, "localhost".

The name is the campaign's, in the site's default language; Settings > Sites changes it.
"""

from django.conf import settings
from django.db import migrations
from django.utils import translation


def name_the_sites(apps, schema_editor):
    Site = apps.get_model("wagtailcore.Site")
    with translation.override(settings.LANGUAGE_CODE):
        name = str(getattr(settings, "WAGTAIL_SITE_NAME", "") or "")
    if name:
        Site.objects.filter(site_name="").update(site_name=name[:255])


class Migration(migrations.Migration):
    dependencies = [("home", "0003_social_links")]

    operations = [migrations.RunPython(name_the_sites, migrations.RunPython.noop)]
