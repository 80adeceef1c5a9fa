"""robots.txt and /favicon.ico: what crawlers and browsers ask for at the site's root."""

from django.http import HttpRequest, HttpResponse
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_safe
from django.views.generic import RedirectView


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


class FaviconRedirect(RedirectView):
    """Browsers and feed readers ask for /favicon.ico whatever the page says."""

    permanent = False  # the static file's fingerprinted name changes with its content

    def get_redirect_url(self, *args, **kwargs) -> str:
        return static("favicons/favicon.ico")
