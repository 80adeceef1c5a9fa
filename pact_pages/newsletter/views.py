"""Public views of the newsletter: the sign-up page, the confirmation and unsubscribe links.

The links are plain URLs outside the language prefix (pact_pages.newsletter.urls), so that a
link in a mail keeps working when pages move; they answer in the subscriber's language.
The unsubscribe URL accepts RFC 8058 one-click POSTs from mail clients, which carry no CSRF
token: the signed token in the address is what authorises them.
"""

from django.conf import settings
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from pact_pages.conf import pact_setting
from pact_pages.core.ratelimit import hit
from pact_pages.core.reader_links import source_language
from pact_pages.core.templating import base_template_context
from pact_pages.newsletter import subscriptions as newsletter
from pact_pages.newsletter.forms import NewsletterForm


def serve_newsletter_page(page, request):
    if request.method != "POST":
        # The home page's field sends the address here (its form carries no CSRF token, so
        # that the home page stays cacheable); it only fills in the field.
        form = NewsletterForm(locale=page.locale, initial={"email": request.GET.get("email", "")})
        return _render_page(page, request, form, sent=request.GET.get("sent") == "1")
    form = NewsletterForm(request.POST, locale=page.locale)
    limit, window = pact_setting("PACT_NEWSLETTER_RATE_LIMIT")
    if not hit(request, "newsletter", limit, window):
        form.is_valid()
        form.add_error(
            None,
            _(
                "Too many requests from your connection. Please try again in an hour; what "
                "you entered is kept below."
            ),
        )
        return _render_page(page, request, form, status=429)
    if not form.is_valid():
        return _render_page(page, request, form, status=400)
    if not form.is_spam():
        newsletter.subscribe(request, form.choices())
    # The same answer whether the address was new, waiting for confirmation or subscribed.
    return redirect(page.url + "?sent=1")


def _render_page(page, request, form, sent: bool = False, status: int = 200):
    context = page.get_context(request)
    context.update(form=form, sent=sent, unconfirmed_days=newsletter.unconfirmed_days())
    return TemplateResponse(request, page.get_template(request), context, status=status)


def _respond(request, template: str, language: str, context: dict, status: int = 200):
    """Renders at once in ``language`` (a TemplateResponse would render after the override)."""
    language = language if language in dict(settings.LANGUAGES) else source_language()
    with translation.override(language):
        page = newsletter.newsletter_page(language)
        context = {"page": page, "newsletter_page": page, **base_template_context(), **context}
        response = render(request, f"pact_pages/{template}", context, status=status)
    response["Content-Language"] = language
    return response


def _link_error(request, error: newsletter.InvalidToken | None):
    """A clear page, never a 500: expired, altered, or the subscription no longer exists."""
    reason = "gone" if error is None else ("expired" if error.expired else "invalid")
    language = translation.get_language() or source_language()
    return _respond(
        request,
        "newsletter_page_link_error.html",
        language,
        {"reason": reason, "days": newsletter.unconfirmed_days()},
        status=410 if reason == "gone" else 400,
    )


@never_cache
@require_GET
def confirm_view(request, token: str):
    try:
        subscriber = newsletter.confirm(token)
    except newsletter.InvalidToken as error:
        return _link_error(request, error)
    if subscriber is None:
        return _link_error(request, None)
    return _respond(
        request,
        "newsletter_page_confirmed.html",
        subscriber.language,
        {
            "subscriber": subscriber,
            "language_name": subscriber.get_language_display(),
            "unsubscribe_token": newsletter.unsubscribe_token(subscriber),
        },
    )


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without a token
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe_view(request, token: str):
    try:
        subscriber = newsletter.check_unsubscribe_token(token)
    except newsletter.InvalidToken as error:
        return _link_error(request, error)
    language = subscriber.language if subscriber else translation.get_language()
    if request.method == "POST":
        # Idempotent: a second click (or the mail client's POST after the reader's) is fine.
        newsletter.unsubscribe(token)
        return _respond(request, "newsletter_page_unsubscribe.html", language, {"done": True})
    # A GET only asks: link scanners in mail servers follow links, and must not unsubscribe.
    return _respond(
        request,
        "newsletter_page_unsubscribe.html",
        language,
        {"done": False, "subscribed": subscriber is not None, "token": token},
    )
