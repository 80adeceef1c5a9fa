"""Settings of `make load` and `make faults`: production's, served over plain HTTP on 127.0.0.1.

Everything else is ``oneinfive.settings.production`` as deployed (PostgreSQL with persistent,
health-checked connections, the degrading Redis cache, cached_db sessions, the 503 page,
tasks in the database). The differences, each needed by a load generator on the loopback:

- plain HTTP: no redirect to HTTPS, cookies without ``Secure`` (the CSRF cookie must come
  back over http://127.0.0.1 for the join and newsletter POSTs);
- throttles raised (``LOAD_RATE_LIMIT`` attempts per window, default 1,000,000): all the load
  comes from one address, and per-address limits would turn the test into a 429 test;
- ``LOAD_IMMEDIATE_TASKS=1`` (only while the data set is built): tasks run at once, so that
  the demo's pages reach the search index without a worker.

docs/reliability.md describes the runs.
"""

import os

from oneinfive.settings.production import *  # noqa: F403
from oneinfive.settings.production import SILENCED_SYSTEM_CHECKS

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W004", "security.W008"]

_LIMIT = int(os.environ.get("LOAD_RATE_LIMIT", "1000000"))
PACT_JOIN_RATE_LIMIT = (_LIMIT, 3600)
PACT_SEARCH_RATE_LIMIT = (_LIMIT, 60)
PACT_NEWSLETTER_RATE_LIMIT = (_LIMIT, 3600)
PACT_NEWSLETTER_MAIL_RATE_LIMIT = (_LIMIT, 86400)
PACT_PASSWORD_RESET_RATE_LIMIT = (_LIMIT, 3600)
# No sign-in in the mix, but the lockout is raised with the rest: one address, many clients.
AXES_FAILURE_LIMIT = _LIMIT

if os.environ.get("LOAD_IMMEDIATE_TASKS") == "1":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# benchmarks/page_cache_http.py --off: the same stack without the page cache for anonymous readers.
if os.environ.get("LOAD_PAGE_CACHE") == "0":
    PACT_PAGE_CACHE = None
