from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Campaign site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from oneinfive import replica
        from pact_pages.core.page_rules import follow_page_rules
        from pact_pages.core.richtext_clean import clean_rich_text_on_save

        from . import signals  # noqa: F401  (connects the receivers)

        replica.connect_signals()
        # The site's own pages get the plugin's rich-text cleaning too (opt-in per app).
        clean_rich_text_on_save(self)
        # The campaign's own site: its pages follow the plugin's page rules too (translations
        # behind their source, view restrictions in every locale, translators' rights).
        follow_page_rules(self)
