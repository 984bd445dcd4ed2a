"""HTTP headers each object is stored with: Content-Type, Cache-Control, Content-Encoding.

Object storage serves exactly the headers an object was uploaded with, so they
are decided here, once, from the key alone.
"""

from __future__ import annotations

import gzip
import mimetypes
from dataclasses import dataclass

from .patterns import matches

YEAR = 31_536_000

# mimetypes reads the machine's /etc/mime.types, which differs between hosts;
# the site's own types are fixed here so a deploy stores the same headers anywhere.
CONTENT_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",
    ".atom": "application/atom+xml",
    ".rss": "application/rss+xml",
    ".opml": "text/x-opml",
    ".xsl": "application/xslt+xml",
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".srt": "application/x-subrip",
    ".vtt": "text/vtt",
    ".csv": "text/csv",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".pdf": "application/pdf",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".mp3": "audio/mpeg",
    ".wasm": "application/wasm",
}

# Text types get `charset=utf-8`: without it old Android WebViews and WeChat's
# in-app browser guess GBK for Chinese pages and show mojibake.
TEXT_TYPES = {
    "application/json", "application/manifest+json", "application/xml",
    "application/atom+xml", "application/rss+xml", "application/xslt+xml",
    "image/svg+xml", "application/x-subrip", "application/javascript",
}

# Worth gzipping: text, which shrinks 3-10x; images and fonts are already compressed.
COMPRESSIBLE = TEXT_TYPES | {"application/wasm", "font/ttf", "font/otf", "image/x-icon"}


@dataclass(frozen=True)
class CacheRule:
    """Objects whose key matches `pattern` are served with `cache_control`."""

    pattern: str
    cache_control: str


IMMUTABLE = f"public, max-age={YEAR}, immutable"
# HTML and feeds change when a page is signed off or withdrawn (a withdrawal must
# reach patients in one publish), so browsers keep them briefly and the CDN is purged.
SHORT = "public, max-age=300"

# First match wins; rules from kepu-deploy.toml are tried before these.
DEFAULT_CACHE_RULES = (
    CacheRule("{hash}.*", IMMUTABLE),          # media/<sha256-prefix>.<ext>
    CacheRule("*.{hash}.*", IMMUTABLE),        # theme/css/style.<hash>.css
    CacheRule("*.html", SHORT),
    CacheRule("*.{xml,json,atom,rss,opml,txt}", SHORT),
    CacheRule("feeds/**", SHORT),
    CacheRule("search/**", SHORT),
    CacheRule("s/**", SHORT),
    # Un-hashed assets (favicon, theme files without a hash): an hour bounds how
    # long a browser can pair a new page with an old stylesheet.
    CacheRule("**", "public, max-age=3600"),
)


def content_type(key: str, overrides: dict[str, str] | None = None) -> str:
    """The Content-Type header for `key`, with charset=utf-8 on text types."""
    dot = key.rfind(".")
    ext = key[dot:].lower() if dot > key.rfind("/") else ""
    base = (overrides or {}).get(ext) or CONTENT_TYPES.get(ext)
    if base is None:
        base = mimetypes.guess_type(key, strict=False)[0] or "application/octet-stream"
    if ";" in base:
        return base
    if is_text(base):
        return f"{base}; charset=utf-8"
    return base


def is_text(mime: str) -> bool:
    mime = mime.split(";")[0].strip()
    return mime.startswith("text/") or mime in TEXT_TYPES or mime.endswith(("+xml", "+json"))


def cache_control(key: str, rules) -> str | None:
    for rule in rules:
        if matches(rule.pattern, key):
            return rule.cache_control or None
    return None


def compressible(mime: str) -> bool:
    mime = mime.split(";")[0].strip()
    return is_text(mime) or mime in COMPRESSIBLE


def gzip_body(data: bytes) -> bytes:
    # mtime=0 makes the bytes, and so the MD5 the next deploy compares, depend
    # on the content only; otherwise every deploy would re-upload every file.
    return gzip.compress(data, compresslevel=9, mtime=0)
