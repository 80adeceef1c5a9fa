"""The newsletter: double opt-in, idempotent sign-up, one-click unsubscribe, staff list and
export, retention and the person's rights (export / erase)."""

import csv
import datetime
import io
import json
import re

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from pact_pages.models import NewsletterSubscriber
from pact_pages.moderation.workflow import setup_moderation
from pact_pages.newsletter.subscriptions import CONFIRM_SALT, UNSUBSCRIBE_SALT
from pact_pages.signatories import access

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "Reader@Example.org ",
    "language": "fr",
    "pillars": ["prevention", "participation"],
    "consent": "on",
}
SENT_TEXT = "We have sent an e-mail to the address you gave"


def _subscribe(client, page, **changes):
    return client.post(page.url, {**SIGNUP, **changes})


def _links(message) -> dict[str, str]:
    """The confirmation and unsubscribe paths in a mail's plain-text body."""
    found = dict(
        re.findall(r"http://testserver(/newsletter/(confirm|unsubscribe)/[^/\s]+/)", message.body)
    )
    return {kind: path for path, kind in found.items()}


def _confirmed(email="reader@example.org", language="fr", pillars=",prevention,"):
    now = timezone.now()
    return NewsletterSubscriber.objects.create(
        email=email, language=language, pillars=pillars, consented_at=now, confirmed_at=now
    )


class TestSignUp:
    def test_subscribe_mail_in_chosen_language_then_confirm(self, client, newsletter_page):
        response = _subscribe(client, newsletter_page)

        assert response.status_code == 302 and response["Location"].endswith("?sent=1")
        assert SENT_TEXT in client.get(response["Location"]).content.decode()
        subscriber = NewsletterSubscriber.objects.get()
        assert subscriber.email == "reader@example.org"  # normalised
        assert subscriber.language == "fr"
        assert subscriber.pillar_slugs == ["prevention", "participation"]
        assert subscriber.consented_at is not None and subscriber.confirmed_at is None
        [message] = mail.outbox
        assert message.to == ["reader@example.org"]
        assert "veuillez confirmer" in message.subject  # French, the chosen language
        html = message.alternatives[0][0]
        assert "<a href=" in html and 'lang="fr"' in html
        links = _links(message)
        assert message.extra_headers["List-Unsubscribe"] == (
            f"<http://testserver{links['unsubscribe']}>"
        )
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

        page = client.get(links["confirm"])

        assert page.status_code == 200
        assert "Abonnement confirmé" in page.content.decode()
        assert "no-store" in page["Cache-Control"]
        subscriber.refresh_from_db()
        assert subscriber.confirmed_at is not None
        # Following the link again is harmless.
        assert client.get(links["confirm"]).status_code == 200
        assert NewsletterSubscriber.objects.count() == 1

    def test_stores_only_what_the_privacy_notice_lists(self):
        fields = {field.name for field in NewsletterSubscriber._meta.get_fields()}
        assert fields == {"id", "email", "language", "pillars", "consented_at", "confirmed_at"}

    def test_signing_up_again_is_idempotent_and_reveals_nothing(self, client, newsletter_page):
        first = _subscribe(client, newsletter_page)
        again = _subscribe(client, newsletter_page, email="READER@example.org")
        _confirmed(email="known@example.org")
        known = _subscribe(client, newsletter_page, email="known@example.org")
        unknown = _subscribe(client, newsletter_page, email="new@example.org")

        assert [r.status_code for r in (first, again, known, unknown)] == [302] * 4
        assert len({r["Location"] for r in (first, again, known, unknown)}) == 1
        assert NewsletterSubscriber.objects.filter(email="reader@example.org").count() == 1
        assert NewsletterSubscriber.objects.count() == 3
        # The confirmed subscriber's choices are not changed by someone else's form...
        known_row = NewsletterSubscriber.objects.get(email="known@example.org")
        assert known_row.pillars == ",prevention," and known_row.language == "fr"
        # ...its owner gets an "already subscribed" mail with a link to apply them.
        already = [m for m in mail.outbox if m.to == ["known@example.org"]]
        assert len(already) == 1 and "déjà abonné" in already[0].subject
        client.get(_links(already[0])["confirm"])
        known_row.refresh_from_db()
        assert known_row.pillar_slugs == ["prevention", "participation"]

    def test_mails_to_one_address_are_throttled(self, client, newsletter_page, settings):
        settings.PACT_NEWSLETTER_MAIL_RATE_LIMIT = (2, 3600)
        for _ in range(4):
            assert _subscribe(client, newsletter_page).status_code == 302

        assert len(mail.outbox) == 2
        assert NewsletterSubscriber.objects.count() == 1

    def test_a_bad_address_is_refused_with_a_message(self, client, newsletter_page):
        response = _subscribe(client, newsletter_page, email="not-an-address", consent="")

        html = response.content.decode()
        assert response.status_code == 400
        assert "Enter an e-mail address such as name@example.org." in html
        assert "Please accept the privacy notice to subscribe." in html
        assert 'role="alert"' in html
        assert not NewsletterSubscriber.objects.exists() and not mail.outbox

    @pytest.mark.parametrize("email", ["a@\u200fexample.org", "a@" + "ü" * 63 + ".example"])
    def test_an_address_no_mail_can_reach_is_refused(self, client, newsletter_page, email):
        # Found by tests/test_form_fuzz.py: Django's validator takes these domains, but IDNA
        # cannot encode them: the page said "we have sent an e-mail" and none could be sent.
        response = _subscribe(client, newsletter_page, email=email)

        assert response.status_code == 400
        assert "Enter an e-mail address such as name@example.org." in response.content.decode()
        assert not NewsletterSubscriber.objects.exists() and not mail.outbox

    def test_the_honeypot_stores_and_sends_nothing(self, client, newsletter_page):
        response = _subscribe(client, newsletter_page, website_url="https://spam.example")

        assert response.status_code == 302  # the same answer as everyone
        assert not NewsletterSubscriber.objects.exists() and not mail.outbox

    def test_too_many_sign_ups_from_one_address_get_429(self, client, newsletter_page, settings):
        settings.PACT_NEWSLETTER_RATE_LIMIT = (2, 3600)
        for number in range(2):
            _subscribe(client, newsletter_page, email=f"r{number}@example.org")

        response = _subscribe(client, newsletter_page, email="r9@example.org")

        assert response.status_code == 429
        assert "Too many requests" in response.content.decode()
        assert NewsletterSubscriber.objects.count() == 2

    def test_home_page_field_opens_the_page_with_the_address(self, client, newsletter_page):
        home = client.get("/en/")
        assert f'action="{newsletter_page.url}"' in home.content.decode()
        assert "public" in home["Cache-Control"]  # no CSRF token: still cacheable

        page = client.get(newsletter_page.url, {"email": "reader@example.org"})

        assert 'value="reader@example.org"' in page.content.decode()
        assert not NewsletterSubscriber.objects.exists()  # a GET stores nothing

    def test_page_and_sign_up_take_a_bounded_number_of_queries(
        self, client, newsletter_page, django_assert_max_num_queries
    ):
        client.get(newsletter_page.url)  # warms the site root cache
        with django_assert_max_num_queries(16):
            assert client.get(newsletter_page.url).status_code == 200
        with django_assert_max_num_queries(20):
            assert _subscribe(client, newsletter_page).status_code == 302


class TestLinks:
    def test_a_tampered_link_gives_a_clear_page(self, client, newsletter_page):
        _subscribe(client, newsletter_page)
        path = _links(mail.outbox[0])["confirm"]

        response = client.get(path.replace("/confirm/", "/confirm/x"))

        assert response.status_code == 400
        assert "This link is not valid" in response.content.decode()
        assert NewsletterSubscriber.objects.get().confirmed_at is None

    def test_an_expired_link_gives_a_clear_page(self, client, newsletter_page, settings):
        subscriber = NewsletterSubscriber.objects.create(
            email="late@example.org", language="en", consented_at=timezone.now()
        )
        payload = {"i": subscriber.pk, "h": "whatever", "l": "en", "p": []}
        signer = signing.TimestampSigner(salt=CONFIRM_SALT)
        old = timezone.now() - datetime.timedelta(
            days=settings.PACT_NEWSLETTER_UNCONFIRMED_DAYS + 1
        )
        signer.timestamp = lambda: signing.b62_encode(int(old.timestamp()))
        token = signer.sign_object(payload, compress=True)

        response = client.get(reverse("pact_newsletter_confirm", args=[token]))

        assert response.status_code == 400
        assert "has expired" in response.content.decode()
        assert subscriber.__class__.objects.get().confirmed_at is None

    def test_a_link_for_a_deleted_subscription_says_so(self, client, newsletter_page):
        _subscribe(client, newsletter_page)
        path = _links(mail.outbox[0])["confirm"]
        NewsletterSubscriber.objects.all().delete()

        response = client.get(path)

        assert response.status_code == 410
        assert "no longer exists" in response.content.decode()

    def test_a_token_of_another_kind_is_refused(self, client, newsletter_page):
        token = signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object({"i": 1, "h": "x"})
        assert client.get(reverse("pact_newsletter_confirm", args=[token])).status_code == 400


class TestUnsubscribe:
    def test_get_asks_and_post_unsubscribes_idempotently(self, client, newsletter_page):
        _subscribe(client, newsletter_page)
        path = _links(mail.outbox[0])["unsubscribe"]

        asked = client.get(path)

        assert asked.status_code == 200 and "no-store" in asked["Cache-Control"]
        assert f'method="post" action="{path}"' in asked.content.decode()
        assert NewsletterSubscriber.objects.exists()  # a GET (a link scanner) changes nothing
        done = client.post(path)
        assert done.status_code == 200
        assert "désabonné" in done.content.decode()  # the subscriber's language
        assert not NewsletterSubscriber.objects.exists()
        assert client.post(path).status_code == 200  # again: still fine
        assert "nothing to do" in client.get(path).content.decode()

    def test_rfc_8058_one_click_post_without_csrf_token(self, newsletter_page):
        from django.test import Client

        _confirmed()
        strict = Client(enforce_csrf_checks=True)
        _subscribe(strict, newsletter_page, email="x@example.org")  # refused (no token)
        subscriber = NewsletterSubscriber.objects.get()
        from pact_pages.newsletter.subscriptions import unsubscribe_token

        response = strict.post(
            reverse("pact_newsletter_unsubscribe", args=[unsubscribe_token(subscriber)]),
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )

        assert response.status_code == 200
        assert not NewsletterSubscriber.objects.exists()

    def test_a_forged_unsubscribe_link_is_refused(self, client):
        _confirmed()
        forged = signing.Signer(salt="another").sign_object({"i": 1, "h": "x"})

        response = client.post(reverse("pact_newsletter_unsubscribe", args=[forged]))

        assert response.status_code == 400
        assert NewsletterSubscriber.objects.exists()


@pytest.fixture
def moderator_client(client, django_user_model):
    user = django_user_model.objects.create_user(username="moderator", password="pw")
    user.groups.add(setup_moderation().group)
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(client, django_user_model, signatory):
    setup_moderation()
    user = django_user_model.objects.create_user(username="editor", password="pw")
    access.grant(user, signatory)
    client.force_login(user)
    return client


class TestAdmin:
    INDEX = "/admin/pact/newsletter/"

    def test_moderators_list_filter_and_search(self, moderator_client):
        assert self.INDEX in moderator_client.get("/admin/").content.decode()  # the menu item
        _confirmed("anna@example.org", "fr", ",prevention,")
        _confirmed("boris@example.org", "ru", ",participation,")
        NewsletterSubscriber.objects.create(
            email="carla@example.org", language="it", consented_at=timezone.now()
        )

        def emails(**query):
            html = moderator_client.get(self.INDEX, query).content.decode()
            return sorted(set(re.findall(r"[a-z]+@example\.org", html)))

        assert emails() == ["anna@example.org", "boris@example.org", "carla@example.org"]
        assert emails(language="ru") == ["boris@example.org"]
        assert emails(pillar="prevention") == ["anna@example.org", "carla@example.org"]
        assert emails(confirmed="false") == ["carla@example.org"]
        assert emails(q="bor") == ["boris@example.org"]

    def test_no_add_or_edit_but_moderators_may_delete(self, moderator_client):
        subscriber = _confirmed()

        assert moderator_client.get(self.INDEX + "new/").status_code in (302, 403)
        assert moderator_client.get(self.INDEX + f"edit/{subscriber.pk}/").status_code in (302, 403)
        response = moderator_client.post(self.INDEX + f"delete/{subscriber.pk}/")
        assert response.status_code == 302
        assert not NewsletterSubscriber.objects.exists()

    def test_a_signatory_editor_is_refused(self, editor_client):
        subscriber = _confirmed()

        assert editor_client.get(self.INDEX).status_code in (302, 403)
        assert self.INDEX not in editor_client.get("/admin/").content.decode()  # no menu item
        assert editor_client.get(self.INDEX + "export.csv").status_code == 403
        editor_client.post(self.INDEX + f"delete/{subscriber.pk}/")
        assert NewsletterSubscriber.objects.exists()

    def test_csv_export_of_confirmed_subscribers(
        self, moderator_client, django_assert_max_num_queries
    ):
        for number in range(30):
            _confirmed(f"p{number}@example.org", "de", ",protection,")
        NewsletterSubscriber.objects.create(
            email="waiting@example.org", language="en", consented_at=timezone.now()
        )
        _confirmed("=cmd@example.org")

        with django_assert_max_num_queries(16):
            response = moderator_client.get(self.INDEX + "export.csv")
            content = b"".join(response.streaming_content).decode("utf-8-sig")

        assert response["Content-Type"].startswith("text/csv")
        assert "no-store" in response["Cache-Control"]
        rows = list(csv.DictReader(io.StringIO(content)))
        assert len(rows) == 31
        assert rows[0]["email"] == "p0@example.org"
        assert rows[0]["language"] == "de" and rows[0]["pillars"] == "protection"
        assert rows[0]["confirmed_at"]
        assert "waiting@example.org" not in content
        assert "'=cmd@example.org" in content  # never run as a spreadsheet formula


class TestCommands:
    def test_purge_deletes_old_unconfirmed_sign_ups_only(self, settings):
        settings.PACT_NEWSLETTER_UNCONFIRMED_DAYS = 7
        old = timezone.now() - datetime.timedelta(days=8)
        NewsletterSubscriber.objects.create(email="old@example.org", consented_at=old)
        NewsletterSubscriber.objects.create(email="new@example.org", consented_at=timezone.now())
        _confirmed("kept@example.org")
        NewsletterSubscriber.objects.filter(email="kept@example.org").update(consented_at=old)
        out = io.StringIO()

        call_command("purge_newsletter", "--dry-run", stdout=out)
        assert NewsletterSubscriber.objects.count() == 3
        call_command("purge_newsletter", stdout=out)

        assert "1 unconfirmed" in out.getvalue()
        assert sorted(NewsletterSubscriber.objects.values_list("email", flat=True)) == [
            "kept@example.org",
            "new@example.org",
        ]

    def test_export_and_erase(self):
        _confirmed()
        out = io.StringIO()

        call_command("newsletter_subscriber", "export", "--email", "READER@example.org", stdout=out)

        data = json.loads(out.getvalue())
        [record] = data["newsletter_subscriptions"]
        assert record["email"] == "reader@example.org"
        assert record["language"] == "fr" and record["pillar_slugs"] == ["prevention"]
        assert record["consented_at"] and record["confirmed_at"]
        call_command(
            "newsletter_subscriber", "erase", "--email", "reader@example.org", "--yes", stdout=out
        )
        assert not NewsletterSubscriber.objects.exists()
        assert "Erased" in out.getvalue()
