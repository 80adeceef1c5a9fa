"""Query parameters as readers type them: whatever arrives, a page answers, never a 500.

PostgreSQL refuses NUL characters in text (a DataError, so a 500) and control characters are
never something a person meant: both are dropped before a value reaches a query.
"""

import re

from django.http import QueryDict

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str, limit: int = 100) -> str:
    """``value`` without control characters, its spaces collapsed, cut to ``limit``."""
    return " ".join(CONTROL.sub("", value).split())[:limit]


def text_param(params: QueryDict, name: str, limit: int = 100) -> str:
    """The parameter ``name`` as :func:`clean_text` leaves it ("" when absent)."""
    return clean_text(params.get(name, ""), limit)
