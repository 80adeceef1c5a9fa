"""Issue 8: script and template payloads in every text field an editor or the public can write.

The sweep finds the text fields from the models' ``_meta`` (and StreamField block
definitions), not from a hand-written list: a field added later is filled automatically, and
``test_every_text_field_is_swept_or_listed`` fails for a text-like field the sweep cannot
fill unless it is listed in ``SKIPPED_FIELDS`` with a reason.

Each field gets payloads that fit its kind and length, each tagged with a token of its own
(``zq007q``) so that a leak names its field: script tags, attribute break-outs, ``</script>``
for JSON-in-script contexts, ``javascript:`` URLs, template expressions
(``{% widthratio 7 1 7 %}`` renders 49 if evaluated), and a spreadsheet formula prefix. What
a field's own validation refuses (choices, slugs, a colour, ``javascript:`` URLs) is
refused: it is never stored, and the admin answers with a form error, not a server error.

Signatory and initiative pages are written by their signatory editor through Wagtail's admin
edit view (hostile Draftail content state included), the other pages, the Ps, images,
documents and user names by model saves (with the field validation the admin would apply),
sign-up requests and subscribers through the public forms, the French version through
wagtail-localize. Then every output is fetched — public pages in English and French,
listings, search with highlighting, the map, the APIs, feeds, the sitemap, the mails, the
admin's listings and CSV exports — and each must be free of live script: no ``on…``
attribute, no ``javascript:`` URL, no ``<script>`` without the response's CSP nonce (public
pages; in the admin, whose policy allows inline script, no script carrying a payload), no
evaluated template, no CSV cell starting with a formula character. JSON may carry a
plain-text payload as data; any other string in it must be harmless as HTML.
"""

import csv
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.test import Client, TestCase
from django.urls import reverse
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import querydict_from_html
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource
from wagtail_localize.strings import StringValue

from home.models import HomePage, StandardPage
from pact_pages.models import (
    JoinPage,
    MapPage,
    NewsletterPage,
    NewsletterSubscriber,
    Pillar,
    SignatoryAccess,
    SignatoryPage,
    SignupRequest,
)
from pact_pages.onboarding.forms import JoinForm
from pact_pages.signatories import access
from tests.factories import (
    ImageFactory,
    InitiativeLibraryPageFactory,
    InitiativePageFactory,
    SignatoryIndexPageFactory,
    SignatoryPageFactory,
    publish,
)

pytestmark = pytest.mark.django_db

# ---------------------------------------------------------------------------------------
# Payloads
# ---------------------------------------------------------------------------------------

TOKEN = re.compile(r"zq\d{3}q")
# Evaluated by Django's template engine, {% widthratio 7 1 7 %} gives 49; Jinja-like engines
# would evaluate {{ 7*7 }} and ${7*7}. Between "ti" markers, "ti49ti" proves an evaluation.
EVALUATED = "ti49ti"
SCRIPT_PARTS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</script><script>alert(1)</script>",
    "ti{% widthratio 7 1 7 %}ti",
    "ti{{ 7*7 }}ti ti${7*7}ti",
    "javascript:alert(1)",
)
# Cells starting with these run as formulas in spreadsheets: each field's payload starts
# with one, so that every CSV column holding text meets them.
FORMULA_PREFIXES = ("=", "+", "-", "@")


class Tokens:
    """Hands out one token per field and remembers which field it was given to."""

    def __init__(self) -> None:
        self.owners: dict[str, str] = {}

    def new(self, owner: str) -> str:
        token = f"zq{len(self.owners):03d}q"
        self.owners[token] = owner
        return token


def text_payload(token: str, max_length: int | None) -> str:
    """As many script parts as fit in ``max_length``, after a formula prefix and the token."""
    prefix = FORMULA_PREFIXES[int(token[2:5]) % len(FORMULA_PREFIXES)]
    value = f"{prefix}1+1 {token} "
    for part in SCRIPT_PARTS:
        if max_length is None or len(value) + len(part) <= max_length:
            value += part
    return value.strip()


def url_payloads(token: str) -> list[str]:
    """``javascript:`` and ``data:`` URLs (validation must refuse them), then an http URL
    that breaks out of a quoted attribute if it is not escaped."""
    return [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        f'https://example.org/{token}"><svg/onload=alert(1)>',
    ]


def email_payloads(token: str) -> list[str]:
    """A valid address (a quoted local part may hold <, >, / and an escaped quote) with markup."""
    return [f'"{token}\\"><svg/onload=alert(1)><script>alert(1)</script>"@example.org']


def rich_payload(token: str) -> str:
    """Rich text in Wagtail's database format, with what its whitelist must remove."""
    return (
        f'<p onclick="alert(1)">{token} <a href="javascript:alert(1)">x</a> '
        '<a href="https://example.org/" onmouseover="alert(1)">y</a></p>'
        '<script>alert(1)</script><img src=x onerror=alert(1)><iframe src="javascript:1">'
        "</iframe><p>ti{% widthratio 7 1 7 %}ti &lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )


def contentstate_payload(token: str) -> str:
    """What a hostile editor can post instead of Draftail's own output: markup as text, a
    ``javascript:`` link, an unknown block type and inline style."""
    text = f"{token} <script>alert(1)</script> link ti{{% widthratio 7 1 7 %}}ti"
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "aaaaa",
                    "type": "unstyled",
                    "depth": 0,
                    "text": text,
                    "inlineStyleRanges": [{"offset": 0, "length": 6, "style": "BOLD"}],
                    "entityRanges": [{"offset": text.index("link"), "length": 4, "key": 0}],
                    "data": {},
                },
                {
                    "key": "bbbbb",
                    "type": "script",
                    "depth": 0,
                    "text": '"><img src=x onerror=alert(1)>',
                    "inlineStyleRanges": [],
                    "entityRanges": [],
                    "data": {"onclick": "alert(1)"},
                },
            ],
            "entityMap": {
                "0": {
                    "type": "LINK",
                    "mutability": "MUTABLE",
                    "data": {"url": "javascript:alert(1)", "onclick": "alert(1)"},
                }
            },
        }
    )


# ---------------------------------------------------------------------------------------
# The inventory: which models and fields are swept, from _meta
# ---------------------------------------------------------------------------------------

# Models outside the project's apps that editors write through the admin.
EXTERNAL_MODELS = ("wagtailimages.Image", "wagtaildocs.Document", "taggit.Tag", "auth.User")
# Project models nobody types into, with why.
SKIPPED_MODELS = {
    "pact_pages.ApiIndexEntry": "the API's read index, serialised from the pages (swept "
    "through the API lists)",
    "pact_pages.ApiIndexTag": "tag slugs copied from the pages' tags",
    "pact_pages.ApiIndexTotal": "counts",
}
# Text-like fields the sweep does not fill, with why. A key is "app_label.Model.field" of
# the model that declares the field.
SKIPPED_FIELDS = {
    "wagtailcore.Page.path": "the tree's position, written by treebeard",
    "wagtailcore.Page.url_path": "built from the slugs (which refuse markup)",
    "wagtailcore.Page.draft_title": "a copy of the title, shown in the admin only (the "
    "admin listings are swept with the title)",
    "pact_pages.SignupRequest.language": "set from the request's active language, one of "
    "settings.LANGUAGES",
    "pact_pages.SignupRequest.status": "set by approve/reject",
    "pact_pages.NewsletterSubscriber.language": "the public form's ChoiceField of the "
    "content languages (a payload gets a 400: test_public_forms_refuse_choice_payloads)",
    "pact_pages.NewsletterSubscriber.pillars": "written from the form's MultipleChoiceField "
    "of the four slugs (same test)",
    "pact_pages.SignatoryPage.search_key": "derived on save from the title and official "
    "name (casefolded, accents removed), which the sweep fills; never shown",
    "wagtailimages.Image.file_hash": "SHA-1 of the upload",
    "wagtaildocs.Document.file_hash": "SHA-1 of the upload",
    "pact_pages.EventPage.event_languages": "a list of language codes, written from the "
    "edit form's MultipleChoiceField of the known languages",
    "pact_pages.ReportingRoundPage.languages": "a list of language codes; the page's clean() "
    "refuses any code that is not a known language",
    "auth.User.password": "a hash",
    "auth.User.username": "chosen by staff or derived from the e-mail on approval; users "
    "cannot change it",
}
# StreamField blocks the sweep does not fill, by block class, with why.
SKIPPED_BLOCKS = {
    EmbedBlock: "its value is a URL that Wagtail's oEmbed finders resolve at a known "
    "provider (no network in tests); the block renders the provider's HTML by design "
    "(docs/security.md)",
}
TEXT_BLOCKS = (blocks.CharBlock, blocks.TextBlock, blocks.URLBlock, blocks.EmailBlock)
CHOOSER_BLOCKS = (ImageChooserBlock, DocumentChooserBlock)
TEXT_LIKE = (models.CharField, models.TextField, models.FileField, models.JSONField, StreamField)
# Public and admin forms write these models; model saves write no row of theirs.
FORM_ONLY_MODELS = ("pact_pages.SignupRequest", "pact_pages.NewsletterSubscriber")


def swept_models() -> list[type[models.Model]]:
    """Every model of the project's apps (but those listed) and the external ones."""
    found = [
        model
        for label in ("pact_pages", "home")
        for model in apps.get_app_config(label).get_models()
        if model._meta.label not in SKIPPED_MODELS
    ]
    return found + [apps.get_model(label) for label in EXTERNAL_MODELS]


def field_key(model_field: models.Field) -> str:
    return f"{model_field.model._meta.label}.{model_field.name}"


def kind_of(model_field: models.Field) -> str | None:
    """How the sweep fills a text-like field; None for one it does not know how to fill."""
    if isinstance(model_field, StreamField):
        return "stream"
    if isinstance(model_field, RichTextField):
        return "rich"
    if isinstance(model_field, models.FileField):
        return "filename"
    if isinstance(model_field, models.URLField):
        return "url"
    if isinstance(model_field, models.EmailField):
        return "email"
    if isinstance(model_field, (models.CharField, models.TextField)):
        return "text"  # choices, slugs and patterns refuse the payload in validation
    return None


def text_fields(model: type[models.Model]) -> Iterator[models.Field]:
    for model_field in model._meta.concrete_fields:
        if isinstance(model_field, TEXT_LIKE) and field_key(model_field) not in SKIPPED_FIELDS:
            yield model_field


def walk_blocks(block: blocks.Block, path: str) -> Iterator[tuple[str, blocks.Block]]:
    """(path, block) of every block under ``block``, children before nothing: leaves only."""
    if isinstance(block, (blocks.StreamBlock, blocks.StructBlock)):
        for name, child in block.child_blocks.items():
            yield from walk_blocks(child, f"{path}.{name}")
    elif isinstance(block, blocks.ListBlock):
        yield from walk_blocks(block.child_block, f"{path}.item")
    else:
        yield path, block


def block_kind(block: blocks.Block) -> str | None:
    if type(block) in SKIPPED_BLOCKS:
        return "skipped"
    if isinstance(block, blocks.RichTextBlock):
        return "rich"
    if isinstance(block, TEXT_BLOCKS):
        return "text"
    if isinstance(block, CHOOSER_BLOCKS):
        return "chooser"
    return None


# ---------------------------------------------------------------------------------------
# Filling a field: the payloads its validation accepts
# ---------------------------------------------------------------------------------------


@dataclass
class Ledger:
    """What was stored where, and what validation refused."""

    tokens: Tokens = field(default_factory=Tokens)
    stored: dict[str, str] = field(default_factory=dict)  # token -> value
    plain: set[str] = field(default_factory=set)  # plain-text values (inert data in JSON)
    refused: dict[str, list[str]] = field(default_factory=dict)  # field -> refused values

    def plain_text(self, owner: str, value: str) -> str:
        token = TOKEN.search(value).group()
        self.stored[token] = value
        self.plain.add(value)
        return value


def accepted(model_field: models.Field, instance, candidates: list[str]) -> list[str]:
    """The candidates the field's validation (as a ModelForm runs it) accepts."""
    passed = []
    for candidate in candidates:
        try:
            model_field.clean(candidate, instance)
        except ValidationError:
            continue
        passed.append(candidate)
    return passed


def candidates_for(kind: str, token: str, max_length: int | None) -> list[str]:
    if kind == "url":
        return url_payloads(token)
    if kind == "email":
        return email_payloads(token)
    return [text_payload(token, max_length)]


def fill_field(ledger: Ledger, instance, model_field: models.Field, owner: str) -> str | None:
    """A payload the field accepts (recorded), or None when validation refuses them all."""
    kind = kind_of(model_field)
    token = ledger.tokens.new(owner)
    if kind == "rich":
        value = rich_payload(token)
        ledger.stored[token] = value
        return value
    candidates = candidates_for(kind, token, model_field.max_length)
    passed = accepted(model_field, instance, candidates)
    refused = [c for c in candidates if c not in passed]
    if refused:
        ledger.refused[owner] = refused
    if not passed:
        return None
    return ledger.plain_text(owner, passed[-1])


def raw_block_value(ledger: Ledger, block: blocks.Block, owner: str, media) -> object:
    """A StreamField value in the database's JSON form, a payload in every text block."""
    if isinstance(block, blocks.StreamBlock):
        return [
            {"type": name, "value": raw_block_value(ledger, child, f"{owner}.{name}", media)}
            for name, child in block.child_blocks.items()
            if block_kind(child) != "skipped"
        ]
    if isinstance(block, blocks.StructBlock):
        return {
            name: raw_block_value(ledger, child, f"{owner}.{name}", media)
            for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.ListBlock):
        return [raw_block_value(ledger, block.child_block, f"{owner}.item", media)]
    kind = block_kind(block)
    if kind == "chooser":
        return media.image.pk if isinstance(block, ImageChooserBlock) else media.document.pk
    token = ledger.tokens.new(owner)
    if kind == "rich":
        ledger.stored[token] = value = rich_payload(token)
        return value
    max_length = getattr(block.field, "max_length", None)
    candidates = [
        c for c in candidates_for(block_kind_text(block), token, max_length) if _block_ok(block, c)
    ]
    return ledger.plain_text(owner, candidates[-1])


def block_kind_text(block: blocks.Block) -> str:
    if isinstance(block, blocks.URLBlock):
        return "url"
    if isinstance(block, blocks.EmailBlock):
        return "email"
    return "text"


def _block_ok(block: blocks.Block, value: str) -> bool:
    try:
        block.clean(value)
    except ValidationError:
        return False
    return True


def poison(ledger: Ledger, instance, media=None) -> None:
    """Every swept text field of ``instance`` gets a payload its validation accepts."""
    for model_field in text_fields(type(instance)):
        owner = f"{field_key(model_field)}#{instance.pk}"
        if kind_of(model_field) == "stream":
            value = raw_block_value(ledger, model_field.stream_block, owner, media)
            setattr(instance, model_field.name, json.dumps(value))
        elif kind_of(model_field) == "filename":
            continue  # uploads: names are cleaned by the storage (test_upload_names)
        elif (value := fill_field(ledger, instance, model_field, owner)) is not None:
            setattr(instance, model_field.name, value)


# ---------------------------------------------------------------------------------------
# The checks
# ---------------------------------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
INERT_SCRIPT_TYPES = {"application/json", "application/ld+json", "application/geo+json"}


class ScriptScanner(HTMLParser):
    """Collects what would run in a browser.

    ``strict`` (public pages): any ``on…`` attribute, any script without ``src``, the
    response's nonce or a JSON type. Otherwise (the admin, whose policy allows inline
    script): only handlers, URLs and scripts that carry a payload (``alert(``).
    """

    def __init__(self, strict: bool, nonce: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.strict, self.nonce = strict, nonce
        self.findings: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and (self.strict or "alert(" in value):
                self.findings.append(f"<{tag} {name}={value!r}>")
            compact = re.sub(r"[\s\x00-\x1f]", "", html.unescape(value)).lower()
            if name in URL_ATTRIBUTES and compact.startswith(DANGEROUS_SCHEMES):
                if self.strict or "alert(" in compact:
                    self.findings.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            attributes = dict(attrs)
            inert = (attributes.get("type") or "").lower() in INERT_SCRIPT_TYPES
            # JSON data may hold a payload as text: a break-out would start a script of its own.
            self._script = None if inert else []
            trusted = attributes.get("src") or (
                self.nonce and attributes.get("nonce") == self.nonce
            )
            if self.strict and not (inert or trusted):
                self.findings.append(f"<script {attributes}> without src or the CSP nonce")

    def handle_startendtag(self, tag, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            text = "".join(self._script)
            if "alert(" in text:
                self.findings.append(f"script running a payload: {text[:120]!r}")
            self._script = None


def scan_html(text: str, strict: bool, nonce: str | None = None) -> list[str]:
    scanner = ScriptScanner(strict, nonce)
    scanner.feed(text)
    scanner.close()
    return scanner.findings


def csp_nonce(response) -> str | None:
    policy = response.get("Content-Security-Policy", "")
    found = re.search(r"'nonce-([^']+)'", policy)
    return found.group(1) if found else None


def json_strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


@dataclass
class Sweep:
    """Fetches outputs, runs the checks, and notes which tokens each output showed."""

    client: Client
    ledger: Ledger
    findings: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    fetched: int = 0

    def get(self, url: str, *, ok=(200,), **params):
        response = self.client.get(url, params or None)
        self.fetched += 1
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", "replace")
        if response.status_code not in ok:
            self.findings.append(f"{url} {params}: status {response.status_code}")
        self.seen.update(TOKEN.findall(text))
        if EVALUATED in text or EVALUATED in html.unescape(text):
            self.findings.append(f"{url}: a template payload was evaluated")
        return response, text

    def page(self, url: str, *, strict: bool = True, ok=(200,), **params) -> str:
        response, text = self.get(url, ok=ok, **params)
        content_type = response.get("Content-Type", "")
        if response.status_code in ok and "html" not in content_type:
            self.findings.append(f"{url}: {content_type}, not HTML")
        nonce = csp_nonce(response)
        for finding in scan_html(text, strict=strict, nonce=nonce):
            self.findings.append(f"{url} {params}: {finding}")
        return text

    def api(self, url: str, *, ok=(200,), **params):
        response, text = self.get(url, ok=ok, **params)
        content_type = response.get("Content-Type", "")
        if "json" not in content_type or response.get("X-Content-Type-Options") != "nosniff":
            self.findings.append(f"{url}: {content_type!r} without nosniff is not inert data")
            return None
        data = json.loads(text)
        plain = sorted(self.ledger.plain, key=len, reverse=True)
        for string in json_strings(data):
            for value in plain:
                string = string.replace(value, "")  # plain text: data for the front end
            for finding in scan_html(string, strict=True):
                self.findings.append(f"{url} {params}: HTML in JSON: {finding}")
        return data

    def feed(self, url: str) -> None:
        response, text = self.get(url)
        root = ET.fromstring(response.content)  # well-formed, whatever the titles hold
        for element in root.iter():
            name = element.tag.rsplit("}", 1)[-1]
            # RSS descriptions and Atom summaries/content are HTML for feed readers.
            if name in ("description", "summary", "content") and element.text:
                for finding in scan_html(element.text, strict=True):
                    self.findings.append(f"{url} <{name}>: {finding}")

    def csv(self, url: str) -> list[list[str]]:
        response, text = self.get(url)
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
        for row in rows:
            for cell in row:
                if TOKEN.search(cell) and cell.startswith(FORMULA_PREFIXES + ("\t", "\r")):
                    self.findings.append(f"{url}: formula cell {cell[:60]!r}")
        return rows


# ---------------------------------------------------------------------------------------
# The poisoned site, built once for the module
# ---------------------------------------------------------------------------------------

EDITOR_PASSWORD = "editor-sweep-2026"


def scrape_edit_form(client: Client, page: Page) -> dict:
    """The page's admin edit form as the browser would post it back, StreamField left out."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    return {
        key: values if len(values) > 1 else values[0]
        for key, values in data.lists()
        if "__prefix__" not in key and not key.startswith("body-")
    }


def block_form_data(
    ledger: Ledger, block: blocks.Block, prefix: str, owner: str, media
) -> dict[str, str]:
    """Form data for ``block`` as Wagtail's StreamField widget posts it, payloads inside."""
    data: dict[str, str] = {}
    if isinstance(block, blocks.StreamBlock):
        children = [(n, c) for n, c in block.child_blocks.items() if block_kind(c) != "skipped"]
        data[f"{prefix}-count"] = str(len(children))
        for index, (name, child) in enumerate(children):
            item = f"{prefix}-{index}"
            data |= {f"{item}-type": name, f"{item}-deleted": "", f"{item}-order": str(index)}
            data[f"{item}-id"] = ""
            data |= block_form_data(ledger, child, f"{item}-value", f"{owner}.{name}", media)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            data |= block_form_data(ledger, child, f"{prefix}-{name}", f"{owner}.{name}", media)
    elif isinstance(block, blocks.ListBlock):
        data |= {f"{prefix}-count": "1", f"{prefix}-0-deleted": "", f"{prefix}-0-order": "0"}
        data[f"{prefix}-0-id"] = ""
        data |= block_form_data(
            ledger, block.child_block, f"{prefix}-0-value", f"{owner}.item", media
        )
    elif isinstance(block, blocks.RichTextBlock):
        token = ledger.tokens.new(owner)
        ledger.stored[token] = data[prefix] = contentstate_payload(token)
    else:
        data[prefix] = str(raw_block_value(ledger, block, owner, media))
    return data


def admin_edit(client: Client, ledger: Ledger, page: Page, media, **extra) -> Page:
    """Fills every swept field shown in the page's edit form and publishes, as its editor."""
    data = scrape_edit_form(client, page)
    for model_field in text_fields(type(page)):
        owner = f"{field_key(model_field)}#{page.pk}:admin"
        if kind_of(model_field) == "stream":
            stream = model_field.stream_block
            data |= block_form_data(ledger, stream, model_field.name, owner, media)
        elif model_field.name in data and kind_of(model_field) in ("text", "url", "email"):
            if (value := fill_field(ledger, page, model_field, owner)) is not None:
                data[model_field.name] = value
    data |= extra
    data["action-publish"] = "1"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, form_errors(response)
    return type(page).objects.get(pk=page.pk)


def form_errors(response) -> str:
    context = response.context or {}
    form = context.get("form")
    return str(getattr(form, "errors", "")) or response.content.decode()[:2000]


def tag_payload(ledger: Ledger, owner: str) -> str:
    """Two tags for taggit's parser: one quoted with markup, one that breaks attributes."""
    token = ledger.tokens.new(owner)
    first = f"{token} <script>alert(1)</script>"
    second = f"-{token}x '><svg onload=alert(1)>"
    ledger.stored[token] = first
    ledger.plain |= {first, second}
    return f'"{first}", "{second}"'


def plain_document():
    return get_document_model().objects.create(
        title="plan", file=ContentFile(b"Action plan", name="plan.txt")
    )


def build_world(client_factory) -> SimpleNamespace:
    ledger = Ledger()
    User = get_user_model()
    french = Locale.objects.get_or_create(language_code="fr")[0]
    home = HomePage.objects.get(depth=2)
    image = ImageFactory()
    document = plain_document()
    media = SimpleNamespace(image=image, document=document)
    for item in (image, document):
        poison(ledger, item)
        item.save()
    prevention = Pillar.objects.get(slug="prevention", locale=Locale.get_default())
    poison(ledger, prevention)
    prevention.save()
    for pillar in Pillar.objects.filter(locale=Locale.get_default()):
        pillar.copy_for_translation(french).save()

    # Model saves keep live pages live (and their search entries fresh) without the cost of
    # a revision each; the pages the APIs and feeds list are published through revisions.
    poison(ledger, home, media)
    home.save()
    directory = SignatoryIndexPageFactory(parent=home)
    library = InitiativeLibraryPageFactory(parent=home)
    sections = [directory, library]
    for model, slug in (
        (MapPage, "map"),
        (JoinPage, "join"),
        (NewsletterPage, "newsletter"),
        (StandardPage, "about"),
    ):
        page = model(title=slug, slug=slug)
        home.add_child(instance=page)
        sections.append(page)
    for page in sections:
        poison(ledger, page, media)
        page.save()

    # The signatory and its initiative, written by the signatory's editor in the admin.
    signatory = SignatoryPageFactory(parent=directory, slug="strasbourg", logo=image)
    # The group and collection names take the title the signatory has when access is given.
    title = Page._meta.get_field("title")
    signatory.title = fill_field(ledger, signatory, title, f"{field_key(title)}#access")
    signatory = publish(signatory)
    initiative = InitiativePageFactory(parent=signatory, slug="clubs", featured_image=image)
    editor = User.objects.create_user("sweep-editor", password=EDITOR_PASSWORD)
    poison(ledger, editor)
    editor.save()
    grant = access.grant(editor, signatory)
    grant.can_publish = True
    grant.save()
    access.sync_permissions(grant)
    for item in (image, document):
        item.collection = grant.collection
        item.save()
    as_editor = client_factory()
    as_editor.force_login(editor)
    signatory = admin_edit(as_editor, ledger, signatory, media, contact_public="on")
    initiative = admin_edit(
        as_editor, ledger, initiative, media, tags=tag_payload(ledger, "taggit.Tag.name")
    )

    # A second signatory whose initiative shares the tag and the P: a related initiative.
    other = SignatoryPageFactory(parent=directory, slug="lyon", latitude=None, longitude=None)
    poison(ledger, other, media)
    other = publish(other)
    related = InitiativePageFactory(parent=other, slug="related")
    poison(ledger, related, media)
    related.tags.add(*initiative.tags.all())
    related = publish(related)

    # The French version, every string translated into a payload through wagtail-localize.
    french_pages = [translate_into_payloads(ledger, initiative, french)]
    french_pages.append(french_pages[0].get_parent().specific)  # copied with it, untranslated
    public = public_input(ledger, client_factory(), sections)
    return SimpleNamespace(
        ledger=ledger,
        french=french,
        home=home,
        directory=directory,
        library=library,
        sections=sections,
        signatory=signatory,
        initiative=initiative,
        other=other,
        related=related,
        french_pages=french_pages,
        media=media,
        editor=editor,
        public=public,
    )


def translate_into_payloads(ledger: Ledger, page: Page, locale: Locale) -> Page:
    """Translates ``page`` through wagtail-localize as its editor stores a translator's
    text (``StringValue.from_plaintext``): a payload of its own for every segment but the
    slug (slugs refuse markup), then publishes the translation."""
    source, _created = TranslationSource.update_or_create_from_instance(page)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        if segment.context.path == "slug":
            text = f"{segment.string.data}-fr"
        else:
            path = segment.context.path
            token = ledger.tokens.new(f"fr translation of {page.pk}.{path}")
            text = ledger.plain_text("fr", text_payload(token, segment_max_length(page, path)))
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": StringValue.from_plaintext(text).data,
                "translation_type": "manual",
            },
        )
    with TestCase.captureOnCommitCallbacks(execute=True):
        source.create_or_update_translation(
            locale, user=None, publish=True, copy_parent_pages=True, fallback=False
        )
    assert not StringTranslation.objects.filter(locale=locale, has_error=True).exists()
    return page.get_translation(locale)


def segment_max_length(page: Page, path: str) -> int:
    """The translated field's own max_length (a short CharField such as the children's
    helpline holds 100), 255 for the others."""
    try:
        model_field = type(page.specific)._meta.get_field(path)
    except Exception:
        return 255
    return min(255, getattr(model_field, "max_length", None) or 255)


# The roads by which the public (and staff reviewing them) write the form-only models.
PUBLIC_ROADS = {
    "pact_pages.SignupRequest": set(JoinForm.Meta.fields) | {"rejection_reason"},
    "pact_pages.NewsletterSubscriber": {"email"},
}
ADMIN_PASSWORD = "staff-sweep-2026"


def join_data(ledger: Ledger, owner: str) -> dict[str, str]:
    """The Join form with a payload in every free-text field of the request."""
    data = {"signatory_type": "town", "country": "FR", "accepted_pact": "on"}
    data["accepted_privacy"] = "on"
    for model_field in text_fields(SignupRequest):
        name = model_field.name
        if name not in JoinForm.Meta.fields or name in data:
            continue
        value = fill_field(ledger, SignupRequest(), model_field, f"{field_key(model_field)}{owner}")
        assert value is not None, f"{name}: the public form refuses every payload"
        data[name] = value
    return data


def public_input(ledger: Ledger, client: Client, sections: list[Page]) -> SimpleNamespace:
    """Two requests to join (one rejected with a payload as reason, one approved) and two
    newsletter sign-ups (one confirmed through its mail), all through the public forms."""
    join_page = next(page for page in sections if isinstance(page, JoinPage))
    newsletter = next(page for page in sections if isinstance(page, NewsletterPage))
    signups = []
    for owner in ("#rejected", "#approved"):
        response = client.post(join_page.url, join_data(ledger, owner))
        assert response.status_code == 302, form_errors(response)
        signups.append(SignupRequest.objects.order_by("-pk").first())
    staff = get_user_model().objects.create_superuser("sweep-staff", "", ADMIN_PASSWORD)
    as_staff = Client()
    as_staff.force_login(staff)
    reason = fill_field(
        ledger,
        signups[0],
        SignupRequest._meta.get_field("rejection_reason"),
        "pact_pages.SignupRequest.rejection_reason",
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        review = reverse("pact_signups:review", args=[signups[0].pk])
        assert as_staff.post(review, {"action": "reject", "reason": reason}).status_code == 302
        review = reverse("pact_signups:review", args=[signups[1].pk])
        assert as_staff.post(review, {"action": "approve"}).status_code == 302
    subscriber_field = NewsletterSubscriber._meta.get_field("email")
    for owner in ("#confirmed", "#formula"):
        email = fill_field(ledger, None, subscriber_field, f"{field_key(subscriber_field)}{owner}")
        if owner == "#formula":  # a spreadsheet formula at the start of the cell
            email = ledger.plain_text(owner, f"=1+1{TOKEN.search(email).group()}@example.org")
        data = {"email": email, "language": "fr", "pillars": ["prevention"], "consent": "on"}
        with TestCase.captureOnCommitCallbacks(execute=True):
            response = client.post(newsletter.url, data)
        assert response.status_code == 302, form_errors(response)
        confirm = re.search(
            r"http://testserver(/newsletter/confirm/[^/\s]+/)", mail.outbox[-1].body
        )
        assert client.get(confirm.group(1)).status_code == 200
    assert NewsletterSubscriber.objects.confirmed().count() == 2
    return SimpleNamespace(signups=signups, staff=staff, mails=list(mail.outbox))


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The poisoned site, built once per module in a transaction rolled back at the end;
    each test runs in a savepoint of its own."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world(Client)
        transaction.set_rollback(True)


# ---------------------------------------------------------------------------------------
# The tests
# ---------------------------------------------------------------------------------------


def test_every_text_field_is_swept_or_listed():
    """A text-like field is filled by the sweep, or listed with a reason; a listed field
    that no longer exists is an error too (the lists must not rot)."""
    unknown, keys = [], set()
    for model in swept_models():
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, TEXT_LIKE):
                keys.add(field_key(model_field))
        for model_field in text_fields(model):
            label = model._meta.label
            if kind_of(model_field) is None:
                unknown.append(f"{field_key(model_field)}: no payload for {type(model_field)}")
            elif label in FORM_ONLY_MODELS and model_field.name not in PUBLIC_ROADS[label]:
                unknown.append(f"{field_key(model_field)}: no public form writes it")
            elif kind_of(model_field) == "stream":
                for path, block in walk_blocks(model_field.stream_block, model_field.name):
                    if block_kind(block) is None:
                        unknown.append(f"{label}.{path}: no payload for {type(block).__name__}")
    assert not unknown, "fill these fields in the sweep or list them with a reason"
    assert set(SKIPPED_FIELDS) <= keys, set(SKIPPED_FIELDS) - keys
    project = {m._meta.label for c in ("pact_pages", "home") for m in c_models(c)}
    assert set(SKIPPED_MODELS) <= project
    assert set(FORM_ONLY_MODELS) <= {m._meta.label for m in swept_models()}


def c_models(app_label: str):
    return apps.get_app_config(app_label).get_models()


def test_upload_names_lose_their_markup():
    """Image and document files keep the uploader's name, cleaned by the storage."""
    name = default_storage.get_valid_name('"><svg onload=alert(1)>.png')
    assert re.fullmatch(r"[-\w.]+", name), name


# These tests, and the regression tests of the defects the sweep found, come before the test
# that uses the module's world: they build their own pages with the conftest fixtures, which
# must not see the world's (pytest keeps a module fixture until the module's last test).


def test_the_admin_answers_refused_payloads_with_form_errors(client, signatory):
    """A signatory editor posting a payload where validation refuses it gets the form back
    with errors (never a server error), and the live page is unchanged."""
    editor = get_user_model().objects.create_user("refused-editor")
    access.grant(editor, signatory)
    client.force_login(editor)
    media = SimpleNamespace(image=ImageFactory(), document=plain_document())
    page = signatory
    data = scrape_edit_form(client, page)
    data |= block_form_data(Ledger(), page.body.stream_block, "body", "refusal", media)
    for name, value in (
        ("website", "javascript:alert(1)"),
        ("country", "<script>alert(1)</script>"),
        ("signatory_type", '"><img src=x onerror=alert(1)>'),
        ("contact_email", "<script>alert(1)</script>@example.org"),
        ("slug", "<svg onload=alert(1)>"),
    ):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            data | {name: value, "action-publish": "1"},
        )
        assert response.status_code == 200, name
        assert name in response.context["form"].errors, name
        assert not scan_html(response.content.decode(), strict=False), name
    live = SignatoryPage.objects.get(pk=page.pk)
    assert (live.website, live.country, live.slug) == (page.website, page.country, page.slug)


def test_public_forms_refuse_choice_payloads(client, home_page):
    """The Join form's choices and the newsletter's language and Ps answer 400, not 500."""
    join_page, newsletter = JoinPage(title="Join", slug="join"), NewsletterPage(title="News")
    for page in (join_page, newsletter):
        home_page.add_child(instance=page)
    base = join_data(Ledger(), "#refused")
    for name in ("signatory_type", "country"):
        response = client.post(join_page.url, base | {name: "<script>alert(1)</script>"})
        assert response.status_code == 400, name
        assert not scan_html(response.content.decode(), strict=True, nonce=csp_nonce(response))
    good = {"email": "reader@example.org", "language": "fr", "consent": "on"}
    for changes in (
        {"language": '"><script>alert(1)</script>'},
        {"pillars": ["<svg onload=alert(1)>"]},
        {"email": "<script>alert(1)</script>"},
    ):
        response = client.post(newsletter.url, good | changes)
        assert response.status_code == 400, changes
        assert not scan_html(response.content.decode(), strict=True, nonce=csp_nonce(response))


def test_a_long_name_fits_the_signatory_group_and_collection(client, directory):
    """Regression: approving a request named with more than 139 characters answered 500 on
    PostgreSQL, whose auth_group.name holds 150 (a request name holds 200, a page title 255);
    and a second signatory of the same name and country (two Saint-Denis) answered 500 on
    every database: it was given the first one's collection, which is one-to-one."""
    staff = get_user_model().objects.create_superuser("long-staff", "", ADMIN_PASSWORD)
    client.force_login(staff)
    for number in range(2):
        signup = SignupRequest.objects.create(
            name="Communauté d'agglomération " + "très longue " * 14 + "x" * 5,
            signatory_type="association",
            country="FR",
            place="Ville",
            contact_person="Camille Martin",
            email=f"camille{number}@example.org",
            role="Mayor",
            accepted_pact=True,
            accepted_privacy=True,
        )
        assert len(signup.name) == 200
        review = reverse("pact_signups:review", args=[signup.pk])
        assert client.post(review, {"action": "approve"}).status_code == 302
        signup.refresh_from_db()
        grant = SignatoryAccess.objects.get(translation_key=signup.signatory.translation_key)
        assert len(grant.group.name) <= 150 and grant.group.name.startswith("Signatory: ")
        assert len(grant.collection.name) <= 255 and " (FR" in grant.collection.name
    assert SignatoryAccess.objects.values("group__name").distinct().count() == 2
    assert SignatoryAccess.objects.values("collection").distinct().count() == 2


def test_feed_summaries_reach_feed_readers_as_text(client, library, signatory):
    """Regression: an initiative's summary is plain text, but RSS descriptions and Atom
    summaries (type="html") are HTML to feed readers: a summary holding markup ran in them."""
    InitiativePageFactory(
        parent=signatory, summary="<script>alert(1)</script> Parks & <b>schools</b>'"
    )
    rss = ET.fromstring(client.get("/en/feeds/initiatives.rss").content)
    atom = ET.fromstring(client.get("/en/feeds/initiatives.atom").content)
    atom_summary = atom.find(
        "{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary"
    )
    for description in (rss.find("channel/item/description").text, atom_summary.text):
        assert (
            description
            == "&lt;script&gt;alert(1)&lt;/script&gt; Parks &amp; &lt;b&gt;schools&lt;/b&gt;'"
        )


SCRIPT = "<script>alert(1)</script>"
REFLECTED = f'"><img src=x onerror=alert(1)>{SCRIPT}ti{{% widthratio 7 1 7 %}}ti'


def public_urls(world) -> Iterator[tuple[str, dict]]:
    """Every public HTML page of the sweep, in English and French, with reflected input."""
    pages = [*world.sections, world.home, world.signatory, world.initiative, world.other]
    pages += [world.related, *world.french_pages]
    for page in pages:
        url = page.url
        yield url, {}
        translated = page.get_translations().filter(locale__language_code="fr").exists()
        if url.startswith("/en/") and not translated:  # the French fallback of the page
            yield "/fr/" + url[len("/en/") :], {}
    title_token = TOKEN.search(world.initiative.title).group()
    tag = world.initiative.tags.first()
    for language in ("en", "fr"):
        yield f"/{language}/search/", {"q": title_token}
        yield f"/{language}/search/", {"q": f"{title_token} {REFLECTED}"}
        yield f"/{language}/search/", {"q": "alert script img"}
    yield world.directory.url, {"q": title_token}
    yield world.directory.url, {"q": REFLECTED, "country": REFLECTED, "type": REFLECTED}
    yield world.directory.url, {"pillar": REFLECTED, "page": REFLECTED}
    yield world.library.url, {"tag": tag.slug, "pillar": "prevention"}
    yield world.library.url, {"tag": REFLECTED, "status": REFLECTED, "country": REFLECTED}
    map_page = next(p for p in world.sections if isinstance(p, MapPage))
    yield map_page.url, {"country": REFLECTED, "type": REFLECTED, "pillar": REFLECTED}
    newsletter = next(p for p in world.sections if isinstance(p, NewsletterPage))
    yield newsletter.url, {"email": REFLECTED, "sent": "1"}
    join_page = next(p for p in world.sections if isinstance(p, JoinPage))
    yield join_page.url, {"sent": "1"}


def api_urls(world) -> Iterator[tuple[str, dict]]:
    v1 = "/api/pact/v1"
    title_token = TOKEN.search(world.initiative.title).group()
    for locale in ({}, {"locale": "fr"}):
        for endpoint in ("signatories", "initiatives", "pillars", "countries", "tags", "stats"):
            yield f"{v1}/{endpoint}", locale
        yield f"{v1}/map.geojson", locale
        yield f"{v1}/signatories/{world.signatory.pk}", locale
        yield f"{v1}/signatories/by-slug/strasbourg", locale
        yield f"{v1}/initiatives/{world.initiative.pk}", locale
        yield f"{v1}/initiatives/{world.related.pk}", locale
        yield f"{v1}/initiatives", {**locale, "q": title_token}
    yield f"{v1}/initiatives", {"tag": world.initiative.tags.first().slug}
    for page in (world.signatory, world.initiative, *world.french_pages, world.home):
        yield f"/api/v2/pages/{page.pk}/", {}
    for page_type in ("pact_pages.SignatoryPage", "pact_pages.InitiativePage", "home.HomePage"):
        yield "/api/v2/pages/", {"type": page_type, "fields": "*"}
    yield "/api/v2/pages/", {"search": title_token}
    for endpoint, item in (("images", world.media.image), ("documents", world.media.document)):
        yield f"/api/v2/{endpoint}/", {"fields": "*"}
        yield f"/api/v2/{endpoint}/{item.pk}/", {}


# Reflected input the APIs must refuse with a problem document, not echo as HTML.
API_REFUSALS = [
    ("/api/pact/v1/signatories", {"country": REFLECTED}),
    ("/api/pact/v1/signatories", {"ordering": REFLECTED}),
    ("/api/pact/v1/initiatives", {"pillar": REFLECTED, "locale": REFLECTED}),
    ("/api/pact/v1/signatories/by-slug/%3Cscript%3E", {}),
    ("/api/pact/v1/%3Cscript%3Ealert(1)%3C/script%3E", {}),
    ("/api/v2/pages/", {"type": REFLECTED}),
    ("/api/v2/pages/", {"fields": REFLECTED}),
]


def admin_urls(world) -> Iterator[str]:
    # Listings of every page of the sweep; edit views (every field in its input) of the
    # admin-edited pages, the French translation (wagtail-localize's editor) and the draft
    # made from a request; a history (the editor's payload name).
    for page in (world.home, world.directory, world.signatory, world.other):
        yield reverse("wagtailadmin_explore", args=[page.pk])
    for page in (world.signatory, world.initiative, world.french_pages[0]):
        yield reverse("wagtailadmin_pages:edit", args=[page.pk])
    yield reverse("wagtailadmin_pages:history", args=[world.initiative.pk])
    approved = world.public.signups[1]
    approved.refresh_from_db()
    yield reverse("wagtailadmin_pages:edit", args=[approved.signatory_id])
    title_token = TOKEN.search(world.initiative.title).group()
    yield reverse("wagtailadmin_pages:search") + f"?q={title_token}"
    yield "/admin/"
    for signup in world.public.signups:
        yield reverse("pact_signups:review", args=[signup.pk])
        yield reverse("pact_signups:inspect", args=[signup.pk])
    for viewset in ("pact_signups", "pact_newsletter", "pact_access"):
        yield reverse(f"{viewset}:index")
    yield reverse("wagtailsnippets_pact_pages_pillar:list")
    prevention = Pillar.objects.get(slug="prevention", locale=Locale.get_default())
    yield reverse("wagtailsnippets_pact_pages_pillar:edit", args=[prevention.pk])
    yield reverse("wagtailimages:index")
    yield reverse("wagtailimages:edit", args=[world.media.image.pk])
    yield reverse("wagtaildocs:index")
    yield reverse("wagtaildocs:edit", args=[world.media.document.pk])
    yield reverse("wagtailusers_users:index")
    yield reverse("wagtailusers_users:edit", args=[world.editor.pk])
    yield reverse("wagtailusers_groups:index")
    yield reverse("wagtailadmin_collections:index")


def test_no_payload_runs_in_any_output(world):
    """Every output, every language: no live script, no evaluated template, no formula; and
    every payload the sweep stored shows up (escaped) in at least one of them. (One test:
    the world is built once per xdist worker that runs a test using it.)"""
    # Choices, slugs, the P colour and javascript: URLs never took a payload.
    refused = set(world.ledger.refused)
    expected = {
        "wagtailcore.Page.slug",
        "pact_pages.SignatoryPage.country",
        "pact_pages.SignatoryPage.signatory_type",
        "pact_pages.SignatoryPage.website",
        "pact_pages.InitiativePage.status",
        "pact_pages.Pillar.colour",
        "pact_pages.Pillar.slug",
    }
    missing = {key for key in expected if not any(owner.startswith(key) for owner in refused)}
    assert not missing
    for owner, values in world.ledger.refused.items():
        if owner.startswith("pact_pages.SignatoryPage.website"):
            assert "javascript:alert(1)" in values
    sweep = Sweep(Client(), world.ledger)
    for url, params in public_urls(world):
        sweep.page(url, **params)
    sweep.page("/en/" + REFLECTED + "/", ok=(404,))
    for url, params in api_urls(world):
        sweep.api(url, **params)
    for url, params in API_REFUSALS:
        sweep.api(url, ok=(400, 404, 422), **params)
    for language in ("en", "fr"):
        for name in ("initiatives.rss", "initiatives.atom", "initiatives/prevention.atom"):
            sweep.feed(f"/{language}/feeds/{name}")
    sweep.get("/sitemap.xml")
    ET.fromstring(sweep.client.get("/sitemap.xml").content)

    sweep.client.force_login(world.public.staff)
    for url in admin_urls(world):
        sweep.page(url, strict=False)
    for export in ("pact_export_signatories", "pact_export_initiatives"):
        for locale in ("en", "fr"):
            sweep.csv(reverse(export) + f"?locale={locale}")
    rows = sweep.csv(reverse("pact_newsletter:export"))
    assert any(row[0].startswith("'=1+1") for row in rows), rows  # neutralised, not dropped
    sweep.client.force_login(world.editor)
    for url in ("/admin/", reverse("wagtailadmin_explore", args=[world.signatory.pk])):
        sweep.page(url, strict=False)

    for message in world.public.mails:
        sweep.seen.update(TOKEN.findall(message.body + message.subject))
        assert EVALUATED not in message.body
        for content, _mimetype in getattr(message, "alternatives", []):
            sweep.seen.update(TOKEN.findall(content))
            sweep.findings += [f"mail {message.subject!r}: {f}" for f in scan_html(content, True)]

    assert not sweep.findings, "\n".join(sweep.findings)
    unseen = {
        token: world.ledger.tokens.owners[token]
        for token in world.ledger.stored
        if token not in sweep.seen
    }
    assert not unseen, "\n".join(f"{token}: {owner}" for token, owner in unseen.items())
