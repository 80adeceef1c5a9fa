"""python manage.py load_demo: fills an empty site with the realistic demo content."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from home.demo.builder import DemoBuilder


class Command(BaseCommand):
    help = (
        "Load the demo site (signatories, initiatives, users). "
        "Running it again adds only what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw a progress bar."
        )

    def handle(self, *args, no_progress: bool = False, **options):
        def progress(items, label):
            return tqdm(items, desc=label, unit="page", disable=no_progress, file=self.stderr._out)

        DemoBuilder(progress=progress).build()
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
