from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PactPagesConfig(AppConfig):
    name = "pact_pages"
    verbose_name = _("Pact pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from pact_pages.api import cache, index_signals  # noqa: F401  (cache: its invalidation signals)
        from pact_pages.core import collation, request_memo
        from pact_pages.core.richtext_clean import clean_rich_text_on_save
        from pact_pages.initiatives import signals as initiative_signals  # noqa: F401
        from pact_pages.permission_policies import register_permission_policies
        from pact_pages.progress import api_routes  # noqa: F401  (adds its routes to the API)
        from pact_pages.public import checks as public_checks  # noqa: F401  (system checks)
        from pact_pages.public import frontend_cache, page_cache_signals
        from pact_pages.signatories import signals  # noqa: F401
        from pact_pages.translation import signals as translation_signals  # noqa: F401
        from pact_pages.trust import checks  # noqa: F401  (its system checks)

        collation.connect()  # names sorted in the reader's language, SQLite included
        request_memo.connect()  # view restrictions and the default locale read once a request
        # Before wagtail.snippets' ready() creates fallback policies for these models.
        register_permission_policies()
        # Rich text of the plugin's own models only: a host's content is its own.
        clean_rich_text_on_save(self)
        index_signals.connect(self)
        frontend_cache.connect()
        page_cache_signals.connect()  # anonymous readers' page cache goes stale on changes
        # Translations stay behind their source, whoever publishes (issue 14).
        from pact_pages.translation.publish import connect_signals

        connect_signals()
        # A page's view restrictions are the same in every locale (issue 14).
        from pact_pages.trust import privacy_sync

        privacy_sync.connect_signals()
        # Every configured content language is a locale with its translators (issue 15).
        from pact_pages.translation import locales_sync

        locales_sync.connect(self)
        # The plugin's section pages get the Pact moderation workflow when created (issue 16).
        from pact_pages.moderation import workflow

        workflow.connect_signals()
        # Uploaded images lose their EXIF data (location…), whatever the image model (issue 19).
        from pact_pages.safeguarding import exif

        exif.connect_signals()
