"""Production: everything from the environment; refuses to start without a secret key.

Every variable is listed in docs/deployment.md. `manage.py check --deploy` reports nothing
with these settings (tests/test_production.py runs it).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set: export SECRET_KEY to a long random value "
        "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Database: DATABASE_URL (PostgreSQL) is read in base; here connections persist between
# requests, and CONN_HEALTH_CHECKS (set in base) replaces a connection that died with a
# PostgreSQL restart at the start of the next request: the site recovers by itself.
# The same for the read replica, when there is one (DATABASE_REPLICA_URL, oneinfive/replica.py).
for _database in DATABASES.values():  # noqa: F405
    _database["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))
    _database["CONN_HEALTH_CHECKS"] = True

# Cache and sessions in Redis. The cache degrades to "nothing cached" while Redis is down
# (oneinfive.cache_backends), and sessions are cached_db: the database keeps them, so
# nobody is signed out when Redis restarts or loses its data.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "oneinfive.cache_backends.DegradingRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "oneinfive"),
            "OPTIONS": {
                # An unreachable Redis must cost a fraction of a second, not a request timeout.
                "socket_connect_timeout": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.5")),
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
                "RETRY_AFTER": float(os.environ.get("REDIS_RETRY_AFTER", "5")),
            },
        }
    }
    # The API's responses in a Redis of their own when API_CACHE_URL names one (give it
    # maxmemory and an LRU policy); otherwise the same Redis under another prefix.
    CACHES["api"] = {
        **CACHES["default"],
        "LOCATION": os.environ.get("API_CACHE_URL") or os.environ["REDIS_URL"],
        "KEY_PREFIX": CACHES["default"]["KEY_PREFIX"] + "-api",
    }
    # Anonymous readers' pages (pact_pages.public.page_cache) likewise: PAGE_CACHE_URL, else
    # API_CACHE_URL, else the same Redis under a prefix of their own.
    CACHES["pages"] = {
        **CACHES["default"],
        "LOCATION": os.environ.get("PAGE_CACHE_URL")
        or os.environ.get("API_CACHE_URL")
        or os.environ["REDIS_URL"],
        "KEY_PREFIX": CACHES["default"]["KEY_PREFIX"] + "-pages",
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # Without Redis each gunicorn worker has its own local-memory cache: fine on one small
    # machine, but sign-in lockout then counts per worker (axes.W001, silenced knowingly).
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "axes.W001"]  # noqa: F405
    # No cache shared between workers to record the CDN's query-string addresses in: those
    # are sent private, so that no CDN keeps a copy a take-down could not purge.
    PACT_CDN_REGISTRY_CACHE = None
    # Nor to share the page cache's content version: a publication seen by one worker would
    # leave the others serving the old page, so there is no page cache without Redis.
    PACT_PAGE_CACHE = None

# Outgoing mail.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405

# Static files: collected into STATIC_ROOT, fingerprinted (cacheable for ever) and
# pre-compressed (gzip, and brotli when installed), served by WhiteNoise.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Media (images, documents) on S3-compatible object storage when a bucket is named;
# otherwise on the local disk at MEDIA_ROOT, served by the front web server.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            # Any S3-compatible service: MinIO, Scaleway, OVH, Exoscale, Ceph…
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            # Credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (read by boto3).
            "default_acl": None,  # the bucket's policy decides
            "file_overwrite": False,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "location": os.environ.get("AWS_LOCATION", "media"),
        },
    }

# Documents always go through the site's download view, which serves a file only once a
# live public page uses it (pact_pages.trust.media_hooks): never a redirect to the storage's
# own address, which would outlive a take-down. The proxy must not serve media/documents/.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Search: Wagtail's database backend (PostgreSQL full-text search on PostgreSQL) unless an
# Elasticsearch/OpenSearch address is given; WAGTAILSEARCH_BACKEND picks the module
# (elasticsearch8, elasticsearch9, opensearch2, opensearch3; its client is installed apart).
if os.environ.get("WAGTAILSEARCH_URL"):
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends."
            + os.environ.get("WAGTAILSEARCH_BACKEND", "elasticsearch8"),
            "URLS": env_list("WAGTAILSEARCH_URL"),
            "INDEX": os.environ.get("WAGTAILSEARCH_INDEX", "oneinfive"),
            "TIMEOUT": int(os.environ.get("WAGTAILSEARCH_TIMEOUT", "5")),
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }

# Background work (mails, Wagtail's search index and reference index updates, front-end
# cache purges) is stored in the database and run by `manage.py db_worker` (Procfile).
INSTALLED_APPS += ["django_tasks_db"]  # noqa: F405
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# HTTPS behind a proxy (nginx, Caddy, a load balancer) that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# X-Frame-Options stays SAMEORIGIN (base: Wagtail's preview is an iframe of the admin), which
# W019 asks about; the CSP's frame-ancestors 'self' says the same to current browsers.
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W019"]  # noqa: F405
if not SECURE_HSTS_PRELOAD:
    # Preloading binds every subdomain to HTTPS for good: the operator opts in, knowingly.
    SILENCED_SYSTEM_CHECKS += ["security.W021"]

# Logs to standard output/error, which gunicorn and systemd (or the platform) collect.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Django's default sends errors to console only with DEBUG on: here they always go there.
    "loggers": {"django": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

# Error reports to Sentry only when a DSN is given; the SDK is the optional `sentry` extra.
if os.environ.get("SENTRY_DSN"):
    import sentry_sdk  # noqa: E402 - imported only when wanted

    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        # Officials' and applicants' personal data stays out of error reports.
        send_default_pii=False,
    )
