"""Public reads from a PostgreSQL read replica, everything else on the primary.

Configured by ``DATABASE_REPLICA_URL`` (settings/base.py adds the ``replica`` database, this
router and the middleware only then). A request reads its content from the replica when all
of these hold:

- it is a GET, HEAD or OPTIONS request without a session cookie: an editor, a translator or
  staff member (anyone signed in) reads the primary and sees what they just saved;
- it is outside the admin and is not a headless preview (drafts saved a moment ago);
- the site's content has not been written in the last ``PACT_REPLICA_LAG`` seconds. What a
  public read computes is kept afterwards (the API's response cache, a CDN's copy refetched
  after its purge, cached site settings): right after a change it must come from the primary,
  where the change is, or the replica's old copy would be kept until the next change. The
  time of the last write is kept in the cache: while the cache is down, and for that many
  seconds after it comes back empty, every request reads the primary.

Only content models are read from the replica (:data:`REPLICA_APPS` minus
:data:`PRIMARY_MODELS`); personal data (sign-up requests, newsletter subscribers: the confirm
link of a newsletter mail reads the row its POST has just written), sessions and users
always come from the primary, and so does every model added later to another app. Writes
always go to the primary, also those of a public request: an image rendition missing on the
replica is created with ``get_or_create``, which looks on the primary first.

When the replica cannot be reached, requests read the primary and the replica is not tried
again for ``PACT_REPLICA_RETRY`` seconds: its outage costs the primary some load, never an
error page.
"""

import logging
import time
from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.db.transaction import on_commit
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse

logger = logging.getLogger(__name__)

REPLICA = "replica"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
LAST_WRITE_KEY = "oneinfive:replica:last-write"
DEFAULT_LAG = 10.0  # seconds; a managed replica is usually well under one
DEFAULT_RETRY = 30.0  # seconds without trying an unreachable replica

# Apps whose models public pages and the API read in bulk: pages, the API's read index, Ps,
# tags, images, the database search backend's index, locales and sites.
REPLICA_APPS = frozenset(
    {
        "wagtailcore",
        "pact_pages",
        "home",
        "taggit",
        "wagtailimages",
        "wagtailsearch",
        "contenttypes",
    }
)
# Models of those apps read on the primary: personal data, and the editorial history that
# only the admin and previews read (a draft saved a moment ago must be there).
PRIMARY_MODELS = frozenset(
    {
        "pact_pages.signuprequest",
        "pact_pages.newslettersubscriber",
        "pact_pages.signatoryaccess",
        "pact_pages.localetranslators",
        "wagtailcore.revision",
        "wagtailcore.pagelogentry",
    }
)

_use_replica: ContextVar[bool] = ContextVar("oneinfive_use_replica", default=False)
_replica_down_until = 0.0  # per process


def is_replicated(model) -> bool:
    """True for the content models a public request may read from the replica."""
    meta = model._meta
    return meta.app_label in REPLICA_APPS and meta.label_lower not in PRIMARY_MODELS


class ReplicaRouter:
    """Sends a public request's content reads to the replica (see the module's docstring)."""

    # Never None: Django would then use the database an instance was read from, so that an
    # image read from the replica would get its new rendition written there, and refused.

    def db_for_read(self, model, **hints) -> str:
        if _use_replica.get() and is_replicated(model):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        return True  # one database, two ways in

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool | None:
        return db != REPLICA  # the replica follows the primary's schema by itself


# --- When a request may read the replica ---------------------------------------------------


def _lag() -> float:
    return float(getattr(settings, "PACT_REPLICA_LAG", DEFAULT_LAG))


def note_write(sender=None, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Records when replicated content was last written (once the transaction commits)."""
    if sender is not None and not is_replicated(sender):
        return
    connection = connections[using]
    if connection.in_atomic_block and any(
        func is _store_write_time for _ids, func, _robust in connection.run_on_commit
    ):
        return  # one record per transaction, whatever the number of rows it saves
    on_commit(_store_write_time, using=using, robust=True)


def _store_write_time() -> None:
    try:
        cache.set(LAST_WRITE_KEY, time.time(), None)
    except Exception:  # noqa: BLE001 - a cache outage must not fail the write that committed
        logger.warning("Could not record a write for the replica's lag window", exc_info=True)


def written_recently() -> bool:
    try:
        last = cache.get(LAST_WRITE_KEY)
        if last is None:
            # Unknown: the cache is down (its reads miss, oneinfive.cache_backends) or was
            # emptied by a restart, so a write may have gone unrecorded. Counting from now
            # gives it the window; while the cache is down, nothing is stored, every time.
            cache.add(LAST_WRITE_KEY, time.time(), None)
            return True
    except Exception:  # noqa: BLE001 - without the cache, no proof the replica caught up
        return True
    return time.time() - float(last) < _lag()


def _excluded_prefixes() -> tuple[str, ...]:
    # Static files need no database: not even the replica's health check.
    prefixes = [url for url in (settings.STATIC_URL, settings.MEDIA_URL) if url.startswith("/")]
    for name in ("wagtailadmin_home", "pact_api:preview"):
        try:
            prefixes.append(reverse(name))
        except NoReverseMatch:
            pass
    return tuple(prefixes)


def replica_reachable() -> bool:
    """Connects to the replica if needed; on failure, the primary for a while."""
    global _replica_down_until
    if time.monotonic() < _replica_down_until:
        return False
    connection = connections[REPLICA]
    try:
        # A persistent connection to a replica that has gone away looks open until it is
        # used: the health check (CONN_HEALTH_CHECKS) closes it, so that connecting fails here.
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except (OperationalError, InterfaceError) as error:
        retry = float(getattr(settings, "PACT_REPLICA_RETRY", DEFAULT_RETRY))
        _replica_down_until = time.monotonic() + retry
        # One line per worker and retry period, as the cache's outage: not a traceback each.
        logger.warning(
            "Read replica unreachable (%s); reading the primary for %.0f s.", error, retry
        )
        return False
    return True


def may_read_replica(request: HttpRequest) -> bool:
    return (
        request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(_excluded_prefixes())
        and not written_recently()
        and replica_reachable()
    )


class ReplicaMiddleware:
    """Marks the requests whose content reads go to the replica, for their whole duration."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not may_read_replica(request):
            return self.get_response(request)
        token = _use_replica.set(True)
        try:
            return self.get_response(request)
        finally:
            _use_replica.reset(token)


SIGNALS = (post_save, post_delete, m2m_changed)


def connect_signals() -> None:
    """Called at start-up (``HomeConfig.ready``): only when the router is configured."""
    if f"{__name__}.ReplicaRouter" in settings.DATABASE_ROUTERS:
        for signal in SIGNALS:
            signal.connect(note_write, dispatch_uid=f"oneinfive_replica_{id(signal)}")


def disconnect_signals() -> None:
    for signal in SIGNALS:
        signal.disconnect(note_write, dispatch_uid=f"oneinfive_replica_{id(signal)}")
