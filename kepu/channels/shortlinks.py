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

import json
import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from .campaign import tag_url
from .channel_match import carries
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


def withdrawn_codes(tombstones: Iterable[dict]) -> dict[str, str]:
    """{short code: language of its notice} of every tombstone that names a code."""
    withdrawn: dict[str, str] = {}
    for stone in tombstones or ():
        code = str(stone.get("shortcode") or "").strip()
        if code:
            withdrawn[code] = stone.get("lang") if stone.get("lang") in NOTICE else "zh"
    return withdrawn


def entry_links(entry: Entry, channels: Iterable[tuple[str, dict]],
                absolute: Callable[[str], str] = _identity) -> list[ShortLink]:
    """A live page's links: the untagged one, then one per channel in ``channels``
    ((slug, channel) pairs of the channels that may carry it, whatever the date)."""
    page_url = absolute(entry.url)
    links = [ShortLink(entry.shortcode, short_path(entry.shortcode), page_url, page_url,
                       entry.lang, None, entry.title)]
    links += [ShortLink(entry.shortcode, short_path(entry.shortcode, slug), tag_url(page_url, channel),
                        page_url, entry.lang, slug, entry.title) for slug, channel in channels]
    return links


def notice_links(code: str, lang: str, channels: dict[str, dict]) -> list[ShortLink]:
    """A withdrawn code's links: the notice, untagged and per channel of its language."""
    links = [ShortLink(code, short_path(code), None, None, lang)]
    links += [ShortLink(code, short_path(code, slug), None, None, lang, slug)
              for slug, channel in sorted(channels.items())
              if channel.get("language") in (None, "", lang)]
    return links


def claimed_twice(code: str) -> ShortLinkConflict:
    return ShortLinkConflict(f"short link {short_path(code)} is claimed twice "
                             f"(code {code!r} must be unique and never reused)")


def short_links(entries: Iterable[Entry], channels: dict[str, dict], tombstones: Iterable[dict],
                absolute: Callable[[str], str] = _identity) -> list[ShortLink]:
    """All short links of a build, sorted by path. ``absolute`` turns a site path into
    the URL a redirect should point at (the SITEURL-prefixed one when known)."""
    withdrawn = withdrawn_codes(tombstones)
    ordered = sorted(channels.items())
    tests = [(slug, channel, carries(channel)) for slug, channel in ordered]
    links: list[ShortLink] = []
    seen: set[str] = set()
    for entry in entries:
        if entry.shortcode in withdrawn:
            continue  # the tombstone wins: a withdrawn page never gets a live link
        if entry.shortcode in seen:
            raise claimed_twice(entry.shortcode)
        seen.add(entry.shortcode)
        links += entry_links(entry, [(slug, ch) for slug, ch, test in tests if test(entry)], absolute)
    for code, lang in sorted(withdrawn.items()):
        links += notice_links(code, lang, channels)
    return sorted(links, key=lambda link: link.path)


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
                      keep=None, files: OutputFiles | None = None) -> int:
    """Write every short-link page and the manifest; only rewrite changed files, so
    an unchanged rebuild leaves modification times alone (incremental deploys).
    ``keep(link)`` true: the page is already in place, unchanged (incremental builds).
    ``files``: the writer to use (a fresh staging folder's skips the comparisons)."""
    files = files or OutputFiles(output_dir)
    for link in links:
        if keep is None or not keep(link):
            files.write(link.file, render(link, home))
    files.write(MANIFEST, redirects_json(links))
    return len(links)


def redirects_json(links: Iterable[ShortLink]) -> str:
    # Compact separators: the C encoder (indent=… falls back to pure Python), and at
    # 10,000 pages this file maps ~75,000 keys.
    return json.dumps(redirects_manifest(links), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")) + "\n"


def write_if_changed(path: Path, data: str | bytes) -> bool:
    """Write ``data`` unless the file already holds exactly it (its mtime then stays).

    One stat decides; a new file is created without looking for its folder first
    (the folder is made only when the create fails for want of it)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        st = None
    if st is not None and stat.S_ISREG(st.st_mode) and st.st_size == len(raw):
        with open(path, "rb") as fh:
            if fh.read() == raw:
                return False
    try:
        _create(str(path), raw)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        _create(str(path), raw)
    return True


def _create(target: str, raw: bytes) -> None:
    fd = os.open(target, _CREATE, 0o666)
    try:
        view = memoryview(raw)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)


class OutputFiles:
    """Writes a build's files by site-relative path.

    ``fresh=True`` is for a folder that started empty in this build (kepu build
    always renders into a new staging folder): no file there can hold old bytes,
    so nothing is stat'ed or read back, each folder is created once (the ones made
    are remembered), and a file costs one open, one write and one close. At
    10,000 pages the channel plugins write ~100,000 files, so the checks
    write_if_changed makes cost more than the writing. ``fresh=False`` (a folder
    with a previous site in it) keeps write_if_changed's compare-first behaviour.
    """

    def __init__(self, root: Path | str, fresh: bool = False):
        self.root = str(root)
        self.fresh = fresh
        self._made: set[str] = {self.root}

    def path(self, rel: str) -> str:
        return os.path.join(self.root, rel)

    def write(self, rel: str, data: str | bytes) -> bool:
        if not self.fresh:
            return write_if_changed(Path(self.path(rel)), data)
        raw = data.encode("utf-8") if isinstance(data, str) else data
        target = os.path.join(self.root, rel)
        folder = os.path.dirname(target)
        if folder not in self._made:
            self._make_dir(folder)
        _create(target, raw)
        return True

    def _make_dir(self, folder: str) -> None:
        try:
            os.mkdir(folder)
        except FileExistsError:
            pass
        except FileNotFoundError:
            self._make_dir(os.path.dirname(folder))
            try:
                os.mkdir(folder)
            except FileExistsError:
                pass
        self._made.add(folder)
