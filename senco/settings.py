"""senco settings: one file, every setting read from the environment with a safe default.

A fresh clone runs on SQLite with nothing to set. A trust sets DATABASE_URL to a
PostgreSQL database, SECRET_KEY, ALLOWED_HOSTS and DEBUG=0.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


TESTING = "pytest" in sys.modules or os.environ.get("SENCO_TESTING") == "1"

DEBUG = env_bool("DEBUG", False)
# The built-in key is for the tests, DEBUG=1 and management commands only (`make` passes
# a random key): serving with it is refused (senco/startup.py, called by senco/wsgi.py,
# and `manage.py check --deploy`), since a known key lets anyone forge a session.
DEVELOPMENT_SECRET_KEY = "senco-local-development-key-not-for-production"
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "senco.schools",
    "senco.accounts",
    "senco.pupils",
    "senco.register",
    "senco.audit",
    "senco.imports",
    "senco.profiles",
    "senco.plans",
    "senco.ehcp",
    "senco.diary",
    "senco.provision",
    "senco.families",
    "senco.letters",
    "senco.parents",
    "senco.outcomes",
    "senco.year",
    "senco.strategy",
    "senco.reports",
    "senco.demo",
    "senco.operations",
    "senco",
]

MIDDLEWARE = [
    "senco.operations.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "senco.middleware.SessionTouchMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "senco.middleware.NoStoreForSignedInMiddleware",
    "csp.middleware.CSPMiddleware",
    "senco.audit.actor.ActorMiddleware",
    "senco.accounts.middleware.SignInStepsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "senco.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "senco" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "senco.context_processors.frame",
            ],
        },
    },
]

WSGI_APPLICATION = "senco.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{os.environ.get('SQLITE_PATH', BASE_DIR / 'db.sqlite3')}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's backend, with each query's placeholders rewritten once a process rather
    # than at every run (senco/lib/sqlite/base.py: ~0.7 ms of a daily page).
    DATABASES["default"]["ENGINE"] = "senco.lib.sqlite"
    # The tests' database in memory, as Django gives it to its own SQLite backend
    # (pytest-django, seeing another backend's name, would name a file per worker).
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
    # WAL lets readers go on while an import writes; IMMEDIATE avoids lock upgrades. A
    # writer (every page writes its audit row and session) waits up to 20 s for another's
    # transaction, an import say, rather than Python's 5 s: `manage.py bench_import`.
    # Connections are kept between requests (CONN_MAX_AGE, as on PostgreSQL): opening one
    # and running these pragmas cost each request 4 to 10 ms (`make bench`, over HTTP).
    # The WAL is copied back into the database (a checkpoint) every 10,000 pages written
    # (~40 MB) rather than SQLite's 1,000: a register page writes ~600 pages of audit rows
    # and their indexes, so every other view paid a checkpoint of ~17 ms; now one in ~15
    # pays one, and a page written many times between two checkpoints is copied once.
    # mmap reads the database through the OS's page cache without copying it.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA wal_autocheckpoint=10000; PRAGMA mmap_size=268435456;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# Background tasks (django-tasks): queued in the database, run by `manage.py db_worker`
# (docs/deploy.md). TASKS_IMMEDIATE=1, and the tests, run each task at once in the
# request instead, so a developer's `make run` needs no worker.
TASKS_IMMEDIATE = TESTING or env_bool("TASKS_IMMEDIATE", False)
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if TASKS_IMMEDIATE
        else "django_tasks_db.DatabaseBackend"
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "senco.accounts.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in throttling (django-axes): 5 failures for one username from one address within
# 15 minutes refuse that pair for 15 minutes; a SENCO can unlock a colleague sooner.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the signed-in user with SQL written once.
    "senco.accounts.fast_reads.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # "try again in 15 minutes" holds
AXES_LOCKOUT_CALLABLE = "senco.accounts.views.sign_in_locked_out"
AXES_CLIENT_IP_CALLABLE = "senco.audit.actor.client_ip"
AXES_VERBOSE = False

# Two-factor sign-in (senco/accounts/two_factor.py): codes from an authenticator app.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "senco")

# Email (password reset links). With no EMAIL_HOST, emails are printed on the server's
# console, which is what a developer's machine needs; a school sets its mail server.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "senco <senco@localhost>")
# The site's address as people reach it, for links in emails sent by scheduled jobs (which
# have no request to take the host from) and the calendar feed's links (senco/diary/).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# A password reset link works once (it is made from the password it replaces) and for an hour.
PASSWORD_RESET_TIMEOUT = 3600

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after 30 minutes without a request.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", "1800"))
# Not saved on every request: SessionTouchMiddleware moves the expiry on at most once a
# minute, so a session ends 29 to 30 minutes after the last request.
SESSION_SAVE_EVERY_REQUEST = False
# Django's database sessions, read with SQL written once (senco/accounts/fast_reads.py).
SESSION_ENGINE = "senco.accounts.fast_reads"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Set SECURE_COOKIES=1 when served over HTTPS.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Flash messages name pupils: kept in the session, never in a cookie the browser can read.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# HTTPS (docs/security.md): HSTS for this many seconds (0: none); redirect http to https;
# behind a TLS-terminating proxy, the header (e.g. HTTP_X_FORWARDED_PROTO) that proxy sets
# to "https". Leave it empty unless the proxy always sets or overwrites it.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (os.environ["SECURE_PROXY_SSL_HEADER"], "https")

# Content-Security-Policy (django-csp 4): no inline script or style, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
# senco is written in British English and translates nothing. Off, Django's translation
# machinery is skipped (every date and number on a page asked it for the language: a
# tenth of the pupil page's time, issue 13); dates and numbers keep en-gb's formats, and
# Django's own messages are the same words (its en_GB catalogue changes none of them).
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "senco" / "static"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Private files (pupils' photos): never under STATIC_ROOT and never served by URL; only
# views that check access read them.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
PHOTO_MAX_BYTES = 5 * 1024 * 1024
# The EHC plan's PDF as the local authority issued it (senco/ehcp/document_services.py).
# Larger than FILE_UPLOAD_MAX_MEMORY_SIZE, so Django streams it to a temporary file.
EHC_PLAN_PDF_MAX_BYTES = 20 * 1024 * 1024

# Uploads: the import limit is checked in the import service; this keeps Django from
# holding more than that in memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 11 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 11 * 1024 * 1024
IMPORT_MAX_BYTES = 10 * 1024 * 1024
# More pupil rows than any one school has: the wrong file (a trust's, or years of leavers).
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "5000"))

# How many proxies in front of senco append to X-Forwarded-For. 0: the audit log records
# REMOTE_ADDR; N: the N-th address from the right of X-Forwarded-For (senco.audit.actor).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Errors to standard error at LOG_LEVEL; one JSON line per request (senco.requests,
# senco/operations/request_log.py) at REQUEST_LOG_LEVEL: INFO logs them, WARNING not.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "requests": {"class": "logging.StreamHandler", "formatter": "line"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "senco.requests": {
            "handlers": ["requests"],
            "level": os.environ.get("REQUEST_LOG_LEVEL", "WARNING" if TESTING else "INFO"),
            "propagate": False,
        },
    },
}
