from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.http import Http404
from django.templatetags.static import static as static_url
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from pact_pages.api.wagtail_v2 import api_router
from pact_pages.public import views as pact_views

# A database outage raised outside a view still answers 503 (oneinfive.database_unavailable).
handler500 = "oneinfive.database_unavailable.server_error"


class FaviconRedirect(RedirectView):
    """The site's favicon, at the root where browsers and feed readers look for it."""

    permanent = False  # the static file's fingerprinted name changes with its content

    def get_redirect_url(self, *args, **kwargs) -> str:
        return static_url("favicons/favicon.ico")


urlpatterns = [
    # The plugin: its API (/api/pact/v1/), the newsletter mails' links and the feeds, which
    # take the language prefix of the pages below (/fr/feeds/initiatives.rss).
    path("", include("pact_pages.urls")),
    path("api/v2/", api_router.urls),  # Wagtail's stock API, for existing headless front ends
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("pact_pages.public.seo_urls")),  # sitemap.xml, robots.txt (opt-in)
    path("favicon.ico", FaviconRedirect.as_view(), name="favicon"),
]


def serve_media(request, path, document_root=None):
    """``make run``'s media files, as the production proxy serves them: documents only
    through the site's download view (/documents/<id>/…), which checks who may have them."""
    if path.startswith("documents/"):
        raise Http404
    return serve(request, path, document_root=document_root)


if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, serve_media, document_root=settings.MEDIA_ROOT)

# Wagtail's front-end helpers, before page serving, whose catch-all pattern would otherwise
# take them for page slugs (a 404): a password-protected page's form posts to
# _util/authenticate_with_password/; a page for signed-in users sends to _util/login/, which
# goes to the admin's sign-in (lockout, throttling and two-factor apply there, and every
# account of the site is an admin account), not to a second sign-in form.
wagtail_util_urls = [
    pattern
    for pattern in wagtail_urls.urlpatterns
    if pattern.name == "wagtailcore_authenticate_with_password"
]
wagtail_util_urls.append(
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="wagtailadmin_login", query_string=True),
        name="wagtailcore_login",
    )
)

# Pages are served under a language prefix (/en/, /fr/…); "/" redirects to the reader's
# language. Page serving comes last; pact_pages' serve falls back to the source language
# when a page is not translated yet (it keeps Wagtail's URL name, used to build page URLs).
urlpatterns += i18n_patterns(
    path("search/", include("pact_pages.public.search_urls")),  # before page serving: not a slug
    *wagtail_util_urls,
    re_path(serve_pattern, pact_views.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
)
