"""Fast test settings: MD5 hasher, locmem cache, in-memory SQLite unless DATABASE_URL is set."""

import os

from .base import *  # noqa: F403
from .base import DATABASES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if not os.environ.get("DATABASE_URL"):
    DATABASES["default"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
KEPU_PUBLISH_ON_SIGNOFF = False
WAGTAILADMIN_BASE_URL = "http://testserver"
