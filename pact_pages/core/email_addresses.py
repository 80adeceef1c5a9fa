"""E-mail addresses as the plugin's forms and models store them (sign-ups, newsletter)."""

from django.core.exceptions import ValidationError
from django.core.mail.message import sanitize_address
from django.core.validators import EmailValidator, validate_email

EMAIL_MAX_LENGTH = 254  # the e-mail columns of SignupRequest and NewsletterSubscriber


def normalise_email(email: str) -> str:
    """One spelling per address, so that the unique constraint catches "A@x.org " too."""
    return email.strip().lower()


def validate_deliverable_email(value: str) -> None:
    """Refuses addresses Django's EmailValidator takes but no mail can be sent to.

    A domain that IDNA cannot encode (a bidi mark, a label over 63 characters once encoded)
    makes the mail fail after the form said "we have sent you an e-mail"; a letter that grows
    when lower-cased (İ) can push the stored address past its column. Raised as "invalid", so
    each form shows its own message for a bad address.
    """
    try:
        validate_email(value)
    except ValidationError:
        return  # the field's own validator says so, once
    try:
        sanitize_address(value, "utf-8")
    except ValueError as error:  # UnicodeError (IDNA) is a ValueError
        raise ValidationError(EmailValidator.message, code="invalid") from error
    if len(normalise_email(value)) > EMAIL_MAX_LENGTH:
        raise ValidationError(EmailValidator.message, code="invalid")
