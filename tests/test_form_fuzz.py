"""Property-based fuzzing of the public forms (hypothesis): join, newsletter sign-up, the
newsletter's confirm and unsubscribe links, and search.

Every request goes through the test client to the real page URLs, in English and French. The
properties: never a 5xx; either the form again with each error next to its field, in the
request's language, nothing echoed unescaped, and no row stored; or an acknowledgement, and
then the row holds the values sent (normalised) and no NUL. Each example starts clean: it runs
in a savepoint that is rolled back, with empty caches (no throttle counts) and an empty outbox.

FORM_FUZZ_EXAMPLES sets the examples per property (the default keeps the file under 40 s on two
cores); CI=true makes the run reproducible (derandomize).
"""

import datetime
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings as django_settings
from django.core import mail, signing
from django.core.cache import caches
from django.db import transaction
from django.forms.forms import NON_FIELD_ERRORS
from django.utils import timezone, translation
from django.utils.html import escape
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from pact_pages.core.countries import member_state_codes
from pact_pages.models import (
    JoinPage,
    NewsletterPage,
    NewsletterSubscriber,
    SignatoryType,
    SignupRequest,
)
from pact_pages.newsletter.subscriptions import (
    CONFIRM_SALT,
    UNSUBSCRIBE_SALT,
    Choices,
    confirm_token,
    unsubscribe_token,
)
from pact_pages.pillars.models import PILLAR_SLUGS

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FORM_FUZZ_EXAMPLES", "20"))
FUZZ = hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    # The fixtures (pages, settings) are shared by the examples; each example cleans up itself.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=os.environ.get("CI") == "true",
)
LANGUAGES = ("en", "fr")
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"  # what browsers send for these forms

# -- Strategies -------------------------------------------------------------------------------

# Characters that break naive code: NUL and other controls, bidi and zero-width marks, a
# combining accent, emoji (one with a zero-width joiner), letters whose case mapping changes
# their length (İ, ß, the ﬀ ligature), the Kelvin sign, a non-character at the end of Unicode.
ODD_CHARACTERS = [
    "\x00",
    "\x01",
    "\x1b",
    "\x7f",
    "\u202e",
    "\u200f",
    "\u200b",
    "\ufeff",
    "\u0301",
    "\U0001f600",
    "\U0001f469\u200d\U0001f467",
    "\u0130",
    "ß",
    "\ufb00",
    "\u212a",
    "\U0010ffff",
    "\r\n",
    "\r",
    "\t",
    " ",
    "\u00a0",
]
# Every markup payload carries "fz", so that its raw echo is easy to look for.
MARKUP_PAYLOADS = [
    "<script>fz()</script>",
    '"><img src=x onerror=fz()>',
    "</textarea><script>fz()</script>",
    "<svg onload=fz()>",
    "'><script>fz()</script>",
]
RAW_MARKERS = ("<script>fz", "<img src=x", "<svg onload", "</textarea><script")
OTHER_PAYLOADS = [
    "'; DROP TABLE pact_pages_signuprequest; --",
    "' OR '1'='1",
    '" OR ""="',
    "1; SELECT pg_sleep(0)",
    "{{ 7|add:7 }}",
    "{% debug %}",
    "%(name)s %s %d",
    "${7*7}",
    "javascript:alert(1)",
    "NULL",
    "../../etc/passwd",
    "\\",
    "<!--",
    "]]>",
]

odd_text = st.lists(
    st.sampled_from([*ODD_CHARACTERS, "a", "<", ">", "&", '"', "'"]), max_size=40
).map("".join)
long_text = st.builds(
    lambda piece, times: piece * times, st.text(min_size=1, max_size=4), st.integers(2600, 6000)
)
fuzz_text = st.one_of(
    st.text(max_size=300),
    odd_text,
    st.sampled_from(MARKUP_PAYLOADS + OTHER_PAYLOADS),
    long_text,
    st.builds(lambda a, b: a + b, st.text(max_size=20), st.sampled_from(MARKUP_PAYLOADS)),
)
# A field's value in the body: a string, a repeated key (a list), or absent (an empty list).
fuzz_value = st.one_of(fuzz_text, st.lists(fuzz_text, max_size=3))

# Text any person might type: letters of every script, digits, punctuation, inner spaces.
typed_text = (
    st.text(
        alphabet=st.characters(categories=("L", "N", "P", "Zs")),
        min_size=1,
        max_size=120,
    )
    .map(str.strip)
    .filter(bool)
)


def _case_and_spaces(address: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """The same address as people type it: upper case, spaces or tabs around it."""
    return st.builds(
        lambda value, upper, before, after: before + (value.upper() if upper else value) + after,
        address,
        st.booleans(),
        st.sampled_from(["", " ", "\t"]),
        st.sampled_from(["", " ", "  ", "\n"]),
    )


_atom = st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True)
_idn_label = st.text(alphabet=st.sampled_from(list("abcdefüéøçł0123")), min_size=1, max_size=20)
# Addresses any mail server takes: plus-addressing, dots, IDN domains (bücher.example).
plain_email = st.builds(
    lambda local, plus, labels, tld: f"{local}{plus}@{'.'.join(labels)}.{tld}",
    st.lists(_atom, min_size=1, max_size=3).map(".".join),
    st.one_of(st.just(""), _atom.map(lambda tag: f"+{tag}")),
    st.lists(_idn_label, min_size=1, max_size=3),
    st.sampled_from(["org", "example", "eu", "fr", "de"]),
)
valid_email = _case_and_spaces(plain_email)
# Odd ones: labels of odd characters (bidi marks, İ, emoji), labels too long once encoded.
_odd_label = st.text(
    alphabet=st.sampled_from([*"abz09-", "ü", "\u0130", "ß", "\ufb00", "\u200f", "\u0301", "字"]),
    min_size=1,
    max_size=70,
)
odd_email = st.one_of(
    st.emails(),
    st.builds(
        lambda local, labels, tld: f"{local}@{'.'.join(labels)}.{tld}",
        st.one_of(_atom, st.text(max_size=30)),
        st.lists(_odd_label, min_size=1, max_size=4),
        st.sampled_from(["org", "com", "xn--p1ai", "рф", "c", "123"]),
    ),
    st.sampled_from(["a@b", "@example.org", "a@", "a@@b.org", "a b@c.org", "a@b.org\nBcc: x@y.z"]),
)
# Shaped like addresses, with labels at the edges of what a mail can carry: long ones (63
# characters, longer once IDNA-encoded), soft hyphens, bidi marks, letters that grow when
# lower-cased (İ), so that whatever the form takes must also reach the person's inbox.
_edge_label = st.text(
    alphabet=st.sampled_from([*"abz09", "ü", "\u0130", "ß", "\ufb00", "\u200f", "\u00ad", "字"]),
    min_size=1,
    max_size=63,
)
edge_email = _case_and_spaces(
    st.builds(
        lambda local, labels, tld: f"{local}@{'.'.join(labels)}.{tld}",
        _atom,
        st.lists(st.one_of(_idn_label, _edge_label), min_size=1, max_size=4),
        st.sampled_from(["org", "com", "рф", "xn--p1ai"]),
    )
)
fuzz_email = st.one_of(edge_email, _case_and_spaces(odd_email), fuzz_value)
fuzz_flag = st.one_of(
    st.sampled_from(["on", "", "off", "false", "False", "0", "1", "true", "on\x00"]), fuzz_value
)


def fuzz_choice(choices: list[str]) -> st.SearchStrategy:
    """Out-of-range choices: other case, spaces, a valid value with junk, or anything."""
    return st.one_of(
        st.sampled_from(choices).map(str.upper),
        st.sampled_from(choices).map(lambda value: f" {value}"),
        st.sampled_from(choices).map(lambda value: value + "\x00"),
        st.sampled_from(["US", "XX", "", "town,region", "0", "-1"]),
        fuzz_value,
    )


# -- Fields of the forms ----------------------------------------------------------------------

JOIN_TEXT = ["name", "place", "contact_person", "role"]
JOIN_COMMITMENTS = [f"commitment_{slug}" for slug in PILLAR_SLUGS]
JOIN_CHOICES = {
    "signatory_type": list(SignatoryType.values),
    "country": list(member_state_codes()),
}
JOIN_FLAGS = ["accepted_pact", "accepted_privacy"]
JOIN_VALID = {
    **{name: typed_text for name in JOIN_TEXT},
    **{name: st.one_of(st.just(""), typed_text) for name in JOIN_COMMITMENTS},
    **{name: st.sampled_from(values) for name, values in JOIN_CHOICES.items()},
    **{name: st.just("on") for name in JOIN_FLAGS},
    "email": valid_email,
    "website_url": st.just(""),
}
JOIN_FUZZ = {
    **{name: fuzz_choice(values) for name, values in JOIN_CHOICES.items()},
    **{name: fuzz_flag for name in JOIN_FLAGS},
    "email": fuzz_email,
}

LANGUAGE_CODES = [code for code, _name in django_settings.WAGTAIL_CONTENT_LANGUAGES]
NEWSLETTER_VALID = {
    "email": valid_email,
    "language": st.sampled_from(LANGUAGE_CODES),
    "pillars": st.lists(st.sampled_from(PILLAR_SLUGS), unique=True, max_size=4),
    "consent": st.just("on"),
    "website_url": st.just(""),
}
NEWSLETTER_FUZZ = {
    "email": fuzz_email,
    "language": fuzz_choice(LANGUAGE_CODES),
    "pillars": st.one_of(
        st.lists(fuzz_choice(list(PILLAR_SLUGS)), max_size=6),
        st.lists(st.sampled_from(PILLAR_SLUGS), max_size=8),  # the same P twice
        fuzz_value,
    ),
    "consent": fuzz_flag,
}


@dataclass
class Submission:
    """What one example posts, and which fields hold fuzz rather than typed values."""

    language: str
    data: dict[str, str | list[str]]
    fuzzed: set[str] = field(default_factory=set)

    def body(self) -> str:
        return urlencode(self.data, doseq=True)

    def last(self, name: str) -> str | None:
        """The value Django's QueryDict.get() sees: the last of a repeated key."""
        value = self.data.get(name)
        if isinstance(value, list):
            return value[-1] if value else None
        return value


@st.composite
def submissions(draw, valid: dict, fuzz: dict, most_fuzzed: int = 4) -> Submission:
    """Typed values in every field, then fuzz in a few of them (none, some examples)."""
    data = {name: draw(strategy) for name, strategy in valid.items()}
    fuzzed = draw(st.sets(st.sampled_from(sorted(valid)), max_size=most_fuzzed))
    for name in fuzzed:
        data[name] = draw(fuzz.get(name, fuzz_value))
    return Submission(language=draw(st.sampled_from(LANGUAGES)), data=data, fuzzed=fuzzed)


# -- Fixtures and helpers ---------------------------------------------------------------------


@pytest.fixture
def pages(home_page, fr_locale, settings) -> dict:
    """The join and newsletter pages in English and in French."""
    # The fuzz exercises the forms, not the throttles (tests/test_ratelimit.py covers those).
    settings.PACT_JOIN_RATE_LIMIT = (10**9, 3600)
    settings.PACT_NEWSLETTER_RATE_LIMIT = (10**9, 3600)
    settings.PACT_NEWSLETTER_MAIL_RATE_LIMIT = (10**9, 86400)
    settings.PACT_SEARCH_RATE_LIMIT = (10**9, 60)
    found = {}
    for model, slug in ((JoinPage, "join"), (NewsletterPage, "newsletter")):
        page = model(title=slug.title(), slug=slug)
        home_page.add_child(instance=page)
        page.save_revision().publish()
        # A French copy under a French home, as "Translate" in the admin makes.
        french = page.copy_for_translation(fr_locale, copy_parents=True)
        french.save_revision().publish()
        found[slug] = {"en": page, "fr": french.specific}
    return found


@pytest.fixture
def reference(client):
    """The page as served to a GET, fetched once per test: what a response is compared to."""
    pages_seen: dict[str, str] = {}

    def get(url: str) -> str:
        if url not in pages_seen:
            pages_seen[url] = client.get(url).content.decode()
        return pages_seen[url]

    return get


@contextmanager
def clean_example() -> Iterator[None]:
    """One example's state: empty caches and outbox, rows rolled back at the end."""
    for cache in caches.all():
        cache.clear()
    mail.outbox = []
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def post_form(client, page, submission: Submission):
    return client.post(page.url, submission.body(), content_type=FORM_CONTENT_TYPE)


def assert_no_raw_markup(html: str, reference: str) -> None:
    """No payload comes back as markup: no marker unescaped, no more <script> than the page."""
    for marker in RAW_MARKERS:
        assert marker not in html
    assert html.lower().count("<script") == reference.lower().count("<script")


def field_errors(html: str, name: str) -> str:
    """The HTML of one field's messages: the block its input's aria-describedby names."""
    block = re.search(
        rf'<div class="error-message" id="id_{name}_error">(.*?</div>)</div>', html, re.S
    )  # re.S: a message may quote the submitted value, newlines included
    assert block, f"field {name} shows no message"
    return block.group(1)


def assert_errors_shown(response, language: str) -> None:
    """The form came back with its errors, each next to its field, in the page's language."""
    html = response.content.decode()
    form = response.context["form"]
    assert form.errors, "a refusal must say why"
    assert f'<html lang="{language}">' in html
    assert 'role="alert"' in html
    for name in form.errors:
        with translation.override(language):
            messages = [escape(message) for message in form.errors[name]]
        with translation.override("en"):
            english = [escape(message) for message in form.errors[name]]
        for message, source in zip(messages, english, strict=True):
            if name in (NON_FIELD_ERRORS, "website_url"):
                # Errors of the form, and of the honeypot that people never see (only bots
                # fill it): in the summary at the top.
                assert re.search(rf"<li>(<a [^>]+>[^<]*: )?{re.escape(message)}(</a>)?</li>", html)
            else:
                assert f"</span>{message}</div>" in field_errors(html, name)
            if message != source:
                assert source not in html  # not left in English


def assert_no_nul(instance) -> None:
    for model_field in instance._meta.concrete_fields:
        value = getattr(instance, model_field.attname)
        assert not (isinstance(value, str) and "\x00" in value), model_field.name


def expected_text(submission: Submission, name: str) -> str:
    # CharField and EmailField strip surrounding whitespace; a missing field is empty.
    return (submission.last(name) or "").strip()


# -- Join the Pact ----------------------------------------------------------------------------


def stored_rows(response, submission: Submission, reference: str, model, slug: str):
    """The rows a sign-up form's POST stored, or None when nothing may be stored: a refusal
    (400, its errors shown, no raw markup echoed) or the honeypot (the same answer as a
    success, nothing kept). Either way, no mail is sent then."""
    assert response.status_code in (302, 400), response.status_code
    rows = list(model.objects.all())
    if response.status_code == 400:
        assert_errors_shown(response, submission.language)
        assert_no_raw_markup(response.content.decode(), reference)
        assert rows == [] and mail.outbox == []
        return None
    assert response["Location"] == f"/{submission.language}/{slug}/?sent=1"
    if expected_text(submission, "website_url"):
        assert rows == [] and mail.outbox == []
        return None
    return rows


def check_join_response(response, submission: Submission, reference: str) -> None:
    rows = stored_rows(response, submission, reference, SignupRequest, "join")
    if rows is None:
        return
    [row] = rows
    assert_no_nul(row)
    for name in (*JOIN_TEXT, *JOIN_COMMITMENTS, "email"):
        assert getattr(row, name) == expected_text(submission, name), name
    for name in JOIN_CHOICES:
        assert getattr(row, name) == submission.last(name), name
    assert row.accepted_pact and row.accepted_privacy
    assert (row.language, row.status) == (submission.language, "pending")
    assert [message.to for message in mail.outbox] == [[row.email]]


@FUZZ
@given(submission=submissions(JOIN_VALID, JOIN_FUZZ))
def test_join_form(client, pages, reference, submission):
    page = pages["join"][submission.language]
    with clean_example():
        response = post_form(client, page, submission)
        check_join_response(response, submission, reference(page.url))
        if not submission.fuzzed:  # typed values only: the request must be taken
            assert response.status_code == 302 and SignupRequest.objects.count() == 1


# -- Newsletter sign-up -----------------------------------------------------------------------


def check_newsletter_response(response, submission: Submission, reference: str) -> None:
    rows = stored_rows(response, submission, reference, NewsletterSubscriber, "newsletter")
    if rows is None:
        return
    [row] = rows
    assert_no_nul(row)
    assert row.email == expected_text(submission, "email").lower()
    assert row.language == submission.last("language")
    pillars = submission.data.get("pillars") or []
    chosen = set(pillars if isinstance(pillars, list) else [pillars])
    assert row.pillar_slugs == [slug for slug in PILLAR_SLUGS if slug in chosen]
    assert row.consented_at is not None and row.confirmed_at is None
    assert [message.to for message in mail.outbox] == [[row.email]]


@FUZZ
@given(submission=submissions(NEWSLETTER_VALID, NEWSLETTER_FUZZ, most_fuzzed=3))
def test_newsletter_form(client, pages, reference, submission):
    page = pages["newsletter"][submission.language]
    with clean_example():
        response = post_form(client, page, submission)
        check_newsletter_response(response, submission, reference(page.url))
        if not submission.fuzzed:
            assert response.status_code == 302 and NewsletterSubscriber.objects.count() == 1


@FUZZ
@given(
    address=plain_email,
    upper=st.booleans(),
    spaces=st.sampled_from([("", "  "), (" ", "\t"), ("\t", "\n")]),
    state=st.sampled_from(["unconfirmed", "confirmed"]),
    language=st.sampled_from(LANGUAGES),
)
def test_newsletter_sign_up_is_idempotent_and_reveals_nothing(
    client, pages, address, upper, spaces, state, language
):
    """The same address twice, in any case or spacing: one row, no error, and the same answer
    as for an address never seen (whether the first sign-up was confirmed or not)."""
    page = pages["newsletter"][language]
    data = {"language": "de", "pillars": ["protection"], "consent": "on"}
    same = spaces[0] + (address.upper() if upper else address) + spaces[1]
    with clean_example():
        first = client.post(page.url, {**data, "email": address})
        if state == "confirmed":
            NewsletterSubscriber.objects.update(confirmed_at=timezone.now())
        again = client.post(page.url, {**data, "email": same})
        new = client.post(page.url, {**data, "email": f"new.{address}"})

        assert [r.status_code for r in (first, again, new)] == [302, 302, 302]
        assert first["Location"] == again["Location"] == new["Location"]
        assert NewsletterSubscriber.objects.filter(email=address.lower()).count() == 1
        assert NewsletterSubscriber.objects.count() == 2
        # One mail per sign-up whatever the address's state: the inbox tells, the page does not.
        assert [m.to for m in mail.outbox] == [
            [address.lower()],
            [address.lower()],
            [f"new.{address}".lower()],
        ]


# -- E-mail addresses, in both forms --------------------------------------------------------

JOIN_TYPED = {
    "name": "Ville de Namur",
    "signatory_type": "town",
    "country": "BE",
    "place": "Namur",
    "contact_person": "Julie Lambert",
    "role": "Alderwoman",
    "accepted_pact": "on",
    "accepted_privacy": "on",
}
NEWSLETTER_TYPED = {"language": "fr", "pillars": ["prevention"], "consent": "on"}


@FUZZ
@given(
    form=st.sampled_from(["join", "newsletter"]),
    language=st.sampled_from(LANGUAGES),
    email=st.one_of(edge_email, valid_email, _case_and_spaces(odd_email)),
)
def test_email_addresses(client, pages, reference, form, language, email):
    """Every other field typed well: an address is either refused next to its field, or
    taken, stored and mailed to (never acknowledged and then lost)."""
    page = pages[form][language]
    typed, check = (
        (JOIN_TYPED, check_join_response)
        if form == "join"
        else (NEWSLETTER_TYPED, check_newsletter_response)
    )
    submission = Submission(language=language, data={**typed, "email": email}, fuzzed={"email"})
    with clean_example():
        check(post_form(client, page, submission), submission, reference(page.url))


# -- Confirmation and unsubscribe links -------------------------------------------------------


@st.composite
def garbled(draw, token: str) -> str:
    """A real token changed: a character replaced, inserted or dropped, cut, or doubled."""
    how = draw(st.sampled_from(["replace", "insert", "drop", "cut", "double"]))
    # A position as a share of the length: tokens differ in length from one example to the next.
    at = draw(st.integers(0, 999)) * len(token) // 1000
    char = draw(st.sampled_from([*"AZaz09-_:.", "%00", "\u00e9", "\U0001f600"]))
    return {
        "replace": token[:at] + char + token[at + 1 :],
        "insert": token[:at] + char + token[at:],
        "drop": token[:at] + token[at + 1 :],
        "cut": token[:at],
        "double": token + token,
    }[how]


# Payloads that only the site's key can sign, so never sent by anyone else: still no 500.
ODD_PAYLOADS = [[], "x", None, {"i": "1"}, {"i": 10**30}, {"i": -1}, {"i": 1.5}, {"h": "x"}]
TOKEN_KINDS = ["valid", "garbled", "random", "expired", "odd", "other kind"]


def _good_token(kind: str, subscriber: NewsletterSubscriber) -> str:
    if kind == "confirm":
        return confirm_token(subscriber, Choices(subscriber.email, "it", ("prevention",)))
    return unsubscribe_token(subscriber)


def _signed(payload, salt: str, *, days_ago: int = 0) -> str:
    signer = signing.TimestampSigner(salt=salt)
    then = timezone.now() - datetime.timedelta(days=days_ago)
    signer.timestamp = lambda: signing.b62_encode(int(then.timestamp()))
    return signer.sign_object(payload, compress=True)


def draw_token(data, kind: str, make: str, subscriber: NewsletterSubscriber) -> str:
    good = _good_token(kind, subscriber)
    salt = CONFIRM_SALT if kind == "confirm" else UNSUBSCRIBE_SALT
    if make == "valid":
        return good
    if make == "garbled":
        return data.draw(garbled(good).filter(lambda token: token != good))
    if make == "expired":  # the confirmation's payload, signed long ago
        payload = signing.TimestampSigner(salt=CONFIRM_SALT).unsign_object(
            _good_token("confirm", subscriber)
        )
        return _signed(payload, salt, days_ago=400)
    if make == "odd":
        return _signed(data.draw(st.sampled_from(ODD_PAYLOADS)), salt)
    if make == "other kind":
        return _good_token("unsubscribe" if kind == "confirm" else "confirm", subscriber)
    return data.draw(st.one_of(fuzz_text, st.text(max_size=40)).filter(bool))


@FUZZ
@given(
    kind=st.sampled_from(["confirm", "unsubscribe"]),
    method=st.sampled_from(["GET", "HEAD", "POST", "PUT"]),
    make=st.sampled_from(TOKEN_KINDS),
    language=st.sampled_from(LANGUAGES),
    data=st.data(),
)
def test_newsletter_links(client, pages, kind, method, make, language, data):
    """Random, garbled, expired or misused tokens: a clear page in the reader's language and
    nothing changed; a valid one does what it says."""
    with clean_example():
        subscriber = NewsletterSubscriber.objects.create(
            email="reader@example.org", language="de", consented_at=timezone.now()
        )
        token = draw_token(data, kind, make, subscriber)
        url = f"/newsletter/{kind}/{quote(token, safe='')}/"
        response = client.generic(method, url, HTTP_ACCEPT_LANGUAGE=language)
        # An empty segment, or one more: no such address, whatever the method.
        if not token or "/" in token:
            assert response.status_code == 404
            untouched = NewsletterSubscriber.objects.filter(pk=subscriber.pk, confirmed_at=None)
            assert untouched.exists()
        else:
            check_link_response(response, kind, method, make, language, subscriber)


def check_link_response(
    response, kind: str, method: str, make: str, language: str, subscriber: NewsletterSubscriber
) -> None:
    status = response.status_code
    row = NewsletterSubscriber.objects.filter(pk=subscriber.pk).first()
    # Confirming is GET only (a HEAD must not confirm); unsubscribing is GET, HEAD or POST.
    if method == "PUT" or (kind == "confirm" and method != "GET"):
        assert status == 405
        assert row is not None and row.confirmed_at is None
        return
    if make != "valid":
        # 400: altered or expired; 410: it names no row.
        assert status in (400, 410), status
        # Nothing changed: not confirmed, not unsubscribed, not relabelled.
        assert row is not None and row.confirmed_at is None and row.language == "de"
        if status in (400, 410):
            assert response["Content-Language"] == language
        if status in (400, 410) and method != "HEAD":
            html = response.content.decode()
            assert f'<html lang="{language}">' in html
            for marker in RAW_MARKERS:
                assert marker not in html
        return
    assert status == 200
    assert response["Content-Language"] == ("it" if kind == "confirm" else "de")
    if kind == "confirm":
        assert row.confirmed_at is not None and row.language == "it"
    elif method == "POST":
        assert row is None  # unsubscribed: nothing kept
    else:
        assert row is not None  # a GET or HEAD only asks


# -- Search -----------------------------------------------------------------------------------


@FUZZ
@given(
    language=st.sampled_from(LANGUAGES),
    query=fuzz_value,
    page_number=st.one_of(st.none(), fuzz_text, st.integers(-(10**20), 10**20).map(str)),
)
def test_search(client, initiative, reference, language, query, page_number):
    params = {"q": query}
    if page_number is not None:
        params["page"] = page_number
    with clean_example():
        response = client.get(f"/{language}/search/?" + urlencode(params, doseq=True))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert_no_raw_markup(html, reference(f"/{language}/search/"))
    # The query is shown back as typed (spaces collapsed, cut at 200 characters), escaped.
    last = query[-1] if isinstance(query, list) and query else query
    shown = " ".join((last or "").split())[:200]
    assert escape(shown) in html


# -- Bodies that are not forms at all ---------------------------------------------------------


@FUZZ
@given(
    form=st.sampled_from(["join", "newsletter"]),
    language=st.sampled_from(LANGUAGES),
    body=st.one_of(st.binary(max_size=2000), st.text(max_size=500).map(str.encode)),
    content_type=st.sampled_from(
        [FORM_CONTENT_TYPE, "multipart/form-data; boundary=fz", "multipart/form-data", "text/plain"]
    ),
)
def test_raw_bodies(client, pages, form, language, body, content_type):
    page = pages[form][language]
    model = SignupRequest if form == "join" else NewsletterSubscriber
    with clean_example():
        response = client.post(page.url, body, content_type=content_type)

        assert response.status_code in (302, 400), response.status_code
        assert model.objects.exists() == (response.status_code == 302)
