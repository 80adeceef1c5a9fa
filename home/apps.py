from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Campaign site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from oneinfive import replica

        from . import signals  # noqa: F401  (connects the receivers)

        replica.connect_signals()
