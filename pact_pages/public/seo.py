"""robots.txt: what crawlers ask for at the site's root (the favicon is the site's own)."""

from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_safe


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """The whole site may be crawled but the admin; the sitemap's absolute address."""
    lines = ["User-agent: *"]
    try:
        lines.append(f"Disallow: {reverse('wagtailadmin_home')}")
    except NoReverseMatch:
        pass  # a site without Wagtail's admin URLs
    lines.append("Allow: /")
    lines.append("")
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('pact_sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
