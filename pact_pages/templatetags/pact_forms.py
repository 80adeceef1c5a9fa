"""Helpers for the plugin's public forms::

{% load pact_forms %}<a href="#…">{{ field.label|summary_label }}: {{ error }}</a>
"""

import unicodedata

from django import template

register = template.Library()

# Quotes and brackets end a label on purpose ("Name of the “town”"): they stay.
_KEPT = frozenset("\"'»«”“’‘)]}")


@register.filter
def summary_label(label: str) -> str:
    """The label without its closing punctuation, to be followed by ": message".

    A consent box's label is a sentence ("I have read the Pact… signatory."); with ": "
    after it the error summary read "…signatory.: Please accept…".
    """
    text = str(label).rstrip()
    while text and text[-1] not in _KEPT and unicodedata.category(text[-1]) == "Po":
        text = text[:-1].rstrip()
    return text or str(label)
