"""django-axes glue: the lockout page.

What axes counts (a user name with a salted hash of the client, never the address in clear)
is in pact_pages.trust.people_axes and docs/security.md.
"""

from datetime import timedelta

from django.conf import settings
from django.shortcuts import render


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
