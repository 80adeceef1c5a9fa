"""python manage.py rebuild_api_index: rebuilds the API's read index and the search index
(pact_pages.search, written with it) from the live pages.

The index keeps itself fresh as pages change; run this after importing content with
signals disabled (raw fixtures, SQL), or to check it (``--check`` compares without writing).
"""

import time

from django.core.management.base import BaseCommand, CommandError

from pact_pages.api import index
from pact_pages.api.models import ApiIndexEntry
from pact_pages.public.page_cache_signals import content_changed


class Command(BaseCommand):
    help = (
        "Rebuild the API's read index (list endpoints of /api/pact/v1/) and the search index "
        "from the live pages."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only report whether the index matches the live pages; exit 1 if not.",
        )

    def handle(self, *args, check: bool = False, **options):
        if check:
            stale = index.differences()
            if stale:
                raise CommandError(
                    f"The API index differs from the live pages for {stale} page(s)."
                )
            self.stdout.write(self.style.SUCCESS("The API index matches the live pages."))
            return
        started = time.monotonic()
        written = index.rebuild()
        # Listings read the index: pages kept by the page and layout caches are stale now.
        content_changed()
        self.stdout.write(
            self.style.SUCCESS(
                f"{written} entries written ({ApiIndexEntry.objects.count()} in the index) in "
                f"{time.monotonic() - started:.1f} s."
            )
        )
