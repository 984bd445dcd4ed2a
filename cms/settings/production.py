"""Production: PostgreSQL via DATABASE_URL, secrets from the environment, HTTPS."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if os.environ.get("KEPU_S3_MEDIA_BUCKET"):
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": os.environ["KEPU_S3_MEDIA_BUCKET"]},
    }
