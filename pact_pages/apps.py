from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PactPagesConfig(AppConfig):
    name = "pact_pages"
    verbose_name = _("Pact pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import frontend_cache, security_richtext, signals  # noqa: F401
        from .api import cache, index  # noqa: F401  (cache: its invalidation signals)
        from .permission_policies import register_permission_policies
        from .trust import checks  # noqa: F401  (its system checks)
        from .twofactor import receivers  # noqa: F401

        # Before wagtail.snippets' ready() creates fallback policies for these models.
        register_permission_policies()
        index.connect(self)
        frontend_cache.connect()
        # Translations stay behind their source, whoever publishes (issue 14).
        from .trust.translation_publish import connect_signals

        connect_signals()
        # A page's view restrictions are the same in every locale (issue 14).
        from .trust import privacy_sync

        privacy_sync.connect_signals()
        # Every configured content language is a locale with its translators (issue 15).
        from . import locales_sync

        locales_sync.connect(self)
