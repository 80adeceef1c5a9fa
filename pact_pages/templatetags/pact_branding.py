"""The host's branding in the plugin's templates and mails (``PACT_NAME``,
``PACT_EMAIL_SIGNATURE``; pact_pages.conf)::

    {% load pact_branding %}{% pact_name as name %}
    {% blocktranslate %}{{ name }}: latest initiatives{% endblocktranslate %}
    {% email_signature %}
"""

from django import template

from pact_pages import conf

register = template.Library()


@register.simple_tag
def pact_name() -> str:
    """The network's name in the active language."""
    return conf.pact_name()


@register.simple_tag
def email_signature() -> str:
    """The line that signs a mail, in the active language."""
    return conf.email_signature()
