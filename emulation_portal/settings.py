"""Settings for Emulation Portal, read from the environment.

With no environment at all the portal runs in its embedded mode: SQLite under var/, Celery
tasks run in-process, DEBUG on. Setting DATABASE_URL (PostgreSQL) switches to production mode,
which requires SECRET_KEY and ALLOWED_HOSTS and turns on the HTTPS hardening. The README lists
every variable.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------------------
# Strict environment helpers
# ---------------------------------------------------------------------------
def env_str(name, default=None):
    """A string from NAME, or from the file named by NAME_FILE (for secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value not in ("true", "false"):
        raise ImproperlyConfigured(f"{name} must be 'true' or 'false', not {value!r}")
    return value == "true"


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


# ---------------------------------------------------------------------------
# Mode
# ---------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", "")
PRODUCTION = bool(DATABASE_URL)
DEBUG = env_bool("DEBUG", not PRODUCTION)

if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG=true is refused in production (DATABASE_URL is set): it shows code and data.")

SECRET_KEY = env_str("SECRET_KEY")
SECRET_KEY_MIN_LENGTH = 50
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY is required in production (DATABASE_URL is set).")
    SECRET_KEY = "embedded-mode-only-not-secret-3f9c1b7e0a4d4b2c8e6f5a1d9b0c7e2f"
elif PRODUCTION and len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH:
    raise ImproperlyConfigured(
        f"SECRET_KEY must be at least {SECRET_KEY_MIN_LENGTH} characters in production; generate one with "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required in production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")


# ---------------------------------------------------------------------------
# Applications
# ---------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "auditlog",
    "csp",
    # Our apps, shared ones first: later apps import from earlier ones, never back.
    "portal",
    "directory",
    "movements",
    "clusters",
    "awards",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.LanguageCookieMiddleware",
    # Before anything reads the form: every text and file name the user sends, in NFC.
    "portal.middleware.UnicodeNormalizationMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.middleware.PrivatePagesMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Axes goes last so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
    # Innermost: the portal's Vietnamese 404/500 pages in place of Django's English DEBUG pages.
    "portal.middleware.PortalErrorPagesMiddleware",
]
# DEBUG only: keep Django's technical 404/500 pages (English, with the traceback) for a developer.
TECHNICAL_ERROR_PAGES = env_bool("TECHNICAL_ERROR_PAGES", False)

ROOT_URLCONF = "emulation_portal.urls"
WSGI_APPLICATION = "emulation_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.navigation",
                "portal.context_processors.notifications",
            ],
        },
    },
]


# ---------------------------------------------------------------------------
# Database
# ---------------------------------------------------------------------------
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
if PRODUCTION:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "portal.sqlite3",
            "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# ---------------------------------------------------------------------------
# Accounts, sessions, lockout
# ---------------------------------------------------------------------------
AUTH_USER_MODEL = "directory.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False


# ---------------------------------------------------------------------------
# HTTPS hardening (production, behind a TLS-terminating reverse proxy)
# ---------------------------------------------------------------------------
HTTPS = env_bool("HTTPS", PRODUCTION)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# /healthz is probed over plain HTTP by the load balancer.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content-Security-Policy (django-csp): scripts and styles only from our own static files, no
# inline script or style anywhere, no plugins, no framing. Charts are inline SVG (markup, not script).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}


# ---------------------------------------------------------------------------
# Language, time, formats
# ---------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# Each app keeps its own catalogue; listing them first lets `makemessages` (run from the project
# root) file each string under the app it comes from, and the rest under locale/.
LOCALE_PATHS = [
    *(BASE_DIR / app / "locale" for app in ("portal", "directory", "movements", "clusters", "awards", "reports")),
    BASE_DIR / "locale",
]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Numbers are grouped where they are amounts (the `number` filter, portal.numbers.format_number);
# never by default, so a year prints "2023", never "2.023".
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["emulation_portal.formats"]


# ---------------------------------------------------------------------------
# Static and uploaded files
# ---------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
# Uploaded dossiers are private: they live outside the static root and are served by views
# that check permissions, never by the web server directly.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION and not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 5 * 1024 * 1024)
# What an Office package (document or import) may hold once unpacked: more is a zip bomb.
UPLOAD_MAX_UNPACKED_BYTES = env_int("UPLOAD_MAX_UNPACKED_BYTES", 100 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 20000)
# Row errors an import lists (the rest are counted); an import that streams (the award history) reads
# its file in chunks, so it may be larger: its own limits.
IMPORT_MAX_ERRORS = env_int("IMPORT_MAX_ERRORS", 1000)
HISTORY_IMPORT_MAX_ROWS = env_int("HISTORY_IMPORT_MAX_ROWS", 200_000)
HISTORY_IMPORT_MAX_BYTES = env_int("HISTORY_IMPORT_MAX_BYTES", 30 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024


# ---------------------------------------------------------------------------
# Cache and public-page limits (portal.throttle)
# ---------------------------------------------------------------------------
# The portal's address as the public sees it: links in e-mails and the QR codes printed on certificates.
PORTAL_URL = env_str("PORTAL_URL", "http://127.0.0.1:8000").rstrip("/")
# A Redis URL shares the cache (and so the public pages' request counts) between web processes;
# without it each process counts in its own memory, which is enough for the embedded mode.
CACHE_URL = env_str("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"}
    )
}
# Behind a reverse proxy, the header holding the visitor's address (e.g. HTTP_X_FORWARDED_FOR).
THROTTLE_CLIENT_IP_HEADER = env_str("THROTTLE_CLIENT_IP_HEADER", "")
# Per-scope limits (requests per hour and address) overriding the code's defaults, e.g. "verify=120,comment=5".
THROTTLE_RATES = {
    name.strip(): int(limit)
    for name, _sep, limit in (item.partition("=") for item in env_list("THROTTLE_RATES"))
    if limit.strip().isdigit()
}


# ---------------------------------------------------------------------------
# Celery
# ---------------------------------------------------------------------------
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
# The queue this deployment's workers read (the test suite gives each parallel test process its own).
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "celery")
# Without a broker, tasks run in-process: the embedded mode needs no Redis.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Keep the LOGGING config below (one JSON line per event) in workers too.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# A task that is not acknowledged within this time is handed to another worker; it must be
# longer than the slowest render.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}
# Reports: how long a render job may run before another worker may claim it; the test-only delay
# lets the fault-injection test kill a worker in the middle of a render.
REPORTS_RENDER_LEASE_SECONDS = env_int("REPORTS_RENDER_LEASE_SECONDS", 600)
REPORTS_TEST_RENDER_DELAY = float(env_str("REPORTS_TEST_RENDER_DELAY", "0") or 0)
# Keep a process's last PDF renders by their HTML (portal.rendering): the test suite turns it on.
PDF_RENDER_CACHE = env_bool("PDF_RENDER_CACHE", False)
# Exports (issue 13): a list export of more rows than this runs as a job (portal.exports); its file
# is kept this many days, then deleted by the beat task portal.delete_old_exports.
EXPORT_INLINE_MAX_ROWS = env_int("EXPORT_INLINE_MAX_ROWS", 2000)
EXPORT_KEEP_DAYS = env_int("EXPORT_KEEP_DAYS", 7)
# A RUNNING export may be claimed by another worker after this (a worker killed mid-export).
EXPORT_LEASE_SECONDS = env_int("EXPORT_LEASE_SECONDS", 1800)
# Awards: the province whose chairman signs the decisions (header, authority line) and the place
# of their date line (the province's name when empty).
AWARDS_PROVINCE_NAME = env_str("AWARDS_PROVINCE_NAME", "Ninh Bình")
AWARDS_PROVINCE_PLACE = env_str("AWARDS_PROVINCE_PLACE", "")
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "portal.heartbeat", "schedule": 60.0},
    # Phases open and close by their dates; members hear three days before self-assessment closes.
    "clusters-advance-phases": {"task": "clusters.advance_phases", "schedule": crontab(hour=0, minute=5)},
    "clusters-sheet-reminders": {"task": "clusters.send_sheet_reminders", "schedule": crontab(hour=7, minute=0)},
    # Exported files older than EXPORT_KEEP_DAYS are deleted.
    "portal-delete-old-exports": {"task": "portal.delete_old_exports", "schedule": crontab(hour=2, minute=30)},
}


# ---------------------------------------------------------------------------
# Mail
# ---------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if env_str("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)
# For EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (the worker test writes there).
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", "")
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "thiduakhenthuong@localhost")


# ---------------------------------------------------------------------------
# Audit history
# ---------------------------------------------------------------------------
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False


# ---------------------------------------------------------------------------
# Logging: one line of JSON per event on stdout
# ---------------------------------------------------------------------------
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "portal.logging.OneLineJsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        # Replace Django's own console handlers so every event is one JSON line, once.
        "django": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
        "django.server": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        # WeasyPrint and fontTools narrate every layout step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "celery": {"level": LOG_LEVEL},
    },
}


# ---------------------------------------------------------------------------
# Signing (issue 15): portal.signing. Unset = signing off (SigningUnavailable says so).
# Paths only: the password and PIN are read from their files when a signer is made.
# ---------------------------------------------------------------------------
SIGNING_PKCS12_FILE = env_str("SIGNING_PKCS12_FILE", "")
SIGNING_PKCS12_PASSWORD_FILE = os.environ.get("SIGNING_PKCS12_PASSWORD_FILE", "")
SIGNING_PKCS11_MODULE = env_str("SIGNING_PKCS11_MODULE", "")
SIGNING_PKCS11_TOKEN_LABEL = env_str("SIGNING_PKCS11_TOKEN_LABEL", "")
SIGNING_PKCS11_KEY_LABEL = env_str("SIGNING_PKCS11_KEY_LABEL", "")
SIGNING_PKCS11_PIN_FILE = os.environ.get("SIGNING_PKCS11_PIN_FILE", "")
# A PEM file or a folder of PEM/DER certificates: the roots a signer's chain must end in.
SIGNING_TRUST_ROOTS = env_str("SIGNING_TRUST_ROOTS", "")
# An RFC 3161 timestamp service: with it signatures are PAdES B-T and B-LT, without it B-B.
SIGNING_TIMESTAMP_URL = env_str("SIGNING_TIMESTAMP_URL", "")
# pyHanko logs every untrusted chain as a WARNING with a traceback; verify_pdf reports it instead.
LOGGING["loggers"]["pyhanko"] = {"level": "ERROR"}
LOGGING["loggers"]["pyhanko_certvalidator"] = {"level": "ERROR"}


# ---------------------------------------------------------------------------
# REST API (issue 16): portal.api, at /api/v1/. Token authentication only (no session on the API,
# so no CSRF question); a token is needed for everything but the schema and its docs page.
# ---------------------------------------------------------------------------
INSTALLED_APPS += ["rest_framework", "drf_spectacular", "drf_spectacular_sidecar"]
# Requests per token; DRF's rate syntax ("1000/hour", "100/min").
API_THROTTLE_RATE = env_str("API_THROTTLE_RATE", "1000/hour")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["portal.api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["portal.api.permissions.TokenScope", "portal.api.permissions.ApiRule"],
    "DEFAULT_THROTTLE_CLASSES": ["portal.api.throttling.TokenRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "portal.api.pagination.ApiPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "portal.api.views.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Emulation Portal API / API Cổng thi đua – khen thưởng",
    "VERSION": "1.0.0",
    "DESCRIPTION": (
        "Đọc đơn vị, phong trào thi đua, lịch sử khen thưởng, quyết định và hồ sơ đề nghị; đơn vị nộp hồ sơ "
        "đề nghị khen thưởng. Xác thực: tiêu đề `Authorization: Token <khóa>` (khóa do quản trị viên cấp).\n\n"
        "Read units, emulation movements, award records, decisions and award proposals; a unit submits its "
        "proposal dossiers. Authentication: the header `Authorization: Token <key>` (issued by an administrator)."
    ),
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Fields named alike ("kind", "state") with different choices get their own names in the schema.
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "directory.enums.UnitKind",
        "MovementKindEnum": "movements.enums.MovementKind",
        "MovementStateEnum": "movements.enums.MovementState",
        "DocumentKindEnum": "awards.enums.DocumentKind",
        "ProposalStateEnum": "awards.enums.ProposalState",
    },
}
