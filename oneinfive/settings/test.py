"""Test settings: fast hasher, in-memory cache and media, immediate tasks."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "tests-only-secret-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="oneinfive-test-media-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# The local-memory cache is per process: good enough for axes' lockout on one process.
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "axes.W001"]  # noqa: F405
# No collectstatic in tests: WhiteNoise looks files up per request, as in development.
WHITENOISE_AUTOREFRESH = True
# client.login() authenticates without a request, which django-axes refuses: the lockout is
# off in tests, and tests/test_security.py turns it on where it is tested.
AXES_ENABLED = False
# A read replica that is the test database itself: tests/test_replica.py turns the routing on.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
# The page cache (pact_pages.public.page_cache) is off: the other tests look at what views
# render and what they cost, not at a second request answered from the cache. Its middleware
# still runs (and passes through); tests/test_page_cache.py turns the cache on, and
# PACT_TEST_PAGE_CACHE=pages runs any test file with it on.
PACT_PAGE_CACHE = os.environ.get("PACT_TEST_PAGE_CACHE") or None
