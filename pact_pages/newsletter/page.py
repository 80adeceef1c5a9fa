"""The newsletter's public sign-up page; confirmation and unsubscribe links lead back to it
(its views: :mod:`.views`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from pact_pages.core.blocks import RICH_TEXT_FEATURES
from pact_pages.core.templating import BaseTemplateMixin
from pact_pages.newsletter.views import serve_newsletter_page


class NewsletterPage(BaseTemplateMixin, Page):
    """The sign-up form of the newsletter; confirmation and unsubscribe links lead back to
    the page in the subscriber's language."""

    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    thank_you = RichTextField(
        _("thank-you text"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Shown after the form was sent, whatever the address."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("thank_you"),
        FieldPanel("privacy_page"),
    ]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "pact_pages/newsletter_page.html"

    class Meta:
        verbose_name = _("newsletter page")

    def serve(self, request, *args, **kwargs):
        return serve_newsletter_page(self, request)
