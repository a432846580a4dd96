"""Settings, all read from the environment (see the README for each variable)."""

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from project.clients import parse_trusted_proxies

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
    "thesis.apps.ArchiveAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
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
    "reading",
    "harvest",
    "synthetic",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before the rest, so that a client refused for its rate costs as little as can be (project/fair_share.py).
    "project.fair_share.FairShareMiddleware",
    "csp.middleware.CSPMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # ETags from a hash of each GET response, and 304s for If-None-Match / If-Modified-Since.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "project.languages.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A database too busy to take a write, full or out of reach: a refusal, never a 500 (project/faults.py).
    "project.faults.DatabaseFaultMiddleware",
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
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "reading.context.script",
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
# Server-side binding lets psycopg prepare a statement a connection has run a few times, so that
# PostgreSQL plans the busiest reads once per connection rather than on every request (planning
# was three quarters of a passage's detail in the database). A pooler that hands connections to
# other clients between transactions cannot keep prepared statements: behind one, set
# POSTGRES_PREPARED_STATEMENTS=0.
if env_bool("POSTGRES_PREPARED_STATEMENTS", True):
    for database in DATABASES.values():
        if database["ENGINE"].endswith("postgresql"):
            database.setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
# A connection kept between requests is checked before a request reuses it, so that the first request
# after the database came back is answered rather than failing on a connection it dropped.
for database in DATABASES.values():
    database["CONN_HEALTH_CHECKS"] = database["CONN_MAX_AGE"] > 0
if len(DATABASES) > 1:
    DATABASE_ROUTERS = ["project.routers.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(0, "project.routers.PrimaryReadsMiddleware")

# One cache for every worker and machine when CACHE_URL (or REDIS_URL) names a Redis server, e.g.
# redis://127.0.0.1:6379/0; otherwise one for every worker of this machine, in files under CACHE_DIR.
# Throttling counts in it, so that its limit holds across workers; memory of each process would
# let N workers allow N times the rate. The API's response cache does not use it
# (project/response_cache.py keeps to each worker's memory).
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", "")
CACHE_DIR = Path(os.environ.get("CACHE_DIR") or BASE_DIR / ".cache")
# Every write lists the directory to see whether to cull (a third, at random), so the bound keeps
# writes near a millisecond while holding a counter for each of 1,000 clients.
# Both backends fail soft (project/cache.py): a directory or a Redis that cannot be used is a cache that
# holds nothing, with a warning in the log, never a 500.
MACHINE_CACHE = {
    "BACKEND": "project.cache.SoftFileBasedCache",
    "LOCATION": str(CACHE_DIR),
    "OPTIONS": {"MAX_ENTRIES": 1000},
}
if "CACHE_DIR" not in os.environ and "PYTEST_VERSION" in os.environ:
    # A test run keeps its cache in its own memory, as it has a database of its own: every test
    # clears the cache, and runs side by side must not clear or share each other's counters in one
    # directory. (A test that starts a server gives it a CACHE_DIR to have the machine's cache.)
    MACHINE_CACHE = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
# A Redis that does not answer within a second is taken for down rather than waited for.
CACHES_REDIS = {
    "BACKEND": "project.cache.SoftRedisCache",
    "LOCATION": CACHE_URL,
    "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
}
CACHES = {
    "default": (CACHES_REDIS if CACHE_URL else MACHINE_CACHE),
    # The spell-checker's corrections of words (thesis/text/spellcheck.py), worked out once for every
    # worker: in Redis beside the rest when there is one, else in a directory of their own, so that
    # thousands of them never push the throttle counts out of the machine cache.
    "spelling": (
        {**CACHES_REDIS, "KEY_PREFIX": "spelling"}
        if CACHE_URL
        else {**MACHINE_CACHE, "LOCATION": str(CACHE_DIR / "spelling"), "OPTIONS": {"MAX_ENTRIES": 100_000}}
    ),
    # The words each version of a passage changed, as its public page shows them (thesis/history.py),
    # worked out once for every worker, and kept apart from the throttle counts for the same reason.
    "diffs": (
        {**CACHES_REDIS, "KEY_PREFIX": "diffs"}
        if CACHE_URL
        else {**MACHINE_CACHE, "LOCATION": str(CACHE_DIR / "diffs"), "OPTIONS": {"MAX_ENTRIES": 50_000}}
    ),
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
# The archive's own strings first; then Django's, its admin's and simple-history's where their own
# catalogues lack them or misspell them (Kazakh above all), kept apart so that the project's stay its own.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "upstream"]
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
    # A load balancer asks for the health check over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The proxies whose X-Forwarded-For is believed: none by default, so that no client can choose the
# address it is throttled, locked out and logged under. A number N of proxies in front, or their
# addresses and networks (project/clients.py has the one rule that throttling, lockout and logs use).
TRUSTED_PROXIES = parse_trusted_proxies(os.environ.get("TRUSTED_PROXIES", ""))

# Login throttling: after repeated failures for one account from one address, or for any accounts
# from one address, a cool-off.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("LOGIN_COOLOFF_HOURS", "1"))
# The account and the real client address together, so that an attacker who fails for an account
# locks out only themselves, never its editor logging in from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# One address failing for many accounts (guessing usernames) is locked out too, for every account,
# after this many failures within the cool-off (project/lockout.py); a shared office stays well under it.
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
AXES_HANDLER = "project.lockout.AccountAndAddressHandler"
AXES_CLIENT_IP_CALLABLE = "project.clients.client_ip"
AXES_RESET_ON_SUCCESS = True

# JSON that keeps times to the microsecond: the backup format (thesis/editorial/backup.py).
SERIALIZATION_MODULES = {"archive-jsonl": "thesis.serialization"}

# Whether the reading site names the editors in a passage's history; by default it says only that
# an editor made a change, and why: the archive chooses what of its editors it makes public.
READING_EDITOR_NAMES = env_bool("READING_EDITOR_NAMES", False)

# E-mail notices to editors (a send-back, a note that mentions them): printed to the console unless
# an SMTP server is given, so that a development copy never sends mail.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "archive@localhost")

# Curated data the parser cannot derive, keyed by the source document's SHA-256.
CURATION_DIR = BASE_DIR / "fixtures"
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))
# An upload larger than this is imported in the background, by a job with a page of its own
# (thesis/ingest/import_jobs.py); a smaller one is previewed and imported within the request,
# which at this size takes a few seconds at most whatever the file holds (docs/reliability.md).
IMPORT_BACKGROUND_BYTES = int(os.environ.get("IMPORT_BACKGROUND_BYTES", str(64 * 1024)))
# Where a running import job writes its progress, and how long it may go unheard before it is taken for dead.
IMPORT_JOBS_DIR = Path(os.environ.get("IMPORT_JOBS_DIR") or BASE_DIR / ".import-jobs")
if "IMPORT_JOBS_DIR" not in os.environ and "PYTEST_VERSION" in os.environ:
    # A test run's jobs are its own, as its database is: job numbers start again in every run.
    IMPORT_JOBS_DIR = Path(tempfile.gettempdir()) / f"thesis-import-jobs-{os.getpid()}"
IMPORT_JOB_STALE_SECONDS = int(os.environ.get("IMPORT_JOB_STALE_SECONDS", "60"))

CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_ALLOW_ALL_ORIGINS = not CORS_ALLOWED_ORIGINS
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified"]

REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonymousRateThrottle"],
    # Our throttle asks project/clients.py; should anything of DRF's read X-Forwarded-For itself, it
    # believes no more than TRUSTED_PROXIES does (0, REMOTE_ADDR alone, when it lists addresses).
    "NUM_PROXIES": TRUSTED_PROXIES if isinstance(TRUSTED_PROXIES, int) else 0,
}
# Repeated anonymous GETs under this path are answered from each worker's memory, keyed on the
# data version that every edit bumps (project/response_cache.py); API_RESPONSE_CACHE_MB=0 turns it off.
API_RESPONSE_CACHE_PREFIX = "/api/"
API_RESPONSE_CACHE_BYTES = int(float(os.environ.get("API_RESPONSE_CACHE_MB", "32")) * 1024 * 1024)
# Whether a hit says so in a header (X-Response-Cache: hit): off, since a hit is meant to be Django's own
# response byte for byte; the benchmark turns it on to count how many of its readers' requests were hits.
API_RESPONSE_CACHE_HIT_HEADER = env_bool("API_RESPONSE_CACHE_HIT_HEADER", False)

# Requests per second, minute, hour or day from one client address, e.g. "600/minute"; "off" for
# none. Counters live in the cache, shared by this machine's workers; with several machines, point
# CACHE_URL at Redis.
API_ANON_RATE = os.environ.get("API_ANON_RATE", "600/minute")

# The same for the reading site's computed pages and for the admin, each client counted apart
# (project/fair_share.py): a reader pages through a thesis, but no client may keep the workers to itself.
READING_RATE = os.environ.get("READING_RATE", "120/minute")
ADMIN_RATE = os.environ.get("ADMIN_RATE", "600/minute")
# And over a second: a reader asks for a page at a time, and a client asking for the most expensive
# ones on many connections would otherwise spend its minute's share in its first seconds.
READING_BURST = os.environ.get("READING_BURST", "2/second")

# How long a search's queries may run before the database stops them and the search is refused
# (thesis/time_limit.py): a term found in nearly every passage must not hold a worker.
SEARCH_TIME_LIMIT_SECONDS = float(os.environ.get("SEARCH_TIME_LIMIT_SECONDS", "3"))

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
    # An id is typed by its model, though the routes let any through (api/schema.py).
    "PREPROCESSING_HOOKS": ["api.schema.ids_typed_by_model"],
    "ENUM_NAME_OVERRIDES": {
        "ThesisKindEnum": "thesis.models.Thesis.Kind",
        "SectionKindEnum": "thesis.models.Section.Kind",
        "PassageStatusEnum": "thesis.models.Passage.Status",
        "SourceStatusEnum": "thesis.models.Source.Status",
    },
}

# Failed requests (5xx, with their traceback), security events and lockouts go to stderr, where
# gunicorn writes its own log, each line with the real client address. Django's defaults print
# them only in debug and otherwise mail ADMINS; not propagating them keeps debug from printing twice.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client": {"()": "project.clients.ClientAddressFilter"}},
    "formatters": {"events": {"format": "%(asctime)s %(levelname)s %(name)s client=%(client)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "events": {"class": "logging.StreamHandler", "filters": ["client"], "formatter": "events"},
    },
    "loggers": {
        "thesis": {"handlers": ["console"], "level": "INFO"},
        "project": {"handlers": ["events"], "level": "WARNING", "propagate": False},
        "django.request": {"handlers": ["events"], "level": "ERROR", "propagate": False},
        "django.security": {"handlers": ["events"], "level": "WARNING", "propagate": False},
        "axes": {"handlers": ["events"], "level": "WARNING", "propagate": False},
    },
}

# OAI-PMH at /oai/ (harvest/): how the repository names itself to harvesters. Empty values are taken
# from the request (its host names the identifiers and the address), so set them in production.
OAI_REPOSITORY_NAME = os.environ.get("OAI_REPOSITORY_NAME", "Thesis archive")
OAI_REPOSITORY_ID = os.environ.get("OAI_REPOSITORY_ID", "")
OAI_BASE_URL = os.environ.get("OAI_BASE_URL", "")
OAI_ADMIN_EMAIL = os.environ.get("OAI_ADMIN_EMAIL", "")
OAI_PAGE_SIZE = max(1, int(os.environ.get("OAI_PAGE_SIZE", "100")))
OAI_RIGHTS = os.environ.get("OAI_RIGHTS", "info:eu-repo/semantics/openAccess")

# Where export_dump's dumps are kept for readers: /dump/latest.zip serves the newest zip in this folder
# or a folder directly under it, read-only. Empty: no dump is served.
DUMP_DIR = os.environ.get("DUMP_DIR", "")

# The licence every TEI edition states in its header's availability: its address and its words.
TEI_LICENCE_URL = os.environ.get("TEI_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/")
TEI_LICENCE_TEXT = os.environ.get("TEI_LICENCE_TEXT", "Creative Commons Attribution 4.0 International (CC BY 4.0)")
