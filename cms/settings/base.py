"""Settings shared by every environment. Secrets come only from the environment."""

import os
from pathlib import Path

import dj_database_url

CMS_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = CMS_DIR.parent


def env(name, default=None):
    return os.environ.get(name, default)


SECRET_KEY = env("DJANGO_SECRET_KEY", "kepu-insecure-development-key-change-me")
DEBUG = False
ALLOWED_HOSTS = [h for h in env("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "cms.base",
    "cms.people",
    "cms.channels",
    "cms.content",
    "cms.review",
    "cms.compliance",
    "cms.exporting",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [CMS_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite unless DATABASE_URL says otherwise (PostgreSQL in production).
SQLITE_PATH = Path(env("KEPU_SQLITE_PATH", str(BASE_DIR / "var" / "kepu.sqlite3")))
if not env("DATABASE_URL", ""):
    # A fresh checkout has no var/ (it is git-ignored): SQLite cannot create a
    # database file in a folder that does not exist.
    SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{SQLITE_PATH}",
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Chinese first, English second.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = env("TZ_NAME", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("KEPU_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "kepu 科普"
WAGTAILADMIN_BASE_URL = env("KEPU_CMS_URL", "http://127.0.0.1:8000")
# Database backend + jieba-segmented Chinese queries (cms/base/zh_search.py, issue 3).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cms.base.search_backend"}}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "svg"]
WAGTAILIMAGES_SVG_ENABLED = True  # cartoon illustrations are SVG
WAGTAIL_ALLOW_UNICODE_SLUGS = False  # ASCII pinyin slugs, stable forever
# An edit while in review sends the page back through the checks step.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_MODERATION_ENABLED = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail's own tasks (reference index, file deletion) stay on the immediate
# backend; kepu's publish task uses the database queue only when a worker runs
# (KEPU_TASK_BACKEND=database).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
if env("KEPU_TASK_BACKEND") == "database":
    TASKS["publish"] = {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}

# kepu's own settings, read with defaults.
KEPU_CONTENT_DIR = Path(env("KEPU_CONTENT_DIR", str(BASE_DIR / "content")))
KEPU_OUTPUT_DIR = Path(env("KEPU_OUTPUT_DIR", str(BASE_DIR / "output")))
KEPU_PUBLISH_ON_SIGNOFF = env("KEPU_PUBLISH_ON_SIGNOFF", "1") == "1"
KEPU_REVIEW_MONTHS = {"explainer": 36, "case_story": 12, "disease": 36}
KEPU_EXPIRY_POLICY = env("KEPU_EXPIRY_POLICY", "notice")  # "notice" or "withdraw"
KEPU_API_TOKEN = env("KEPU_API_TOKEN", "")
KEPU_BRAND_NAMES_FILE = env("KEPU_BRAND_NAMES_FILE", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("KEPU_LOG_LEVEL", "WARNING")},
}
