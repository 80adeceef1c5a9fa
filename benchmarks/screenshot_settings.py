"""Settings of ``make screenshots`` (benchmarks/screenshots.py): the development settings with
DEBUG off, so that a missing page shows the site's own 404 page, not Django's debug page.

``runserver --insecure`` serves the static files; benchmarks/screenshot_urls.py the media
(make run's ``serve_media``: pictures, never documents). The database and media folder come
from the environment the script sets (DATABASE_URL, MEDIA_ROOT).
"""

from oneinfive.settings.dev import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "benchmarks.screenshot_urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
