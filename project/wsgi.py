"""WSGI entry point: the Django application behind the API's response cache."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
django_application = get_wsgi_application()

from project.response_cache import ResponseCache  # noqa: E402  (needs the settings loaded above)

application = ResponseCache(django_application)
