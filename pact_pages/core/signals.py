"""Signals a lower layer sends and a higher one answers, so that imports flow one way.

Features import core, never the reverse; a lower feature that needs a higher one's work done
at run time sends a signal here that the higher feature connects to in ``ready()``.
"""

from django.dispatch import Signal

# Sent before a listing reads the API's read index (``pact_pages.api.index``, above the
# listings): the index applies this thread's pending changes first, so that a request, a
# script or a test sees its own changes.
index_read = Signal()
