"""``make run``: the development settings, with static files served as in production.

``make run`` collects the static files (``collectstatic``) into STATIC_ROOT, fingerprinted and
gzip-compressed (oneinfive.static_storage); WhiteNoise serves them from there with a one-year
``immutable`` Cache-Control, so the pages weigh what production sends (``make lighthouse``
measures them). Edited CSS or scripts show after ``make run`` again; ``manage.py runserver``
with the development settings serves the source files as they are.
"""

from .dev import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "oneinfive.static_storage.FingerprintedStaticFilesStorage"},
}
# runserver's own static handler would answer /static/ first, from the source folders, where
# fingerprinted names do not exist: WhiteNoise answers instead (before django.contrib.staticfiles).
INSTALLED_APPS = ["whitenoise.runserver_nostatic", *INSTALLED_APPS]  # noqa: F405
# The collected files only, indexed once at start-up, as in production.
WHITENOISE_AUTOREFRESH = False
WHITENOISE_USE_FINDERS = False
