"""Values read once per request: the site's view restrictions (``core.queries.private_q``).

A page such as a profile asks "which pages are private?" for each of its lists (its
initiatives, plan, reports, rounds): a query each time, the same answer every time. Inside
a request (Django's ``request_started`` to ``request_finished``, in any host, no middleware
needed) the first answer is kept for the rest of the request; outside one (commands, tasks,
tests calling code directly) every call reads the database.

Any save, delete or page move in the request (a view restriction, a locale, a page's path)
forgets what it had kept, so a request that changes them and then lists pages sees its own
change.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save

T = TypeVar("T")

_local = threading.local()


def remembered(name: str, compute: Callable[[], T]) -> T:
    """``compute()``, kept under ``name`` until the current request ends (if in one)."""
    store = getattr(_local, "store", None)
    if store is None:
        return compute()
    if name not in store:
        store[name] = compute()
    return store[name]


def _begin(**kwargs) -> None:
    _local.store = {}


def _end(**kwargs) -> None:
    _local.store = None


def forget(**kwargs) -> None:
    store = getattr(_local, "store", None)
    if store:
        store.clear()


def connect() -> None:
    from wagtail.signals import post_page_move

    request_started.connect(_begin, dispatch_uid="pact_request_memo_begin")
    request_finished.connect(_end, dispatch_uid="pact_request_memo_end")
    # Any save or delete (a restriction, a locale, a page and so its path): rare in a request
    # that reads, and then the next read asks the database again.
    post_save.connect(forget, dispatch_uid="pact_request_memo_save")
    post_delete.connect(forget, dispatch_uid="pact_request_memo_delete")
    post_page_move.connect(forget, dispatch_uid="pact_request_memo_move")
