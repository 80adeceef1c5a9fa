"""Opt-in TOTP two-factor sign-in for the Wagtail admin, on django-otp: a Django app of its own
("pact_pages.twofactor", label ``pact_twofactor``) that the plugin never loads by itself.

A user who has set up an authenticator app must enter its six-digit code after the password
before any admin page (and before being treated as signed in anywhere else). Its settings
``PACT_REQUIRE_2FA_FOR_STAFF`` and ``PACT_REQUIRE_2FA_FOR_EDITORS`` make the set-up compulsory.
Installing it (apps, middleware, the ``twofactor`` extra): docs/security.md.
"""
