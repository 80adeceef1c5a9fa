"""Settings of the API benchmark: the site's, a database of its own, no debug overhead.

``DATABASE_URL`` picks the database (default: ``benchmarks/bench.sqlite3``, rebuilt by the
script); the API's response cache can be switched off per request group by the script.
"""

import os
from pathlib import Path

os.environ.setdefault(
    "DATABASE_URL", f"sqlite:///{Path(__file__).resolve().parent / 'bench.sqlite3'}"
)

from oneinfive.settings.base import *  # noqa: E402, F403

SECRET_KEY = "benchmark-only-secret-key"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
ROOT_URLCONF = "benchmarks.urls"
WAGTAILADMIN_BASE_URL = "http://testserver"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "none": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    # The API's responses have a cache of their own (settings.PACT_API_CACHE).
    "api": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "api"},
    # Anonymous readers' whole pages (PACT_PAGE_CACHE, as the site's settings name it).
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# One client makes every request: searches are counted as usual but never refused.
PACT_SEARCH_RATE_LIMIT = (10**9, 60)
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
# The synthetic pages are not in Wagtail's search index (the plugin's own is built with the
# API's read index): nothing to update on save.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v3"]  # noqa: F405
import warnings  # noqa: E402

# WhiteNoise warns that STATIC_ROOT was never collected: the benchmark serves no static file.
warnings.filterwarnings("ignore", message="No directory at")
