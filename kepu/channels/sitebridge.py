"""The seam between kepu_content's SiteModel and the channel logic.

The kepu_* channel plugins all need the same Entries, tombstones and URL
helpers; building them once per build (cached on the SiteModel) keeps the
plugins thin and the work linear in the number of pages.
"""

from __future__ import annotations

import json
import logging
import weakref
from collections.abc import Callable
from pathlib import Path

import yaml

from .channel_match import carries
from .entries import Entry, entry_from_page
from .shortlinks import OutputFiles

log = logging.getLogger("kepu.channels")
FILES_KEY = "kepu_channel_files"


class Memo:
    """Values kept from one build to the next in a long-running process (a build
    worker, kepu/bench/worker.py), keyed by what they are made from.

    Each build keeps only what it used (the previous build's values are dropped
    at the start of the one after), so memory stays bounded by the site's size;
    a changed ``signature`` (registries, global key) drops everything at once.
    """

    def __init__(self):
        self.now: dict = {}
        self.before: dict = {}
        self.owner = None
        self.signature = None

    def begin(self, owner, signature) -> None:
        if self.owner is not None and self.owner() is owner:
            return
        try:
            self.owner = weakref.ref(owner)
        except TypeError:
            self.owner = lambda: owner
        self.before = self.now if signature == self.signature else {}
        self.now, self.signature = {}, signature

    def get(self, key):
        hit = self.now.get(key)
        if hit is None:
            hit = self.before.pop(key, None)
            if hit is not None:
                self.now[key] = hit
        return hit

    def put(self, key, value) -> None:
        self.now[key] = value


_entry_memo = Memo()
_match_memo = Memo()
_key_memo = Memo()


def entries(site) -> list[Entry]:
    """One Entry per published page (``site.pages``: withdrawals already applied).

    A build worker's content cache hands every build the same parsed page objects
    for unchanged files, so an Entry made from them last build is reused (checked
    by identity: a re-read page is a new object)."""
    cached = getattr(site, "_kepu_channel_entries", None)
    if cached is None:
        sponsors = site.sponsors
        _entry_memo.begin(site, repr(sorted(sponsors.items())))
        cached = []
        for p in site.pages:
            key = (id(p.meta), p.url)
            hit = _entry_memo.get(key)
            if hit is None or hit[0] is not p.meta or hit[1] is not p.body:
                hit = (p.meta, p.body, entry_from_page(p.meta, p.body, p.url, sponsors))
                _entry_memo.put(key, hit)
            cached.append(hit[2])
        site._kepu_channel_entries = cached
        site._kepu_views_by_url = {p.url: p for p in site.pages}
    return cached


def channels(site) -> dict[str, dict]:
    """The channel registry with each channel's slug filled in, by slug."""
    cached = getattr(site, "_kepu_channels", None)
    if cached is None:
        cached = {slug: {"slug": slug, **channel} for slug, channel in sorted(site.channels.items())}
        site._kepu_channels = cached
    return cached


def channel_slugs(site) -> dict[int, tuple[str, ...]]:
    """{id(entry): slugs of the channels that may ever carry it} (whatever the date).

    Every channel output asks this (feeds, short-link variants, channel pages,
    digests); testing each page against each channel once per build — or once
    per page in a build worker — replaces one test per output and page."""
    cached = getattr(site, "_kepu_channel_slugs", None)
    if cached is None:
        chans = channels(site)
        _match_memo.begin(site, json.dumps(chans, sort_keys=True, default=str, ensure_ascii=False))
        tests = [(slug, carries(channel)) for slug, channel in chans.items()]
        cached = {}
        for entry in entries(site):
            hit = _match_memo.get(id(entry))
            if hit is None or hit[0] is not entry:
                hit = (entry, tuple(slug for slug, test in tests if test(entry)))
                _match_memo.put(id(entry), hit)
            cached[id(entry)] = hit[1]
        site._kepu_channel_slugs = cached
    return cached


def channel_members(site) -> dict[str, list[Entry]]:
    """{channel slug: every page it may ever carry}, in site order (filter by date
    with ``entry.expired(on)``)."""
    cached = getattr(site, "_kepu_channel_members", None)
    if cached is None:
        slugs = channel_slugs(site)
        cached = {slug: [] for slug in channels(site)}
        for entry in entries(site):
            for slug in slugs[id(entry)]:
                cached[slug].append(entry)
        site._kepu_channel_members = cached
    return cached


def output_key(book, *parts: str) -> str:
    """``book.key(*parts)``, remembered across builds with the same global key
    (blake2b per file adds up at ~100,000 files)."""
    _key_memo.begin(book, book.global_key)
    hit = _key_memo.get(parts)
    if hit is None:
        hit = book.key(*parts)
        _key_memo.put(parts, hit)
    return hit


def output_files(context: dict, settings: dict) -> OutputFiles:
    """This build's writer for the channel plugins (shared, so each folder is made once).

    kepu build renders into a new, empty staging folder and names the live one in
    KEPU_PREVIOUS_OUTPUT: there nothing can be overwritten, so the fast path
    applies. Anything else (Pelican run by hand into a folder with a site in it)
    compares before writing."""
    found = context.get(FILES_KEY)
    if found is None:
        out, live = settings["OUTPUT_PATH"], settings.get("KEPU_PREVIOUS_OUTPUT")
        fresh = bool(live) and Path(live).resolve() != Path(out).resolve()
        found = context[FILES_KEY] = OutputFiles(out, fresh=fresh)
    return found


def view_for(site, entry: Entry):
    entries(site)
    return site._kepu_views_by_url.get(entry.url)


def tombstones(site) -> list[dict]:
    """Withdrawal records with their short codes, for short links and the API.

    content/withdrawn.yaml is read raw because its ``shortcode`` and ``id`` are
    what short links and API documents are keyed by; tombstones the SiteModel
    made itself (review overdue under KEPU_EXPIRY_POLICY="withdraw") are added
    when they carry a shortcode.
    """
    cached = getattr(site, "_kepu_channel_tombstones", None)
    if cached is not None:
        return cached
    out: list[dict] = []
    root = getattr(site, "content_root", None)
    path = Path(root) / "withdrawn.yaml" if root else None
    if path is not None and path.is_file():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        out = [dict(s) for s in data.get("pages") or [] if isinstance(s, dict)]
    known = {str(s.get("shortcode")) for s in out}
    for stone in getattr(site, "withdrawn", ()):
        code = getattr(stone, "shortcode", None)
        if code and str(code) not in known:
            out.append({"shortcode": code, "lang": stone.lang, "url": stone.url,
                        "id": getattr(stone, "id", None)})
    site._kepu_channel_tombstones = out
    return out


def absolute(site) -> Callable[[str], str]:
    return site.absolute_url


def settings_dict(settings: dict, name: str, defaults: dict, plugin: str) -> dict:
    """A plugin's one dict setting, merged over its defaults; unknown keys are logged."""
    given = settings.get(name) or {}
    if not isinstance(given, dict):
        log.warning("%s: %s must be a dict, ignoring %r", plugin, name, given)
        given = {}
    for key in sorted(set(given) - set(defaults)):
        log.warning("%s: unknown key %r in %s (known: %s)", plugin, key, name, ", ".join(sorted(defaults)))
    return {**defaults, **{k: v for k, v in given.items() if k in defaults}}


def site_names(settings: dict) -> dict[str, str]:
    return {"zh": settings.get("SITENAME") or "科普", "en": settings.get("SITENAME_EN") or "Kepu"}


def publisher(settings: dict, lang: str) -> str:
    names = settings.get("KEPU_PUBLISHER") or {}
    return (names.get(lang) if isinstance(names, dict) else str(names)) or site_names(settings)[lang]
