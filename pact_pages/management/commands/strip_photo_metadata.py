"""Removes the metadata (EXIF: GPS position, camera, dates) of pictures stored before the
site stripped it on upload (pact_pages.safeguarding.exif), and the renditions made from them.

    manage.py strip_photo_metadata [--dry-run]

Run once after installing the plugin on a site that already holds pictures; uploads are
stripped as they come in from then on. Safe to run again: a clean picture is left as it is.
"""

from django.core.management.base import BaseCommand

from pact_pages.safeguarding import exif


class Command(BaseCommand):
    help = "Removes location and other photo data (EXIF) from the pictures already stored."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List the pictures; change nothing."
        )

    def handle(self, *args, dry_run: bool, **options):
        checked = stripped = 0
        for model in exif.picture_models():
            for item in model._default_manager.order_by("pk").iterator(chunk_size=200):
                checked += 1
                if exif.strip_stored(item, dry_run=dry_run):
                    stripped += 1
                    self.stdout.write(f"{model._meta.label} {item.pk}: {item.title}")
        verb = "have" if dry_run else "had"
        summary = f"{stripped} of {checked} pictures and documents {verb} photo metadata"
        self.stdout.write(summary + (" (dry run: nothing changed)." if dry_run else "; removed."))
