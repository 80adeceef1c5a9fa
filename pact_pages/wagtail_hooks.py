"""Admin registration: the four Ps as a snippet that only staff with rights can change."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Pillar


class PillarViewSet(SnippetViewSet):
    """The four Ps: editable (name, description, colour) by users with the change right."""

    model = Pillar
    icon = "tag"
    menu_label = _("The four Ps")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug", "colour", "locale"]
    list_filter = ["locale"]
    ordering = ["sort_order"]


register_snippet(PillarViewSet)
