"""System checks: a host site that leaves out a boundary's middleware or setting is told so
at ``manage.py check`` (and ``migrate``), not by a leak."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from pact_pages.conf import pact_setting
from pact_pages.signatories.media_scope import CHOICES as GUARDED_MEDIA_CHOICES

REQUIRED_MIDDLEWARE = (
    "pact_pages.trust.admin_restrictions.DraftTitlesGuardMiddleware",
    "pact_pages.translation.guard.TranslationBoundaryMiddleware",
    "pact_pages.trust.people_display.PeopleDisplayMiddleware",
)
HINT = "Add it to MIDDLEWARE after AuthenticationMiddleware (docs/plugin.md, Settings)."


@register(Tags.security)
def check_boundaries(app_configs=None, **kwargs) -> list:
    middleware = list(getattr(settings, "MIDDLEWARE", ()))
    problems: list = [
        Error(
            f"{name} is not in MIDDLEWARE: other signatories' drafts, locales or people "
            "would be shown to signatory editors and translators.",
            hint=HINT,
            id="pact_pages.E001",
        )
        for name in REQUIRED_MIDDLEWARE
        if name not in middleware
    ]
    if getattr(settings, "WAGTAIL_EMAIL_MANAGEMENT_ENABLED", True):
        problems.append(
            Warning(
                "WAGTAIL_EMAIL_MANAGEMENT_ENABLED is on: signatory editors can change their "
                "address without confirming it, and take an applicant's address.",
                hint="Set WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False: pact_pages then offers a "
                "change confirmed from the new address (docs/plugin.md).",
                id="pact_pages.W001",
            )
        )
    guarded_media = pact_setting("PACT_GUARDED_MEDIA")
    if guarded_media not in GUARDED_MEDIA_CHOICES:
        problems.append(
            Error(
                f"PACT_GUARDED_MEDIA is {guarded_media!r}: every document download and the "
                "/api/v2/ media endpoints would fail.",
                hint='Set it to "plugin" (the signatories\' uploads) or "all" (every file).',
                id="pact_pages.E030",
            )
        )
    return problems
