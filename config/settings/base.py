"""Settings shared by every environment; values that differ come from config.env, the
platform's tunables from config/tunables.py."""

from pathlib import Path

import dj_database_url

from config import env, tunables

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# A checkout keeps its SQLite database, static and media files beside the code; installed
# from the wheel, the code is in site-packages and they default to the working directory.
DATA_DIR = BASE_DIR if (BASE_DIR / "manage.py").is_file() else Path.cwd()

SECRET_KEY = env.string("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env.boolean("DEBUG", False)
ALLOWED_HOSTS = env.string_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", ".localhost"])
CSRF_TRUSTED_ORIGINS = env.string_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "daphne",
    "accounts",
    "background",
    "cms",
    "courses",
    "enrollment",
    "learning",
    "live",
    "surveys",
    "certificates",
    "reporting",
    "privacy",
    "sso",
    "lti",
    "xapi",
    "conferencing",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtailmedia",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "rest_framework",
    "drf_spectacular",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "channels",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cms.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.middleware.LanguagePrefixMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cms.page_cache.PublicPageCacheMiddleware",
    "accounts.middleware.AdminGateMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.database.DatabaseBusyMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.platform",
            ],
        },
    },
]

DATABASE_URL = env.url(
    "DATABASE_URL",
    schemes=("sqlite", "postgres", "postgresql"),
    default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}",
)
# No persistent connections: under ASGI each request's synchronous code runs in a thread of
# its own, so a connection kept open would never be reused, only leaked.
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and a management command share the file.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif tunables.BY_NAME["DATABASE_POOL_SIZE"].read():
    # PostgreSQL: each process keeps a pool of open connections (psycopg_pool, through
    # Django's own support) shared by all its threads. A request, a websocket handshake or a
    # live-room action borrows one when it first queries and gives it back when Django
    # "closes" it (CONN_MAX_AGE stays 0, as the pool requires), instead of starting a new
    # PostgreSQL backend each time. A thread waits for a free connection up to `timeout`.
    DATABASES["default"]["OPTIONS"] = {
        "pool": {
            "min_size": 2,
            "max_size": tunables.BY_NAME["DATABASE_POOL_SIZE"].read(),
            "timeout": 30,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.url("REDIS_URL", schemes=("redis", "rediss"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.string("CACHE_KEY_PREFIX", "opentraining"),
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [REDIS_URL],
                "prefix": env.string("CHANNEL_LAYER_PREFIX", "opentraining"),
                # A room's events reach each process through one channel: let it queue.
                "capacity": 1000,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels.layers.InMemoryChannelLayer",
            "CONFIG": {"capacity": 1000},
        }
    }

# Fragments of pages that many readers see alike (live.fragments): each process keeps its own,
# as a fragment's key holds everything it shows and a shared cache would cost a round trip
# per fragment.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "TIMEOUT": 600,
    "OPTIONS": {"MAX_ENTRIES": 20_000},
}

# The platform's tunables (SURVEY_OPEN_DAYS, REPORTING_MIN_CELL, LIVE_*...), each declared
# once with its type, default and meaning in config/tunables.py; docs/settings.md lists them.
globals().update(tunables.settings_values())

# --- Background tasks (django-tasks): emails, certificates, scheduled jobs ---
# The embedded default keeps the queue in the database (`manage.py db_worker` works it off,
# `make run` starts one); with Redis, RQ queues the tasks (`manage.py rqworker
# --with-scheduler` on as many machines as needed). docs/deploy.md tells both.
if REDIS_URL:
    INSTALLED_APPS.append("django_rq")
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {
        "default": {
            "URL": REDIS_URL,
            "DEFAULT_TIMEOUT": TASK_TIMEOUT_SECONDS,  # noqa: F821 (a tunable)
        }
    }
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# --- end of background tasks ---

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = env.string("EMAIL_SUBJECT_PREFIX", "")
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# --- Single sign-on (sso/): partners' OpenID Connect and SAML 2.0 identity providers ---
# Administrators add them per platform in the admin (sso.models.IdentityProvider); the
# adapter turns those rows into allauth's apps. An existing account is joined only through
# an address the identity provider says it verified, and then its password is kept only
# if the account's own address was verified too (allauth's email authentication).
SOCIALACCOUNT_ADAPTER = "sso.adapter.SocialAccountAdapter"
SOCIALACCOUNT_FORMS = {"signup": "sso.forms.SocialSignupForm"}
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 10
# --- end of single sign-on ---
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.string("PLATFORM_NAME", "Open Training Platform")
MFA_REQUIRED_FOR_STAFF = env.boolean("MFA_REQUIRED_FOR_STAFF", False)

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", "العربية"),
    ("zh-hans", "简体中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
]
LANGUAGES_BIDI = ["ar"]
# The wheel carries the compiled catalogues in config/locale/ (setup.py); a checkout
# compiles them in place (`make translations`).
_PACKAGED_LOCALE = Path(__file__).resolve().parent.parent / "locale"
LOCALE_PATHS = [_PACKAGED_LOCALE if _PACKAGED_LOCALE.is_dir() else BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_SITE_NAME = env.string("PLATFORM_NAME", "Open Training Platform")
# No avatars from gravatar.com: pages never ask another origin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = env.string("BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Video lessons: the upload form refuses files above VIDEO_MAX_UPLOAD_MB.
WAGTAILMEDIA = {"MEDIA_FORM_BASE": "learning.admin_video.MediaForm"}

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.string("STATIC_ROOT", str(DATA_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.string("MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- The live broadcast (live.ingest, docs/deploy.md "Live broadcast") ---
# Trainers push to LIVE_INGEST_URL/<stream key> (nginx with the RTMP module); the ingest
# writes the HLS ladder under LIVE_HLS_ROOT, served at LIVE_HLS_URL (by nginx in production,
# by the platform otherwise), and keeps each publication under LIVE_RECORDINGS_ROOT.
LIVE_INGEST_URL = env.string("LIVE_INGEST_URL", "rtmp://127.0.0.1:1935/live")
LIVE_HLS_ROOT = Path(env.string("LIVE_HLS_ROOT", str(DATA_DIR / "live-hls")))
LIVE_HLS_URL = "/live-hls/"
LIVE_RECORDINGS_ROOT = Path(env.string("LIVE_RECORDINGS_ROOT", str(DATA_DIR / "recordings")))

# --- Video conferencing servers (conferencing.servers, docs/integrations.md) ---
# CONFERENCING_SERVERS names the BigBlueButton and Jitsi servers editors may choose for a
# session; each NAME is described by CONFERENCING_<NAME>_PROVIDER (bigbluebutton or jitsi),
# _URL, _SECRET (BigBlueButton's shared secret, Jitsi's app_secret) and, for Jitsi, _APP_ID
# and _EVENTS_TOKEN (the bearer token its event sync sends); for BigBlueButton, _CHECKSUM.
CONFERENCING_SERVERS = {
    name: {
        "provider": env.choice(f"CONFERENCING_{key}_PROVIDER", ("bigbluebutton", "jitsi"), ""),
        "url": env.url(f"CONFERENCING_{key}_URL", schemes=("https", "http"))
        or env.string(f"CONFERENCING_{key}_URL", required=True),
        "secret": env.string(f"CONFERENCING_{key}_SECRET", required=True),
        "app_id": env.string(f"CONFERENCING_{key}_APP_ID", ""),
        "events_token": env.string(f"CONFERENCING_{key}_EVENTS_TOKEN", ""),
        "checksum": env.choice(
            f"CONFERENCING_{key}_CHECKSUM", ("sha1", "sha256", "sha384", "sha512"), "sha256"
        ),
    }
    for name in env.string_list("CONFERENCING_SERVERS", [])
    for key in [name.upper().replace("-", "_")]
}

# Every email is queued as a row (background.mail) and delivered by a task through
# OUTBOX_DELIVERY_BACKEND, retried with back-off when the mail server fails.
EMAIL_BACKEND = "background.mail.OutboxEmailBackend"
OUTBOX_DELIVERY_BACKEND = env.string(
    "OUTBOX_DELIVERY_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env.string("DEFAULT_FROM_EMAIL", "training@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# --- Content Security Policy (cms/csp.py) ---
# Public pages load only this site's own scripts, styles and images: no inline script or
# style, so text a user managed to slip into a page cannot run or restyle it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        # cms/csp.py adds the live room's ws:// or wss:// origin.
        "connect-src": ["'self'"],
        # The live broadcast's player (hls.js) feeds the video through a blob: address.
        "media-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Wagtail's admin still writes inline scripts and styles (its form widgets, panels and
# choosers), and frames its own page previews: it gets inline code and same-origin frames,
# never code from elsewhere. Only editors see it.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# Wagtail's admin asks releases.wagtail.org for its latest version from the browser: no page
# of the platform talks to another origin, so the check stays off (upgrades are planned from
# the changelog instead).
WAGTAIL_ENABLE_UPDATE_CHECK = False
# --- end of Content Security Policy ---

# --- Rate limits of allauth's views, counted in the cache ---
# Per address limits are loose: a classroom or a mobile carrier puts many learners behind
# one address. Per account ("key") limits are tight: they stop guessing one password and
# flooding one mailbox.
ACCOUNT_RATE_LIMITS = {
    "login": "60/m/ip",
    "login_failed": "20/m/ip,5/5m/key",
    "signup": "30/m/ip",
    "reset_password": "20/m/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
# Behind a reverse proxy every request comes from the proxy's address; production trusts
# the X-Forwarded-For entry the proxy adds.
ALLAUTH_TRUSTED_PROXY_COUNT = env.integer("TRUSTED_PROXY_COUNT", 0)
# Per learner limits of the platform's own views: ENROLLMENT_RATE_LIMIT, CHECK_IN_RATE_LIMIT
# and ACCOUNT_DELETE_RATE_LIMIT, in config/tunables.py.
# --- end of rate limits ---

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.string("LOG_LEVEL", "WARNING")},
    "loggers": {"daphne": {"level": "WARNING"}},
}

# --- JSON API (courses/api.py): Django REST framework and its OpenAPI schema ---
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{WAGTAIL_SITE_NAME} API",
    "DESCRIPTION": "Training sessions of the catalog, read-only. Pages: /api/v2/ (Wagtail).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["courses.api.session_endpoints_only"],
}
# --- end of JSON API ---
