"""Which pages the plugin's site-wide page rules apply to: the plugin's own page types, and
those of the apps that ask for them.

The plugin's rules on pages (a translation never stays live while its source is not,
``pact_pages.translation.publish``; a page's view restrictions are the same in every
locale, ``pact_pages.trust.privacy_sync``) answer signals Wagtail sends for every page of
the site. A host's own pages (bakerydemo's recipes, a blog) follow the host's rules, not the
campaign's: its translation of a recipe stays published when the original is unpublished.
A site that wants its own pages under the same rules, as the reference site does for its
``home`` app, calls ``follow_page_rules(self)`` from its ``AppConfig.ready()``.
"""

from django.apps import AppConfig
from django.db.models import Model
from wagtail.models import Page

PLUGIN_APP = "pact_pages"
_apps: set[str] = {PLUGIN_APP}


def follow_page_rules(app_config: AppConfig) -> None:
    """The page types of ``app_config`` follow the plugin's page rules (from its ``ready()``)."""
    _apps.add(app_config.label)


def page_rule_apps() -> frozenset[str]:
    """The labels of the apps whose page types follow the plugin's page rules."""
    return frozenset(_apps)


def follows_page_rules(instance: Model | None) -> bool:
    """Whether ``instance`` (a page, specific or not, or a translatable snippet such as a P)
    is of a model of the plugin or of an app that asked for its rules."""
    if instance is None:
        return False
    model = instance.specific_class if isinstance(instance, Page) else type(instance)
    return model is not None and model._meta.app_label in _apps
