"""django-axes glue: no client address is ever read, and the lockout is a clear page.

Lockout is per user name only (AXES_LOCKOUT_PARAMETERS = ["username"]) and kept in the cache
(AxesCacheHandler), so no table of attempts and no IP address is stored. The trade-off: someone
who tries many user names from one machine is not stopped by axes (each name gets its own
count); the admin login is not public-facing enough for that to matter more than the privacy
gain, and a reverse proxy's rate limit covers it (docs/security.md).
"""

from datetime import timedelta

from django.conf import settings
from django.shortcuts import render


def no_client_ip(request) -> None:
    """AXES_CLIENT_IP_CALLABLE: axes never sees (so never logs or stores) the address."""
    return None


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a page saying what happened and for how long, status 429."""
    cooloff = getattr(settings, "AXES_COOLOFF_TIME", None)
    if isinstance(cooloff, timedelta):
        minutes = int(cooloff.total_seconds() // 60)
    elif isinstance(cooloff, int | float):  # axes reads a number as hours
        minutes = int(cooloff * 60)
    else:
        minutes = 60
    response = render(
        request,
        "pact_pages/security/lockout.html",
        {"cooloff_minutes": minutes},
        status=429,
    )
    response["Retry-After"] = str(minutes * 60)
    return response
