"""python manage.py demo_logins: prints the demo users' logins."""

from django.conf import settings
from django.core.management.base import BaseCommand

from home.demo.builder import DEMO_USERS


class Command(BaseCommand):
    help = "Print the demo logins (for the local demo only)."

    def handle(self, *args, **options):
        admin_url = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/"
        self.stdout.write(f"\nDemo site: {settings.WAGTAILADMIN_BASE_URL}   admin: {admin_url}")
        for user in DEMO_USERS:
            self.stdout.write(f"  {user.username:<11} {user.password:<22} {user.role}")
        self.stdout.write("")
