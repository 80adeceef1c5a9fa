"""Settings shared by every environment; each value can be overridden from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from pact_pages.core.languages import content_languages, register_lang_info

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable into a list without blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "home",
    "pact_pages",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",  # the sitemap.xml template (pact_pages.public.sitemaps)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Keeps other signatories' draft titles out of admin views that have no hook for it.
    "pact_pages.trust.admin_restrictions.DraftTitlesGuardMiddleware",
    # wagtail-localize's views stay in the translator's locales and objects (issue 14).
    "pact_pages.translation.guard.TranslationBoundaryMiddleware",
    # Names other signatories' people and staff neutrally to editors and translators.
    "pact_pages.trust.people_display.PeopleDisplayMiddleware",
]

ROOT_URLCONF = "oneinfive.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "oneinfive.wsgi.application"

# DATABASE_URL picks the database (postgres://… or sqlite:///absolute/path);
# unset means the embedded SQLite file in the repository.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: the Council of Europe's official (en, fr) and working (de, it, ru) languages
# and the official languages of its member states; CONTENT_LANGUAGES picks the site's subset
# ("all" for every one of them). The interface is translated into en, fr, de, it and ru.
register_lang_info()
LANGUAGE_CODE = "en"
LANGUAGES = content_languages(
    os.environ.get("CONTENT_LANGUAGES", "en,fr,de,it,ru,es,pt,nl,pl,uk,tr,el")
)
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Request bodies other than file uploads (forms, JSON): 5 MB is far above any admin form.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Without Redis: room for the lockout and rate-limit counters and the CDN purge record
# (Django's default of 300 entries would cull counters an attacker can multiply).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
}
# The API's response cache apart (pact_pages.api.cache): its entries must never evict the
# sign-in lockout and rate-limit counters kept in "default".
CACHES["api"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pact-api",
    "OPTIONS": {"MAX_ENTRIES": 300},
}
PACT_API_CACHE = "api"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ONE in FIVE Pact <no-reply@localhost>")

# Wagtail
WAGTAIL_SITE_NAME = _("ONE in FIVE: Pact of Towns and Regions")
# No Gravatar: the admin would ask gravatar.com for every user's picture (a third party
# learning who signs in, and blocked by the site's own CSP anyway); Wagtail's default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# pact_pages plugin settings (documented in docs/plugin.md).
PACT_NAME = _("ONE in FIVE Pact")  # feed and API titles, newsletter subjects
PACT_EMAIL_SIGNATURE = _("The Congress of Local and Regional Authorities of the Council of Europe")
PACT_SIGNATORIES_PER_PAGE = 24
PACT_INITIATIVES_PER_PAGE = 24
# Every document of this site, not only the signatories' uploads, is downloadable only once a
# live, public page uses it (pact_pages.core.media_public, docs/security.md).
PACT_GUARDED_MEDIA = "all"
# Public pages for anonymous readers: Cache-Control "public, max-age=…" (CDN, proxies);
# anything personal is "private, no-store" (pact_pages.public.cache_control, docs/public-site.md).
PACT_PUBLIC_MAX_AGE = int(os.environ.get("PACT_PUBLIC_MAX_AGE", "300"))
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1,
    "pact_pages.public.cache_control.PublicCacheMiddleware",
)
# The map's tiles ({z}/{x}/{y} template) and their credit (HTML). None by default: the map
# draws the country outlines the site serves itself, and makes no third-party request. A tile
# server set here is drawn over them and its origin allowed by the CSP; an empty attribution
# then means the plugin's translated OpenStreetMap credit.
PACT_MAP_TILE_URL = os.environ.get("PACT_MAP_TILE_URL", "")
PACT_MAP_ATTRIBUTION = os.environ.get("PACT_MAP_ATTRIBUTION", "")

# Machine translation in wagtail-localize's editor: DeepL when a key is set, otherwise the
# dummy translator (which reverses words: useful to try the workflow, never required).
if os.environ.get("DEEPL_API_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": os.environ["DEEPL_API_KEY"]},
    }
else:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
    }

# Headless API (docs/api.md): our own at /api/pact/v1/ (django-ninja, in pact_pages.api),
# Wagtail's stock API v2 at /api/v2/, CORS for front ends on other origins.
INSTALLED_APPS += ["wagtail.api.v2", "rest_framework", "corsheaders"]
# As high as possible, so that CORS headers are added to every response, redirects included.
MIDDLEWARE.insert(0, "corsheaders.middleware.CorsMiddleware")
# Cached API responses are answered before sessions, locale and authentication.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
    "pact_pages.api.cache.CachedResponseMiddleware",
)
# Whole pages for anonymous readers, answered before sessions too, from a cache of their own
# (pact_pages.public.page_cache, docs/performance.md): never for a signed-in user or a form.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
    "pact_pages.public.page_cache.PageCacheMiddleware",
)
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pact-pages",
    "OPTIONS": {"MAX_ENTRIES": 500},
}
PACT_PAGE_CACHE = "pages"
PACT_PAGE_CACHE_TIMEOUT = int(os.environ.get("PACT_PAGE_CACHE_TIMEOUT", "300"))
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")  # e.g. https://front.example.org
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified")
PACT_API_MAX_AGE = int(os.environ.get("PACT_API_MAX_AGE", "60"))  # Cache-Control max-age
PACT_API_CACHE_TIMEOUT = int(os.environ.get("PACT_API_CACHE_TIMEOUT", "300"))  # Django cache
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = 100

# CDN purges (docs/deployment.md): Wagtail purges a published page's URLs, pact_pages the
# listings and API addresses that show it. FRONTEND_CACHE picks the CDN; unset, nothing is sent.
INSTALLED_APPS += ["wagtail.contrib.frontend_cache"]
WAGTAILFRONTENDCACHE_LANGUAGES = [code for code, _name in WAGTAIL_CONTENT_LANGUAGES]
WAGTAILFRONTENDCACHE = {
    "cloudflare": lambda: {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ["CLOUDFLARE_API_TOKEN"],
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
    },
    "cloudfront": lambda: {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    },
    "http": lambda: {  # Varnish, nginx proxy_cache_purge: PURGE requests
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_LOCATION"],
    },
}
_cdn = os.environ.get("FRONTEND_CACHE", "")
if _cdn and _cdn not in WAGTAILFRONTENDCACHE:
    raise ImproperlyConfigured(f"FRONTEND_CACHE must be one of: {', '.join(WAGTAILFRONTENDCACHE)}.")
WAGTAILFRONTENDCACHE = {_cdn: WAGTAILFRONTENDCACHE[_cdn]()} if _cdn else {}

# Security (docs/security.md): sign-in lockout, two-factor sign-in, headers, CSP, throttling.
from datetime import timedelta  # noqa: E402

from pact_pages.security.csp import admin_directives, public_directives  # noqa: E402

# Two-factor sign-in is the plugin's opt-in sub-app (its checks demand the otp apps and
# middleware below).
INSTALLED_APPS += [
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "pact_pages.twofactor",
    "csp",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out user names
    "django.contrib.auth.backends.ModelBackend",
]
_auth = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware")
MIDDLEWARE[_auth + 1 : _auth + 1] = [
    "django_otp.middleware.OTPMiddleware",
    "pact_pages.twofactor.middleware.TwoFactorMiddleware",
    "pact_pages.security.throttle.ThrottleMiddleware",
]
_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")
MIDDLEWARE.insert(_security + 1, "pact_pages.security.csp.CSPMiddleware")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last, as django-axes requires
TEMPLATES[0]["OPTIONS"]["context_processors"].append("csp.context_processors.nonce")

# django-axes: lock a (user name, client) pair out after AXES_FAILURE_LIMIT wrong passwords,
# for AXES_COOLOFF_MINUTES. Per pair, not per user name: a stranger who knows a user name
# must not be able to lock its owner out (pact_pages.trust.people_axes). Attempts live in the
# cache only, keyed by the pair with the client address salted and hashed: no table of
# attempts, no address stored.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_CLIENT_IP_CALLABLE = "pact_pages.trust.people_axes.hashed_client_ip"
AXES_LOCKOUT_CALLABLE = "pact_pages.security.axes.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_USERNAME_FORM_FIELD = "username"
# (axes.W006, "no ip_address in AXES_LOCKOUT_PARAMETERS", no longer applies: it is there.)
SILENCED_SYSTEM_CHECKS: list[str] = []

# Two-factor sign-in (pact_pages.twofactor): optional for everyone; these make it compulsory.
PACT_REQUIRE_2FA_FOR_STAFF = env_bool("PACT_REQUIRE_2FA_FOR_STAFF", False)
PACT_REQUIRE_2FA_FOR_EDITORS = env_bool("PACT_REQUIRE_2FA_FOR_EDITORS", False)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "ONE in FIVE Pact")

# Rejected sign-up requests are deleted this many days after the decision (purge_signups).
PACT_REJECTED_SIGNUP_RETENTION_DAYS = int(
    os.environ.get("PACT_REJECTED_SIGNUP_RETENTION_DAYS", "90")
)

# Public search (/<lang>/search/): the site's own page types searched beside signatories and
# initiatives ("app_label.ModelName"), and results per page.
PACT_SEARCH_EXTRA_PAGE_MODELS = ["home.StandardPage"]
PACT_SEARCH_RESULTS_PER_PAGE = 10

# Throttles (attempts, seconds) of the forms the lockout does not cover.
PACT_PASSWORD_RESET_RATE_LIMIT = (5, 3600)
PACT_SEARCH_RATE_LIMIT = (60, 60)
# Reverse proxies in front of the app (nginx, Caddy, a load balancer: docs/deployment.md):
# rate limits then count the client from X-Forwarded-For, not the proxy's address.
PACT_TRUSTED_PROXIES = int(os.environ.get("PACT_TRUSTED_PROXIES", "0"))
PACT_NEWSLETTER_RATE_LIMIT = (5, 3600)  # sign-ups per client address
PACT_NEWSLETTER_MAIL_RATE_LIMIT = (3, 86400)  # newsletter mails per e-mail address
# Unconfirmed newsletter sign-ups (and their confirmation links) last this long
# (purge_newsletter deletes them afterwards).
PACT_NEWSLETTER_UNCONFIRMED_DAYS = int(os.environ.get("PACT_NEWSLETTER_UNCONFIRMED_DAYS", "7"))

# Cookies and headers. SecurityMiddleware sends nosniff, Referrer-Policy and COOP by default;
# they are spelt out so that nobody turns them off by accident. SAMEORIGIN (not DENY) because
# Wagtail's preview shows the page in an iframe of the admin.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
# The admin's "new Wagtail version" check calls a third-party host from staff browsers.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Addresses change only through a link sent to the new one (pact_pages.trust.people_accounts
# adds that panel to the account settings): an editor could otherwise take an applicant's
# address, and with it the applicant's signatory at approval.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False

# Content-Security-Policy (pact_pages.security.csp). CSP_REPORT_ONLY=1 sends it as
# Content-Security-Policy-Report-Only (to try a change without breaking pages).
CSP_FRAME_SOURCES = env_list(
    "CSP_FRAME_SOURCES",
    "https://www.youtube.com,https://www.youtube-nocookie.com,https://player.vimeo.com",
)
_csp = {
    "DIRECTIVES": public_directives(
        frame_sources=CSP_FRAME_SOURCES, report_uri=os.environ.get("CSP_REPORT_URI", "")
    )
}
PACT_CSP_ADMIN_DIRECTIVES = admin_directives(_csp["DIRECTIVES"])
if env_bool("CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _csp
else:
    CONTENT_SECURITY_POLICY = _csp

# Serving (docs/deployment.md). WhiteNoise serves static files right after SecurityMiddleware
# (production stores them fingerprinted and compressed; runserver still serves them in dev).
# A database outage answers a clean 503 page or problem details, never a traceback.
# Pages and API answers are gzip-compressed for a client that accepts it (a page shrinks about
# fivefold on a phone's connection), outside every middleware that reads or writes the body;
# Django's GZipMiddleware pads each response at random and CSRF tokens are masked per
# response, against BREACH. Static files are not its business: WhiteNoise answers them first.
_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")
MIDDLEWARE[_security + 1 : _security + 1] = [
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "oneinfive.database_unavailable.DatabaseUnavailableMiddleware",
    "django.middleware.gzip.GZipMiddleware",
]

# A PostgreSQL read replica (DATABASE_REPLICA_URL, optional): anonymous public reads of the
# content go to it, the rest to DATABASE_URL (oneinfive/replica.py). Outermost, so that the
# 503 page of an outage and the API's response cache are inside the request it marks.
PACT_REPLICA_LAG = float(os.environ.get("PACT_REPLICA_LAG", "10"))  # seconds after a write
PACT_REPLICA_RETRY = float(os.environ.get("PACT_REPLICA_RETRY", "30"))  # after it failed
if _replica_url := os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        _replica_url,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    DATABASE_ROUTERS = ["oneinfive.replica.ReplicaRouter"]
    MIDDLEWARE.insert(0, "oneinfive.replica.ReplicaMiddleware")
