"""Removes a user's two-factor devices (lost phone): ``twofactor_reset --username X``.

The user signs in with the password alone next time (and must set up a new app if a setting
requires two-factor sign-in for them).
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Remove a user's two-factor devices so that they can set up a new one."

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)

    def handle(self, *args, username: str, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as error:
            raise CommandError(f"No user {username!r}.") from error
        deleted, _ = TOTPDevice.objects.filter(user=user).delete()
        self.stdout.write(f"Removed {deleted} two-factor device(s) of {username}.")
