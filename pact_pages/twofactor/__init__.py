"""Optional TOTP two-factor sign-in for the Wagtail admin, on django-otp.

A user who has set up an authenticator app must enter its six-digit code after the password
before any admin page (and before being treated as signed in anywhere else). Settings
``PACT_REQUIRE_2FA_FOR_STAFF`` and ``PACT_REQUIRE_2FA_FOR_EDITORS`` make the set-up compulsory.
See docs/security.md.
"""
