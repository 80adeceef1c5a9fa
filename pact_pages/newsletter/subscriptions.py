"""Newsletter subscriptions: double opt-in, signed links, one-click unsubscribe, retention.

Sign-up never tells whether an address was known: the same answer is given, and at most one
mail goes out, whatever the address's state (new, unconfirmed, confirmed), and mails to one
address are throttled (PACT_NEWSLETTER_MAIL_RATE_LIMIT, counted in the cache by a salted
hash of the address).

Links carry a signed token naming the subscriber's row and a hash of its address (never the
address itself: URLs end up in logs). Nothing about a token is stored: the confirmation link
expires with the signature (PACT_NEWSLETTER_UNCONFIRMED_DAYS, the same period after which
unconfirmed rows are purged); the unsubscribe link never expires, so that the link in an old
newsletter still works.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.apps import apps
from django.core import signing
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale, Page

from pact_pages.conf import pact_setting
from pact_pages.core.email_addresses import normalise_email
from pact_pages.core.queries import public
from pact_pages.core.ratelimit import hit, mailbox
from pact_pages.core.tasks import enqueue_email
from pact_pages.newsletter.models import NewsletterSubscriber
from pact_pages.pillars.models import PILLAR_SLUGS

CONFIRM_SALT = "pact_pages.newsletter.subscriptions.confirm"
UNSUBSCRIBE_SALT = "pact_pages.newsletter.subscriptions.unsubscribe"


class InvalidToken(Exception):
    """A link was altered, has expired, or names another address; ``expired`` says which."""

    def __init__(self, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


@dataclass(frozen=True)
class Choices:
    """What a person asked for in the form."""

    email: str
    language: str
    pillars: tuple[str, ...] = ()


def unconfirmed_days() -> int:
    return int(pact_setting("PACT_NEWSLETTER_UNCONFIRMED_DAYS"))


def _address_hash(email: str) -> str:
    # Binds a token to the address its row had when the link was made.
    return hashlib.sha256(normalise_email(email).encode()).hexdigest()[:16]


def confirm_token(subscriber: NewsletterSubscriber, choices: Choices) -> str:
    """A link to confirm ``choices`` (language and Ps) for this subscriber's address."""
    payload = {
        "i": subscriber.pk,
        "h": _address_hash(subscriber.email),
        "l": choices.language,
        "p": [slug for slug in PILLAR_SLUGS if slug in choices.pillars],
    }
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(payload, compress=True)


def unsubscribe_token(subscriber: NewsletterSubscriber) -> str:
    payload = {"i": subscriber.pk, "h": _address_hash(subscriber.email)}
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object(payload)


def _read_confirm_token(token: str) -> dict:
    try:
        return signing.TimestampSigner(salt=CONFIRM_SALT).unsign_object(
            token, max_age=datetime.timedelta(days=unconfirmed_days())
        )
    except signing.SignatureExpired as error:
        raise InvalidToken(expired=True) from error
    except (signing.BadSignature, ValueError) as error:
        raise InvalidToken from error


def _read_unsubscribe_token(token: str) -> dict:
    try:
        return signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError) as error:
        raise InvalidToken from error


def _subscriber_for(payload: dict) -> NewsletterSubscriber | None:
    """The row a token names, if it still exists with the same address."""
    if not isinstance(payload, dict) or not isinstance(payload.get("i"), int):
        raise InvalidToken
    subscriber = NewsletterSubscriber.objects.filter(pk=payload["i"]).first()
    if subscriber is None or _address_hash(subscriber.email) != payload.get("h"):
        return None
    return subscriber


def subscribe(request, choices: Choices) -> None:
    """Records a sign-up (or finds the address's row) and sends at most one mail.

    New or unconfirmed address: the row takes the new choices and consent time, and a
    confirmation mail goes out. Confirmed address: nothing changes; the mail says it is
    already subscribed and offers a link to apply the new choices, and to unsubscribe.
    """
    email = normalise_email(choices.email)
    now = timezone.now()
    with transaction.atomic():
        subscriber = NewsletterSubscriber.objects.select_for_update().filter(email=email).first()
        if subscriber is None:
            subscriber = NewsletterSubscriber(email=email)
            try:
                with transaction.atomic():  # a concurrent sign-up of the same address
                    _apply_choices(subscriber, choices, consented_at=now)
            except IntegrityError:
                subscriber = NewsletterSubscriber.objects.select_for_update().get(email=email)
        elif not subscriber.is_confirmed:
            _apply_choices(subscriber, choices, consented_at=now)
    limit, window = pact_setting("PACT_NEWSLETTER_MAIL_RATE_LIMIT")
    if not hit(request, "newsletter-mail", limit, window, key=mailbox(email)):
        return  # the owner already has our recent mails: no flood of someone's inbox
    template = "newsletter_already" if subscriber.is_confirmed else "newsletter_confirm"
    send_mail(request, subscriber, template, choices)  # queued: the request does not wait


def _apply_choices(subscriber: NewsletterSubscriber, choices: Choices, consented_at) -> None:
    subscriber.language = choices.language
    subscriber.pillar_slugs = choices.pillars
    subscriber.consented_at = consented_at
    subscriber.save()


def confirm(token: str) -> NewsletterSubscriber | None:
    """Confirms the address a link names, with the choices the link carries.

    None when the row is gone (unsubscribed, erased or purged): the reader then signs up
    again. Following the link twice is harmless.
    """
    payload = _read_confirm_token(token)
    with transaction.atomic():
        subscriber = _subscriber_for(payload)
        if subscriber is None:
            return None
        language = payload.get("l")
        if language in get_content_languages():
            subscriber.language = language
        subscriber.pillar_slugs = [p for p in payload.get("p") or [] if p in PILLAR_SLUGS]
        if subscriber.confirmed_at is None:
            subscriber.confirmed_at = timezone.now()
        subscriber.save()
    return subscriber


def check_unsubscribe_token(token: str) -> NewsletterSubscriber | None:
    """The subscriber a valid unsubscribe link names (None if already gone)."""
    return _subscriber_for(_read_unsubscribe_token(token))


def unsubscribe(token: str) -> bool:
    """Deletes the subscriber a link names: nothing is kept. False if it was already gone."""
    subscriber = check_unsubscribe_token(token)
    if subscriber is None:
        return False
    subscriber.delete()
    return True


def newsletter_page(language: str) -> Page | None:
    """The first live newsletter page in ``language``, else in the default language."""
    # The page serves this module's views (pact_pages.newsletter.page): its model by name.
    page_model = apps.get_model("pact_pages", "NewsletterPage")
    pages = public(page_model.objects.live()).select_related("locale").order_by("path")
    by_language = {}
    for page in pages:
        by_language.setdefault(page.locale.language_code, page)
    return by_language.get(language) or by_language.get(Locale.get_default().language_code)


def send_mail(request, subscriber: NewsletterSubscriber, template: str, choices: Choices) -> None:
    """Renders a mail in the subscriber's language (or the language just chosen) and queues it.

    Every mail carries the one-click unsubscribe link (RFC 8058 headers as well).
    """
    language = choices.language if template == "newsletter_confirm" else subscriber.language
    unsubscribe_url = request.build_absolute_uri(
        reverse("pact_newsletter_unsubscribe", args=[unsubscribe_token(subscriber)])
    )
    with translation.override(language):
        page = newsletter_page(language)
        context = {
            "subscriber": subscriber,
            "choices": choices,
            "language_name": get_content_languages().get(language, language),
            "pillar_names": _pillar_names(choices.pillars, language),
            "confirm_url": request.build_absolute_uri(
                reverse("pact_newsletter_confirm", args=[confirm_token(subscriber, choices)])
            ),
            "unsubscribe_url": unsubscribe_url,
            "days": unconfirmed_days(),
            "page_url": page.get_full_url(request) if page else "",
        }
        subject = render_to_string(f"pact_pages/emails/{template}_subject.txt", context)
        body = render_to_string(f"pact_pages/emails/{template}.txt", context)
        html_body = render_to_string(f"pact_pages/emails/{template}.html", context)
    enqueue_email(
        subject,
        body,
        [subscriber.email],
        html_body=html_body,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def _pillar_names(slugs, language: str) -> list[str]:
    """The names of the chosen Ps in ``language`` (English names where not translated)."""
    from pact_pages.pillars.models import Pillar

    if not slugs:
        return []
    names = {}
    for pillar in Pillar.objects.filter(slug__in=slugs).select_related("locale"):
        code = pillar.locale.language_code
        if code == language or pillar.slug not in names:
            names[pillar.slug] = pillar.name
    return [names[slug] for slug in PILLAR_SLUGS if slug in names]


# Retention and the rights of the person (GDPR): see docs/security.md, "Privacy".

EXPORTED_FIELDS = ("email", "language", "pillar_slugs", "consented_at", "confirmed_at")


def export(email: str) -> dict:
    """Everything stored about ``email`` as a subscriber, as JSON-ready data."""
    records = []
    for subscriber in NewsletterSubscriber.objects.for_email(email):
        record = {}
        for name in EXPORTED_FIELDS:
            value = getattr(subscriber, name)
            record[name] = value.isoformat() if isinstance(value, datetime.datetime) else value
        records.append(record)
    return {"email": normalise_email(email), "newsletter_subscriptions": records}


def erase(email: str) -> int:
    deleted, _ = NewsletterSubscriber.objects.for_email(email).delete()
    return deleted


def expired_unconfirmed(now: datetime.datetime | None = None):
    cutoff = (now or timezone.now()) - datetime.timedelta(days=unconfirmed_days())
    return NewsletterSubscriber.objects.unconfirmed().filter(consented_at__lt=cutoff)


def purge_unconfirmed(now: datetime.datetime | None = None) -> int:
    """Deletes sign-ups never confirmed within PACT_NEWSLETTER_UNCONFIRMED_DAYS."""
    deleted, _ = expired_unconfirmed(now).delete()
    return deleted
