"""Short links as object redirects: s/<code>/index.html → WebsiteRedirectLocation.

The build writes every short link as a static page with
`<meta http-equiv="refresh" content="0; url=…">` so it works on any static
host. The deploy reads that same tag and also stores the target as the
object's WebsiteRedirectLocation, so an S3/OSS/COS website endpoint answers
with a real 301 (crawlers, link previews in WeChat and curl follow it; a meta
refresh they may not). Reading the page, rather than a sidecar manifest, keeps
one source of truth: the redirect can never disagree with the page, and a
withdrawn page's short link (a notice page, no refresh tag) stops redirecting
in the same deploy.
"""

from __future__ import annotations

import posixpath
import re
from html import unescape
from urllib.parse import quote, urljoin, urlsplit

SHORT_LINK_PATTERN = "s/**"

_META = re.compile(rb"<meta\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(rb"""([a-zA-Z-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_URL = re.compile(r"^\s*\d+(?:\.\d+)?\s*[;,]?\s*(?:url\s*=\s*)?(.*)$", re.IGNORECASE | re.DOTALL)


def refresh_target(html: bytes) -> str | None:
    """The URL of the page's `<meta http-equiv="refresh">`, or None."""
    head = html[:16384]  # the tag is in <head>; long pages need not be scanned
    for tag in _META.findall(head):
        attrs = {name.lower(): value.strip(b"\"'") for name, value in _ATTR.findall(tag)}
        if attrs.get(b"http-equiv", b"").lower() != b"refresh":
            continue
        content = unescape(attrs.get(b"content", b"").decode("utf-8", "replace"))
        match = _URL.match(content)
        url = match.group(1).strip().strip("\"'") if match else ""
        return url or None
    return None


def redirect_location(key: str, html: bytes) -> str | None:
    """WebsiteRedirectLocation for the object `key`, or None if it is not a redirect.

    S3 accepts only an absolute URL or a path starting with "/", so a relative
    refresh URL is resolved against the page's own path, the way a browser would.
    """
    url = refresh_target(html)
    if not url:
        return None
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("http", "https"):
        return _ascii(url)
    if scheme or url.startswith("//"):
        return None  # javascript:, data:, protocol-relative: not a redirect S3 can store
    page_path = "/" + key
    if page_path.endswith("/index.html"):
        page_path = page_path[: -len("index.html")]
    resolved = urljoin(page_path, url)
    path, _, rest = resolved.partition("?")
    path = posixpath.normpath(path) + ("/" if path.endswith("/") and path != "/" else "")
    return _ascii(path + (("?" + rest) if rest else ""))


def _ascii(url: str) -> str:
    # The header is sent as ASCII: percent-encode a non-ASCII path or campaign
    # tag (utm_campaign=春节), leaving existing escapes and URL syntax alone.
    return quote(url, safe=":/?#[]@!$&'()*+,;=%-._~")
