"""WSGI entry point: the Django application behind the API's response cache, with the spell-checker
loaded as the worker starts (gunicorn and runserver both import this module; the tests' client does not)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
django_application = get_wsgi_application()

from project.response_cache import ResponseCache  # noqa: E402  (needs the settings loaded above)
from thesis.text.spellcheck import warm_up  # noqa: E402

warm_up()

application = ResponseCache(django_application)
