"""One flat record per published page: what every channel output needs to know.

Feeds, digests, short links, posters and the JSON API all need the same few
facts (where the page lives, who reviewed it, until when). Reading them from
the page file in one place keeps "reviewed" and "next review" meaning the same
thing in every output.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


def as_date(value: Any) -> dt.date | None:
    """A YAML date, a datetime or an ISO string (``2026-01-15T10:00:00+08:00``) → date."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def as_datetime(value: Any) -> dt.datetime | None:
    """An aware datetime (UTC+8 assumed for bare dates: the CMS runs on Beijing time)."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=CHINA)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=CHINA)
    text = str(value)
    if len(text) <= 10:
        return as_datetime(dt.date.fromisoformat(text))
    return as_datetime(dt.datetime.fromisoformat(text))


CHINA = dt.timezone(dt.timedelta(hours=8))


def default_url(meta: dict) -> str:
    """The site's URL scheme (DESIGN.md output map): hubs at /<lang>/<disease>/,
    explainers and stories under their disease. The Pelican plugins prefer the
    URL the site model computed; this is the same rule for code without Pelican."""
    if meta["type"] == "disease":
        return f"/{meta['lang']}/{meta['disease']}/"
    return f"/{meta['lang']}/{meta['disease']}/{meta['slug']}/"


@dataclass(frozen=True)
class Entry:
    """A published page as channels see it. ``url`` is site-relative (``/zh/…/``)."""

    id: int
    type: str
    lang: str
    disease: str
    slug: str
    title: str
    summary: str
    specialty: str
    topics: tuple[str, ...]
    shortcode: str
    url: str
    translation_key: str = ""
    reviewer: str = ""
    reviewer_slug: str = ""
    reviewer_credentials: str = ""
    reviewed: dt.date | None = None
    reviewed_at: dt.datetime | None = None
    next_review: dt.date | None = None
    published: dt.datetime | None = None
    sponsor: str | None = None
    sponsor_name: str | None = None
    signoff_id: Any = None
    content_hash: str = ""
    regions: tuple[str, ...] = ()
    meta: dict = field(default_factory=dict, repr=False, compare=False, hash=False)
    body: str = field(default="", repr=False, compare=False, hash=False)

    def expired(self, on: dt.date) -> bool:
        """Past its next-review date on ``on``: no longer vouched for by its reviewer."""
        return self.next_review is not None and self.next_review < on

    def subjects(self) -> set[str]:
        """What the page is about, in the vocabulary of channel topics."""
        return {self.disease, *self.topics}


def entry_from_page(meta: dict, body: str = "", url: str | None = None,
                    sponsors: dict | None = None) -> Entry:
    signoff = meta.get("signoff") or {}
    sponsor = meta.get("sponsor") or None
    sponsor_name = ((sponsors or {}).get(sponsor) or {}).get("name") if sponsor else None
    regions = meta.get("regions") or meta.get("region") or ()
    if isinstance(regions, str):
        regions = (regions,)
    return Entry(
        id=meta["id"], type=meta["type"], lang=meta["lang"], disease=meta["disease"],
        slug=meta["slug"], title=str(meta["title"]), summary=str(meta.get("summary") or ""),
        specialty=str(meta.get("specialty") or ""), topics=tuple(meta.get("topics") or ()),
        shortcode=str(meta["shortcode"]), url=url or default_url(meta),
        translation_key=str(meta.get("translation_key") or ""),
        reviewer=str(signoff.get("expert_name") or ""),
        reviewer_slug=str(signoff.get("expert") or ""),
        reviewer_credentials=str(signoff.get("credentials") or ""),
        reviewed=as_date(signoff.get("signed_at")),
        reviewed_at=as_datetime(signoff.get("signed_at")),
        next_review=as_date(signoff.get("next_review")),
        published=as_datetime(meta.get("first_published") or signoff.get("signed_at")),
        sponsor=sponsor, sponsor_name=sponsor_name or sponsor,
        signoff_id=signoff.get("id"), content_hash=str(signoff.get("content_hash") or ""),
        regions=tuple(str(r) for r in regions), meta=meta, body=body,
    )


def entries_from_tree(tree, url_for: Callable[[dict], str | None] | None = None) -> list[Entry]:
    """Every page of a ContentTree as an Entry, minus anything a tombstone names.

    Withdrawn pages are normally absent from the tree already; filtering again
    means a stale page file left beside a tombstone still never leaks.
    """
    gone = withdrawn_keys(tree.withdrawn)
    out = []
    for page in tree.pages:
        if (page["id"] in gone["ids"] or str(page["shortcode"]) in gone["codes"]
                or default_url(page.meta) in gone["urls"]):
            continue
        url = url_for(page.meta) if url_for else None
        out.append(entry_from_page(page.meta, page.body, url, tree.sponsors))
    return sorted(out, key=lambda e: (e.lang, e.url))


def tombstone_url(stone: dict) -> str | None:
    """The URL a tombstone names: {url}, {path: 'zh/d/slug.md'} or {lang, disease, slug, type}
    (the forms kepu_content's SiteModel accepts too)."""
    if stone.get("url"):
        return "/" + str(stone["url"]).strip("/") + "/"
    if stone.get("path"):
        parts = str(stone["path"]).removesuffix(".md").strip("/").split("/")
        if len(parts) == 3:
            lang, disease, name = parts
            return f"/{lang}/{disease}/" if name == "index" else f"/{lang}/{disease}/{name}/"
    if stone.get("lang") and stone.get("disease"):
        if stone.get("type") == "disease" or not stone.get("slug"):
            return f"/{stone['lang']}/{stone['disease']}/"
        return f"/{stone['lang']}/{stone['disease']}/{stone['slug']}/"
    return None


def withdrawn_keys(tombstones: Iterable[dict]) -> dict[str, set]:
    """Ids, short codes and URLs named by content/withdrawn.yaml tombstones."""
    ids, codes, urls = set(), set(), set()
    for stone in tombstones or ():
        if not isinstance(stone, dict):
            continue
        if stone.get("id") is not None:
            ids.add(stone["id"])
        if stone.get("shortcode"):
            codes.add(str(stone["shortcode"]))
        url = tombstone_url(stone)
        if url:
            urls.add(url)
    return {"ids": ids, "codes": codes, "urls": urls}
