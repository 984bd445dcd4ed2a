"""Short links: ``/s/<code>/`` for every page, forever.

Codes come from the page's ``shortcode`` field, allocated once by the CMS and
never reused, so a title or slug change never changes a printed QR code.

URL convention (docs/channels.md):

- ``/s/<code>/``                  → the page, untagged
- ``/s/<code>/<channel-slug>/``   → the page with that channel's utm tags; a
  variant exists for every page the channel may carry (its topics, language,
  specialty and region) *whatever its review date*, so a link an operator
  posted keeps working after the page passes review. Variants for every page ×
  every channel would multiply the site's file count (a 3 ms unlink/write each
  on slow disks); for a link whose channel later drops the topic, the site's
  404 page sends /s/<code>/<anything>/ on to /s/<code>/ (docs/channels.md).

Each link is a static HTML page (meta refresh + canonical + a visible link,
noindex), so it works on any static host; ``s/_redirects.json`` maps the same
object keys to their targets so the deploy step can also set S3's
WebsiteRedirectLocation. A withdrawn page's code (from content/withdrawn.yaml)
serves the withdrawal notice instead, and is left out of the manifest.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from .campaign import tag_url
from .channel_match import matches
from .entries import Entry

MANIFEST = "s/_redirects.json"
_CODE = re.compile(r"[A-Za-z0-9_-]+")

NOTICE = {
    "zh": ("此页面已撤回审核", "此页面已撤回审核，暂不提供内容。", "返回首页"),
    "en": ("This page has been withdrawn for review",
           "This page has been withdrawn for review and is not available.", "Back to the home page"),
}


class ShortLinkConflict(ValueError):
    """Two things claim one code: codes are never reused, so this is a data error."""


def short_path(code: str, channel_slug: str | None = None) -> str:
    if not _CODE.fullmatch(code):
        raise ShortLinkConflict(f"short code {code!r} must be ASCII letters, digits, - or _")
    return f"/s/{code}/{channel_slug}/" if channel_slug else f"/s/{code}/"


def short_file(code: str, channel_slug: str | None = None) -> str:
    """The object key / output file of a short link."""
    return short_path(code, channel_slug).lstrip("/") + "index.html"


@dataclass(frozen=True)
class ShortLink:
    code: str
    path: str                  # /s/<code>/[<channel>/]
    target: str | None         # where it redirects; None: withdrawn, shows the notice
    canonical: str | None      # the untagged page URL (what search engines should index)
    lang: str
    channel: str | None = None
    label: str = ""            # visible link text (the page title)

    @property
    def file(self) -> str:
        return self.path.lstrip("/") + "index.html"

    @property
    def withdrawn(self) -> bool:
        return self.target is None


def _identity(path: str) -> str:
    return path


def short_links(entries: Iterable[Entry], channels: dict[str, dict], tombstones: Iterable[dict],
                absolute: Callable[[str], str] = _identity) -> list[ShortLink]:
    """All short links of a build, sorted by path. ``absolute`` turns a site path into
    the URL a redirect should point at (the SITEURL-prefixed one when known)."""
    links: dict[str, ShortLink] = {}
    withdrawn: dict[str, str] = {}
    for stone in tombstones or ():
        code = str(stone.get("shortcode") or "").strip()
        if code:
            withdrawn[code] = stone.get("lang") if stone.get("lang") in NOTICE else "zh"

    def add(link: ShortLink) -> None:
        if link.path in links:
            raise ShortLinkConflict(f"short link {link.path} is claimed twice "
                                    f"(code {link.code!r} must be unique and never reused)")
        links[link.path] = link

    for entry in entries:
        if entry.shortcode in withdrawn:
            continue  # the tombstone wins: a withdrawn page never gets a live link
        page_url = absolute(entry.url)
        add(ShortLink(entry.shortcode, short_path(entry.shortcode), page_url, page_url,
                      entry.lang, None, entry.title))
        for slug, channel in sorted(channels.items()):
            if not matches(channel, entry, dt.date.min):  # date.min: expiry never hides a link
                continue
            add(ShortLink(entry.shortcode, short_path(entry.shortcode, slug),
                          tag_url(page_url, channel), page_url, entry.lang, slug, entry.title))
    for code, lang in sorted(withdrawn.items()):
        add(ShortLink(code, short_path(code), None, None, lang))
        for slug, channel in sorted(channels.items()):
            if channel.get("language") in (None, "", lang):
                add(ShortLink(code, short_path(code, slug), None, None, lang, slug))
    return [links[p] for p in sorted(links)]


def render(link: ShortLink, home: str | None = None) -> str:
    """The HTML of one short link. Withdrawn: the notice and a way home, no content."""
    lang_attr = "zh-CN" if link.lang == "zh" else link.lang
    home = home or f"/{link.lang}/"
    if link.withdrawn:
        title, _, back = NOTICE.get(link.lang, NOTICE["zh"])
        # Both languages, like the site's own tombstone page: whoever scanned the code reads it.
        return (f'<!doctype html>\n<html lang="{lang_attr}">\n<head>\n<meta charset="utf-8">\n'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                f'<meta name="robots" content="noindex">\n<title>{escape(title)}</title>\n'
                f'</head>\n<body>\n<main class="withdrawn-notice">\n<h1>{escape(title)}</h1>\n'
                f'<p role="note">{escape(NOTICE["zh"][1])} / <span lang="en">'
                f'{escape(NOTICE["en"][1])}</span></p>\n'
                f'<p><a href="{escape(home)}">{escape(back)}</a></p>\n'
                f'</main>\n</body>\n</html>\n')
    target = escape(link.target or "")
    canonical = escape(link.canonical or link.target or "")
    label = escape(link.label or link.target or "")
    return (f'<!doctype html>\n<html lang="{lang_attr}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="robots" content="noindex">\n<title>{label}</title>\n'
            f'<link rel="canonical" href="{canonical}">\n'
            f'<meta http-equiv="refresh" content="0; url={target}">\n</head>\n<body>\n'
            f'<p><a href="{target}">{label}</a></p>\n</body>\n</html>\n')


def redirects_manifest(links: Iterable[ShortLink]) -> dict[str, str]:
    """{object key: target} for the deploy step's WebsiteRedirectLocation."""
    return {link.file: link.target for link in links if link.target}


def write_short_links(output_dir: Path, links: list[ShortLink], home: str | None = None,
                      keep=None) -> int:
    """Write every short-link page and the manifest; only rewrite changed files, so
    an unchanged rebuild leaves modification times alone (incremental deploys).
    ``keep(link)`` true: the page is already in place, unchanged (incremental builds)."""
    output_dir = Path(output_dir)
    for link in links:
        if keep is None or not keep(link):
            write_if_changed(output_dir / link.file, render(link, home))
    manifest = json.dumps(redirects_manifest(links), ensure_ascii=False, indent=1, sort_keys=True)
    write_if_changed(output_dir / MANIFEST, manifest + "\n")
    return len(links)


def write_if_changed(path: Path, data: str | bytes) -> bool:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_file() and path.stat().st_size == len(raw) and path.read_bytes() == raw:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return True
