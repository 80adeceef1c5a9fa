"""A small fixed-window rate limit in the Django cache, keyed by a hash of the client address.

The address itself is never stored: only a salted hash lives in the cache, for the window.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from pact_pages.conf import pact_setting


def client_address(request) -> str:
    """The client's address, seen through ``PACT_TRUSTED_PROXIES`` reverse proxies.

    Behind nginx, Caddy or a load balancer every request comes from the proxy: with N
    trusted proxies in front, the client is the Nth address from the right of
    X-Forwarded-For (the ones further left are whatever the client claimed). Without proxies
    (the default, 0) X-Forwarded-For is ignored, so that clients cannot choose their key.
    """
    proxies = int(pact_setting("PACT_TRUSTED_PROXIES"))
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_key(request, scope: str, key: str | None = None) -> str:
    # ``key`` counts something other than the client address (e.g. an e-mail typed in a form).
    address = client_address(request) if key is None else key
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{address}".encode()).hexdigest()
    return f"pact-ratelimit:{scope}:{digest[:32]}"


def hit(request, scope: str, limit: int, window: int, *, key: str | None = None) -> bool:
    """Counts one attempt; False once ``limit`` attempts were made within ``window`` seconds."""
    key = client_key(request, scope, key)
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window)
        return True
    return count <= limit


def mailbox(address: str) -> str:
    """One key per mailbox: case and a "+tag" in the local part reach the same inbox."""
    local, _at, domain = address.strip().lower().rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}" if local else domain


def recipient_allows(scope: str, address: str, limit_setting: str) -> bool:
    """Counts one mail of ``scope`` to ``address``; False once its mailbox had its share.

    Per recipient, whatever the client address: a form that mails an address typed by the
    visitor cannot be used to flood someone's inbox from many connections. The limit comes
    from the setting ``limit_setting`` (``(mails, seconds)``, see pact_pages.conf).
    """
    limit, window = pact_setting(limit_setting)
    return hit(None, f"mail-{scope}", limit, window, key=mailbox(address))
