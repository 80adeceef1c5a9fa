"""System checks: two-factor sign-in installed without what it needs is told at ``check``
(and ``migrate``), not by a crash or, worse, by a second step that is never asked for."""

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, register

REQUIRED_APPS = ("django_otp", "django_otp.plugins.otp_totp")
OTP_MIDDLEWARE = "django_otp.middleware.OTPMiddleware"
TWO_FACTOR_MIDDLEWARE = "pact_pages.twofactor.middleware.TwoFactorMiddleware"
AUTH_MIDDLEWARE = "django.contrib.auth.middleware.AuthenticationMiddleware"
DOCS = "docs/security.md, Two-factor sign-in (optional sub-app)"


@register(Tags.security)
def check_two_factor(app_configs=None, **kwargs) -> list:
    problems: list = [
        Error(
            f"pact_pages.twofactor needs {name!r} in INSTALLED_APPS.",
            hint=f'Add "{name}" to INSTALLED_APPS ({DOCS}).',
            id=f"pact_twofactor.E00{number}",
        )
        for number, name in enumerate(REQUIRED_APPS, start=1)
        if not apps.is_installed(name)
    ]
    middleware = list(getattr(settings, "MIDDLEWARE", None) or ())
    for number, name in ((3, OTP_MIDDLEWARE), (4, TWO_FACTOR_MIDDLEWARE)):
        if name not in middleware:
            problems.append(
                Error(
                    f"{name} is not in MIDDLEWARE: two-factor sign-in would be offered but "
                    "never asked for.",
                    hint=f"Add {OTP_MIDDLEWARE} then {TWO_FACTOR_MIDDLEWARE} right after "
                    f"{AUTH_MIDDLEWARE} ({DOCS}).",
                    id=f"pact_twofactor.E00{number}",
                )
            )
    if not problems and not (
        AUTH_MIDDLEWARE in middleware
        and middleware.index(AUTH_MIDDLEWARE)
        < middleware.index(OTP_MIDDLEWARE)
        < middleware.index(TWO_FACTOR_MIDDLEWARE)
    ):
        problems.append(
            Error(
                "The two-factor middleware is out of order: each needs the user set by the "
                "one before it.",
                hint=f"Order them {AUTH_MIDDLEWARE}, {OTP_MIDDLEWARE}, "
                f"{TWO_FACTOR_MIDDLEWARE} ({DOCS}).",
                id="pact_twofactor.E005",
            )
        )
    return problems
