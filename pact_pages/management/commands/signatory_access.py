"""python manage.py signatory_access grant|revoke|list USER [SIGNATORY]: editing rights by hand."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Case, Q, When
from wagtail.models import Locale

from pact_pages.signatories import access
from pact_pages.signatories.models import SignatoryPage


class Command(BaseCommand):
    help = (
        "Grant or revoke a user's right to edit a signatory (all its translations and media), "
        "or list the signatories a user can edit. USER is a user name or e-mail; SIGNATORY a "
        "page id or slug."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["grant", "revoke", "list"])
        parser.add_argument("user")
        parser.add_argument("signatory", nargs="?")

    def handle(self, *args, action: str, user: str, signatory: str | None, **options):
        person = self._user(user)
        if action == "list":
            for page in access.signatories_of(person):
                self.stdout.write(f"{page.pk}\t{page.locale.language_code}\t{page.title}")
            return
        if not signatory:
            raise CommandError("Name the signatory (page id or slug).")
        page = self._signatory(signatory)
        if action == "grant":
            access.grant(person, page)
            self.stdout.write(self.style.SUCCESS(f"{person} may now edit {page.title}."))
        elif access.revoke(person, page):
            self.stdout.write(self.style.SUCCESS(f"{person} may no longer edit {page.title}."))
        else:
            raise CommandError(f"{person} had no editing rights on {page.title}.")

    def _user(self, name: str):
        matches = get_user_model().objects.filter(Q(username=name) | Q(email__iexact=name))
        if matches.count() != 1:
            raise CommandError(f"No single user with the user name or e-mail {name!r}.")
        return matches.get()

    def _signatory(self, key: str) -> SignatoryPage:
        lookup = Q(pk=int(key)) if key.isdigit() else Q(slug=key)
        source_first = Case(When(locale=Locale.get_default(), then=0), default=1)
        page = SignatoryPage.objects.filter(lookup).order_by(source_first, "pk").first()
        if page is None:
            raise CommandError(f"No signatory with the id or slug {key!r}.")
        return page
