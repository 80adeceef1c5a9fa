"""django-axes counts failed sign-ins per (user name, client) pair (issue 14).

Counting per user name alone let anyone lock an editor out by typing its user name (which
co-editors see, and which used to be a contact's e-mail address) wrong five times: a
denial of service with nothing but a name. Per (user name, client), a stranger's failures
lock out the stranger's connection only, while guessing one account's password from one
connection is still stopped after ``AXES_FAILURE_LIMIT`` tries.

Axes is given a salted hash of the client address, never the address: the counters live in
the cache for ``AXES_COOLOFF_TIME`` and hold no address in clear (docs/security.md).
"""

import hashlib

from django.conf import settings

from pact_pages.core.ratelimit import client_address


def hashed_client_ip(request) -> str:
    """AXES_CLIENT_IP_CALLABLE: the client (through PACT_TRUSTED_PROXIES), salted and hashed."""
    address = client_address(request) if request is not None else ""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:axes:{address}".encode()).hexdigest()
    return f"client-{digest[:32]}"
