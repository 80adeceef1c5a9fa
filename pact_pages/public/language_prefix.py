"""A URL prefix that follows the host's choice: ``/<language>/`` when the host serves its pages
under ``i18n_patterns``, nothing when it does not.

``pact_pages.urls`` is included once, at the root of the host's URLconf, where Django does not
allow ``i18n_patterns``. The plugin's per-language addresses (the feeds) still get the same
language prefix as the host's pages (``/fr/feeds/initiatives.rss`` beside ``/fr/…`` pages),
and plain addresses (``/feeds/initiatives.rss``) on a site without language prefixes.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.urls import URLResolver, get_urlconf
from django.utils.translation import get_language


class HostLanguagePrefix:
    """Duck-types Django's LocalePrefixPattern (not a subclass: Django's LocaleMiddleware must
    not take the plugin's include for the host's i18n_patterns)."""

    converters: dict = {}

    @property
    def language_prefix(self) -> str:
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        used, prefix_default_language = is_language_prefix_patterns_used(urlconf)
        if not used:
            return ""
        language_code = get_language() or settings.LANGUAGE_CODE
        if language_code == settings.LANGUAGE_CODE and not prefix_default_language:
            return ""
        return f"{language_code}/"

    @property
    def regex(self) -> re.Pattern:
        # Read by reverse(), whose table Django keeps per active language.
        return re.compile(re.escape(self.language_prefix))

    def match(self, path: str):
        prefix = self.language_prefix
        if path.startswith(prefix):
            return path.removeprefix(prefix), (), {}
        return None

    def check(self) -> list:
        return []

    def describe(self) -> str:
        return f"'{self}'"

    def __str__(self) -> str:
        return self.language_prefix or "[host language prefix]"


def per_language(urlpatterns: list) -> URLResolver:
    """``urlpatterns`` under the host's language prefix, if it uses one."""
    return URLResolver(HostLanguagePrefix(), urlpatterns)
