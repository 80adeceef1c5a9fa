"""The public "Join the Pact" page."""

from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from pact_pages.conf import pact_setting
from pact_pages.core.blocks import RICH_TEXT_FEATURES
from pact_pages.core.ratelimit import hit
from pact_pages.core.reader_links import source_language
from pact_pages.core.templating import BaseTemplateMixin


class JoinPage(BaseTemplateMixin, Page):
    """Lets a town, region, association, representative or organisation ask to sign."""

    introduction = RichTextField(
        gettext_lazy("introduction"), blank=True, features=RICH_TEXT_FEATURES
    )
    thank_you = RichTextField(
        gettext_lazy("thank-you text"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=gettext_lazy("Shown after a request was sent."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=gettext_lazy("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=gettext_lazy("the Pact text"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("thank_you"),
        FieldPanel("pact_page"),
        FieldPanel("privacy_page"),
    ]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "pact_pages/join_page.html"

    class Meta:
        verbose_name = gettext_lazy("Join the Pact page")

    def serve(self, request, *args, **kwargs):
        from pact_pages.onboarding.decisions import acknowledge
        from pact_pages.onboarding.forms import JoinForm

        if request.method != "POST":
            form = JoinForm()
            return self._render(request, form, sent=request.GET.get("sent") == "1")
        form = JoinForm(request.POST)
        limit, window = pact_setting("PACT_JOIN_RATE_LIMIT")
        if not hit(request, "join", limit, window):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Too many requests from your connection. Please try again "
                    "in an hour; what you entered is kept below."
                ),
            )
            return self._render(request, form, status=429)
        if not form.is_valid():
            return self._render(request, form, status=400)
        if not form.is_spam():
            signup = form.save(commit=False)
            signup.language = getattr(request, "LANGUAGE_CODE", None) or source_language()
            signup.save()
            acknowledge(signup)
        return redirect(self.url + "?sent=1")

    def _render(self, request, form, sent: bool = False, status: int = 200):
        context = self.get_context(request)
        context.update(form=form, sent=sent)
        return TemplateResponse(request, self.get_template(request), context, status=status)
