"""Settings, all read from the environment (see the README for each variable)."""

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Development is the default so that a fresh clone runs; PRODUCTION=1 turns the safe defaults on.
PRODUCTION = env_bool("PRODUCTION", False)
DEBUG = env_bool("DEBUG", not PRODUCTION)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-set-SECRET_KEY-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")

INSTALLED_APPS = [
    # Before the admin, so that the editorial admin's templates (e.g. the language selector) override its own.
    "thesis",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "corsheaders",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "csp",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # ETags from a hash of each GET response, and 304s for If-None-Match / If-Modified-Since.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A write that met a database too busy to take it is a refusal, never a 500 (project/busy.py).
    "project.busy.DatabaseBusyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # Static files from the app server itself: one gunicorn process is a complete deployment.
    # (In debug, runserver serves them from the apps' folders.)
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "project.urls"
WSGI_APPLICATION = "project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A real embedded database for a small team of editors. WAL lets readers go on while one
    # editor writes. Every transaction takes the write lock when it begins (BEGIN IMMEDIATE),
    # so two saves queue for it, up to SQLITE_BUSY_SECONDS, instead of both reading and the
    # second failing with "database is locked" when it tries to write. Pages are read through
    # a memory map and kept in a larger cache than SQLite's default 2 MB: every request reads
    # the same indexes again.
    SQLITE_PRAGMAS = "PRAGMA journal_mode=WAL; PRAGMA mmap_size=268435456; PRAGMA cache_size=-32768"
    sqlite_options = DATABASES["default"].setdefault("OPTIONS", {})
    sqlite_options.setdefault("transaction_mode", "IMMEDIATE")
    sqlite_options.setdefault("timeout", float(os.environ.get("SQLITE_BUSY_SECONDS", "20")))
    sqlite_options["init_command"] = "; ".join(
        command for command in (SQLITE_PRAGMAS, sqlite_options.get("init_command", "")) if command
    )
    # The test database is a file, as in a deployment, so that concurrent requests in the tests
    # use connections of their own and meet the same locks; one per test run, named after its process.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("SQLITE_TEST_NAME")
        or str(Path(tempfile.gettempdir()) / f"thesis-test-{os.getpid()}.sqlite3")
    }
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # The test database must fold Cyrillic case, which a cluster initialised with the C locale
    # does not: CI names a template created with LC_CTYPE C.UTF-8.
    DATABASES["default"]["TEST"] = {
        "TEMPLATE": os.environ.get("DATABASE_TEST_TEMPLATE", "template0"),
        "CHARSET": "UTF8",
    }

# Read replicas (project/routers.py): each URL in DATABASE_REPLICA_URLS becomes the alias
# "replica1", "replica2", …; reads go to them, writes and migrations to "default". Under test a
# replica mirrors "default" rather than getting a test database of its own.
for number, replica_url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    DATABASES[f"replica{number}"] = {
        **dj_database_url.parse(replica_url, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0"))),
        "TEST": {"MIRROR": "default"},
    }
if len(DATABASES) > 1:
    DATABASE_ROUTERS = ["project.routers.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(0, "project.routers.PrimaryReadsMiddleware")

# One cache for every worker and machine when CACHE_URL (or REDIS_URL) names a Redis server, e.g.
# redis://127.0.0.1:6379/0; otherwise each process caches alone in its memory. Throttling uses it;
# the API's response cache does not (project/response_cache.py keeps to each worker's memory).
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
if PRODUCTION:
    # Hashed, compressed files, collected by `collectstatic` before the server starts.
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

# The admin's address; moving it off the well-known path keeps most scanners away.
ADMIN_PATH = os.environ.get("ADMIN_PATH", "admin/").strip("/") + "/"

# Security headers. The policy allows nothing from other hosts: the service works offline.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # The admin's own templates and Swagger UI set style attributes.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Login throttling: after repeated failures for one account from one address, a cool-off.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("LOGIN_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

# JSON that keeps times to the microsecond: the backup format (thesis/backup.py).
SERIALIZATION_MODULES = {"archive-json": "thesis.serialization"}

# Curated data the parser cannot derive, keyed by the source document's SHA-256.
CURATION_DIR = BASE_DIR / "fixtures"
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))

CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_ALLOW_ALL_ORIGINS = not CORS_ALLOWED_ORIGINS
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified"]

REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonymousRateThrottle"],
}
# Repeated anonymous GETs under this path are answered from each worker's memory, keyed on the
# data version that every edit bumps (project/response_cache.py); API_RESPONSE_CACHE_MB=0 turns it off.
API_RESPONSE_CACHE_PREFIX = "/api/"
API_RESPONSE_CACHE_BYTES = int(float(os.environ.get("API_RESPONSE_CACHE_MB", "32")) * 1024 * 1024)

# Requests per second, minute, hour or day from one address, e.g. "600/minute"; "off" for none.
# Counters live in the cache: with several workers or machines, point CACHE_URL at Redis.
API_ANON_RATE = os.environ.get("API_ANON_RATE", "600/minute")

SPECTACULAR_SETTINGS = {
    "TITLE": "Thesis archive API",
    "DESCRIPTION": "Read-only JSON API over a digitised thesis: its text, sources, people and timeline.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # null turns off the badge that would send the schema to validator.swagger.io.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "ENUM_NAME_OVERRIDES": {
        "ThesisKindEnum": "thesis.models.Thesis.Kind",
        "SectionKindEnum": "thesis.models.Section.Kind",
        "PassageStatusEnum": "thesis.models.Passage.Status",
        "SourceStatusEnum": "thesis.models.Source.Status",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"thesis": {"handlers": ["console"], "level": "INFO"}},
}
