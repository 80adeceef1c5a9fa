"""Seeds the four Ps in the default locale (names and descriptions from the Pact)."""

import uuid

from django.conf import settings
from django.db import migrations
from wagtail.coreutils import get_supported_content_language_variant

PILLARS = [
    ("prevention", "Prevention", "Prevention of sexual abuse: awareness, education, safe environments and training of those who work with children.", "#1f6f43"),
    ("protection", "Protection", "Protection of child victims: child-friendly services, support and care that put the child's best interest first.", "#1d5fa8"),
    ("prosecution", "Prosecution", "Prosecution of perpetrators: cooperation with police and justice so that offenders are brought to justice.", "#9b2c2c"),
    ("participation", "Participation", "Participation of children: their voices heard in the policies and services that concern them.", "#6b3fa0"),
]

# A stable translation key per P, so that every database that runs this migration
# identifies the same P by the same key (useful for imports between sites).
NAMESPACE = uuid.UUID("6f1a3c52-1b7e-4f0e-9a51-5a1d9c0e4f21")


def seed(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    Pillar = apps.get_model("pact_pages.Pillar")
    # The locale Wagtail takes as the default (Locale.get_default()): LANGUAGE_CODE's variant
    # among the content languages, "en" for "en-us". Wagtail's own migration created it.
    code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locale, _ = Locale.objects.get_or_create(language_code=code)
    for order, (slug, name, description, colour) in enumerate(PILLARS):
        Pillar.objects.get_or_create(
            slug=slug,
            locale=locale,
            defaults={
                "name": name,
                "description": description,
                "colour": colour,
                "sort_order": order,
                "translation_key": uuid.uuid5(NAMESPACE, slug),
            },
        )


def unseed(apps, schema_editor):
    """Leaves the Ps: initiatives may be linked to them (PROTECT), 0001's reverse drops their
    table on the way to zero, and seeding again finds them (get_or_create)."""


class Migration(migrations.Migration):
    dependencies = [
        ("pact_pages", "0001_initial"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
