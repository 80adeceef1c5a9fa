"""WSGI entry point (gunicorn oneinfive.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oneinfive.settings.dev")

application = get_wsgi_application()
