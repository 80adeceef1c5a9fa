"""Template tags of the follow-up's public pages (issue 20): a signatory's plan and reports on
its profile, a round's figures, the list of rounds.

Tags rather than the pages' ``get_context``: the profile's page type sits below the
follow-up (``pact_pages.signatories`` may not import it), and the rounds' page types belong
to :mod:`pact_pages.follow_up`; the templates ask for what they show.
"""

from django import template
from django.core.paginator import Paginator

from pact_pages.core.fallbacks import reader_locale
from pact_pages.progress import public

register = template.Library()

SIGNATORIES_PER_PAGE = 50


@register.simple_tag
def signatory_progress(signatory) -> public.SignatoryProgress:
    """``{% signatory_progress page as progress %}``: the plan per P and the reports."""
    return public.signatory_progress(signatory, reader_locale(signatory))


@register.simple_tag(takes_context=True)
def round_summary(context, round_page) -> dict:
    """``{% round_summary page as summary %}``: who reported (a page of them), by country and
    by P, and the indicators summed. A fixed number of queries, whatever the reports."""
    locale = reader_locale(round_page)
    reports = public.round_reports(round_page, locale)
    signatories = public.reporting_signatories(round_page, locale)
    countries = public.by_country(signatories)
    paginator = Paginator(signatories.order_by("title", "pk"), SIGNATORIES_PER_PAGE)
    request = context.get("request")
    page_obj = paginator.get_page(request.GET.get("page") if request is not None else None)
    return {
        "total": sum(row.count for row in countries),
        "countries": countries,
        "pillars": public.by_pillar(reports, locale),
        "indicators": public.indicators_summed(reports),
        "page_obj": page_obj,
        "paginator": paginator,
    }


@register.simple_tag
def round_list(index_page) -> list:
    """``{% round_list page as rounds %}``: the rounds, newest first, with report counts."""
    return public.round_index_rounds(index_page, reader_locale(index_page))
