"""Local development: debug on, console e-mail, an insecure key that never leaves the laptop."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "django-insecure-dev-only-key-change-me"  # noqa: F405
# The local-memory cache is per process: good enough for axes' lockout on one process.
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "axes.W001"]  # noqa: F405
