"""sitemap.xml of the plugin's pages and robots.txt, for a site that has neither of its own
(opt-in, not in ``pact_pages.urls``). Include at the root of the site, outside
``i18n_patterns`` (crawlers look for them there)::

    urlpatterns = [path("", include("pact_pages.public.seo_urls")), ...]
"""

from django.urls import path

from pact_pages.public.seo import robots_txt
from pact_pages.public.sitemaps import sitemap

urlpatterns = [
    path("sitemap.xml", sitemap, name="pact_sitemap"),
    path("robots.txt", robots_txt, name="pact_robots_txt"),
]
