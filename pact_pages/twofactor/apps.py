from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwoFactorConfig(AppConfig):
    """Opt-in: a host adds "pact_pages.twofactor" (and django-otp) to INSTALLED_APPS.

    Its own label, so that it never mixes with the plugin's app ("pact_pages"), which knows
    nothing of it: its admin pages and account menu entry come from its own wagtail_hooks,
    which Wagtail loads only for installed apps.
    """

    name = "pact_pages.twofactor"
    label = "pact_twofactor"
    verbose_name = _("Two-factor sign-in")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from pact_pages.twofactor import checks, receivers  # noqa: F401  (registers them)
