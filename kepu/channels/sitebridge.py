"""The seam between kepu_content's SiteModel and the channel logic.

The kepu_* channel plugins all need the same Entries, tombstones and URL
helpers; building them once per build (cached on the SiteModel) keeps the
plugins thin and the work linear in the number of pages.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import yaml

from .entries import Entry, entry_from_page

log = logging.getLogger("kepu.channels")


def entries(site) -> list[Entry]:
    """One Entry per published page (``site.pages``: withdrawals already applied)."""
    cached = getattr(site, "_kepu_channel_entries", None)
    if cached is None:
        cached = [entry_from_page(p.meta, p.body, p.url, site.sponsors) for p in site.pages]
        site._kepu_channel_entries = cached
        site._kepu_views_by_url = {p.url: p for p in site.pages}
    return cached


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
