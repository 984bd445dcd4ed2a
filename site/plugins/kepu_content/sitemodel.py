"""SiteModel: the published site as plain Python objects, built once per build.

kepu_content reads content/ with kepu.contentformat (which has already checked
every sign-off hash), applies withdrawals and the review-expiry policy, and
builds one SiteModel. Templates and every other plugin read the same object,
so "what is published" is decided in exactly one place.

For other plugins
-----------------
The model is stored in the Pelican context as ``context["kepu_site"]``.

* From your own generator (returned by ``signals.get_generators``), call
  ``kepu_content.site_model(self.context, self.settings)`` in
  ``generate_context`` or ``generate_output``: it returns the model, building
  it first if kepu_content's generator has not run yet, so generator order
  does not matter.
* From ``signals.all_generators_finalized`` (list of generators) or
  ``signals.finalized`` (the Pelican object), read
  ``generators[0].context["kepu_site"]`` / ``pelican`` → use
  ``site_model(generator.context, generator.settings)``.

Only what is in ``site.pages`` may be published anywhere (HTML, feeds,
search index, sitemap, short links, QR codes — DESIGN.md rule 1). Withdrawn
pages, and expired pages under KEPU_EXPIRY_POLICY = "withdraw", are *not* in
``site.pages``; they are in ``site.withdrawn`` as tombstones, so a feed or
search index built from ``site.pages`` drops them in the same publish.

    site = context["kepu_site"]
    for page in site.pages_for(lang="zh", type="explainer", disease="gao-xue-ya"):
        page.title, page.summary, page.url            # '/zh/gao-xue-ya/liang-xue-ya/'
        site.absolute_url(page.url)                  # SITEURL + url
        page.reviewed, page.next_review, page.expired  # datetime.date, date, bool
        page.expert["name"], page.hub.title, page.translations, page.shortcode
        page["topics"], page.get("sponsor")          # raw front matter

``PageView`` attributes: ``meta`` (front matter dict; also ``page[key]`` and
``page.get``), ``body`` (Markdown), ``path`` (content-relative file), ``type``
("disease" | "explainer" | "case_story"), ``lang``, ``disease``, ``slug``,
``title``, ``summary``, ``url`` (site-relative, ends with "/"), ``save_as``
(output path), ``html`` (rendered, nh3-sanitized body), ``translations``
(PageViews of the same translation_key in other languages), ``hub`` (the
disease hub PageView in this language; the hub itself for a hub), ``expert``
(the signing expert's registry dict), ``reviewer_name``, ``signoff`` (dict), ``reviewed``
(date signed), ``next_review`` (date), ``first_published`` (date or None),
``expired`` (next_review before the build date), ``under_review`` (expired
and still published with a notice), ``shortcode``, ``sponsor`` (registry
dict or None), ``topics``, ``specialty``, ``og_image`` (site-relative path of
a square PNG) and ``og_image_size`` (its side in px) — a plugin generating
richer cards may set both in ``generate_context``.

``SiteModel``: ``pages`` (published PageViews, sorted by URL), ``by_url``,
``hubs_by_lang`` ({lang: [hub PageViews sorted for A–Z]}), ``experts``,
``channels``, ``characters``, ``sponsors`` (registry dicts keyed by slug),
``withdrawn`` (Tombstones: ``url``, ``save_as``, ``lang``, ``title``),
``languages``, ``today``, ``siteurl``, ``newest_reviewed`` ({lang: latest
sign-off date or None}), ``pages_for(lang=, type=, disease=,
expert=)`` (uses indexes; never O(n²)), ``latest(lang, n)``,
``experts_for_specialty(specialty)``, ``expert_url(slug, lang)``,
``absolute_url(path)``, ``image_size(media_path)`` ((w, h) or None).
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .markup import render_markdown
from .media import MediaSizes

LANGUAGES = ("zh", "en")
DEFAULT_OG_IMAGE = "/theme/img/og-kepu.png"


def as_date(value) -> dt.date | None:
    """A date from YAML (date, datetime or ISO string); None when absent or unreadable."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def page_url(lang: str, disease: str, slug: str | None = None, is_hub: bool = False) -> str:
    if is_hub or not slug:
        return f"/{lang}/{disease}/"
    return f"/{lang}/{disease}/{slug}/"


def save_as(url: str) -> str:
    """Output file of a site-relative directory URL: /zh/x/ → zh/x/index.html."""
    return url.lstrip("/") + "index.html" if url.endswith("/") else url.lstrip("/")


class cached_property:  # noqa: N801 (a drop-in for functools.cached_property)
    """functools.cached_property without the lock it takes on every first access
    under Python 3.11: a build asks 10,000 views for several of these each time."""

    def __init__(self, func):
        self.func = func
        self.name = func.__name__

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


# What a view derives from its page file alone, by the page object: a build
# worker's content cache hands the same object back while the file is unchanged,
# so these are not parsed again for 10,000 views a build (issue 9).
_PAGE_LOCAL = ("signoff", "reviewed", "next_review", "first_published")
_page_local: dict[int, tuple[object, dict]] = {}


class PageView:
    """One published (or tombstoned) page as templates and plugins see it."""

    def __init__(self, page, site: SiteModel):
        self.meta: dict[str, Any] = page.meta
        self.body: str = page.body
        self.path: str = page.path
        self.site = site
        self.type: str = self.meta["type"]
        self.lang: str = self.meta["lang"]
        self.disease: str = self.meta["disease"]
        self.slug: str = self.meta["slug"]
        self.url = page_url(self.lang, self.disease, self.slug, self.type == "disease")
        self.save_as = save_as(self.url)
        self.og_image = DEFAULT_OG_IMAGE
        self.og_image_size = 600  # square side in px; set it with og_image

    def __getitem__(self, key):
        return self.meta[key]

    def get(self, key, default=None):
        return self.meta.get(key, default)

    def __repr__(self) -> str:
        return f"<PageView {self.url}>"

    # Views live for one build, so derived values are computed once (templates
    # ask for them many times per page, and listings repeat them per card).
    title = property(lambda self: self.meta["title"])
    summary = property(lambda self: self.meta.get("summary") or "")
    shortcode = property(lambda self: self.meta.get("shortcode"))
    topics = property(lambda self: list(self.meta.get("topics") or []))
    specialty = property(lambda self: self.meta.get("specialty"))
    signoff = cached_property(lambda self: self.meta.get("signoff") or {})
    reviewed = cached_property(lambda self: as_date(self.signoff.get("signed_at")))
    next_review = cached_property(lambda self: as_date(self.signoff.get("next_review")))
    first_published = cached_property(lambda self: as_date(self.meta.get("first_published")))

    @property
    def expired(self) -> bool:
        return bool(self.next_review and self.next_review < self.site.today)

    @property
    def under_review(self) -> bool:
        return self.expired and self.site.expiry_policy == "notice"

    @cached_property
    def html(self) -> str:
        return render_markdown(self.body)

    @cached_property
    def expert(self) -> dict:
        slug = self.signoff.get("expert")
        return self.site.experts.get(slug) or {"slug": slug, "name": self.signoff.get("expert_name", "")}

    @cached_property
    def reviewer_name(self) -> str:
        """The signer's name as signed; the registry's English name on English pages."""
        if self.lang == "en" and self.expert.get("name_en"):
            return self.expert["name_en"]
        return self.signoff.get("expert_name") or self.expert.get("name", "")

    @property
    def sponsor(self) -> dict | None:
        slug = self.meta.get("sponsor")
        return self.site.sponsors.get(slug) if slug else None

    @property
    def hub(self) -> PageView | None:
        return self.site._hubs.get((self.lang, self.disease))

    @property
    def translations(self) -> list[PageView]:
        key = self.meta.get("translation_key")
        return [p for p in self.site._by_translation.get(key, ()) if p is not self]


@dataclass
class Tombstone:
    """A withdrawn page's URL: it keeps answering, with a notice and no content."""

    url: str
    lang: str
    title: str = ""
    reason: str = ""
    withdrawn_at: Any = None
    # Short links and the JSON API are keyed by these, so an expired page
    # withdrawn by policy still answers its QR code with the notice.
    shortcode: str | None = None
    id: Any = None

    @property
    def save_as(self) -> str:
        return save_as(self.url)


def tombstone_from_entry(entry: dict) -> Tombstone | None:
    """Accepts {url}, {path: 'zh/d/slug.md'} or {lang, disease, slug, type} entries."""
    if not isinstance(entry, dict):
        return None
    url = entry.get("url")
    if not url and entry.get("path"):
        parts = str(entry["path"]).removesuffix(".md").strip("/").split("/")
        if len(parts) == 3:
            lang, disease, name = parts
            url = page_url(lang, disease, None if name == "index" else name)
    if not url and entry.get("lang") and entry.get("disease"):
        url = page_url(entry["lang"], entry["disease"], entry.get("slug"),
                       entry.get("type") == "disease")
    if not url:
        return None
    url = "/" + str(url).strip("/") + "/"
    lang = entry.get("lang") or url.strip("/").split("/")[0]
    return Tombstone(url=url, lang=lang if lang in LANGUAGES else "zh",
                     title=str(entry.get("title") or ""), reason=str(entry.get("reason") or ""),
                     withdrawn_at=entry.get("withdrawn_at"), shortcode=entry.get("shortcode"),
                     id=entry.get("id"))


@dataclass
class SiteModel:
    siteurl: str = ""
    today: dt.date = field(default_factory=dt.date.today)
    expiry_policy: str = "notice"
    pages: list[PageView] = field(default_factory=list)
    experts: dict[str, dict] = field(default_factory=dict)
    channels: dict[str, dict] = field(default_factory=dict)
    characters: dict[str, dict] = field(default_factory=dict)
    sponsors: dict[str, dict] = field(default_factory=dict)
    withdrawn: list[Tombstone] = field(default_factory=list)
    languages: tuple[str, ...] = LANGUAGES
    content_root: Path | None = None

    def __post_init__(self):
        self._index()
        self._image_sizes = MediaSizes(self.content_root)

    def image_size(self, rel: str) -> tuple[int, int] | None:
        """(width, height) of a content/ media file, for <img width height>."""
        return self._image_sizes(rel)

    @classmethod
    def from_tree(cls, tree, *, siteurl: str = "", today: dt.date | None = None,
                  expiry_policy: str = "notice") -> SiteModel:
        site = cls(siteurl=siteurl.rstrip("/"), today=today or dt.date.today(),
                   expiry_policy=expiry_policy, experts=dict(tree.experts),
                   channels=dict(tree.channels), characters=dict(tree.characters),
                   sponsors=dict(tree.sponsors), content_root=tree.root)
        tombstones = {t.url: t for t in map(tombstone_from_entry, tree.withdrawn) if t}
        local = {}
        for page in tree.pages:
            view = PageView(page, site)
            hit = _page_local.get(id(page))
            if hit is not None and hit[0] is page:
                view.__dict__.update(hit[1])
            else:
                hit = (page, {name: getattr(view, name) for name in _PAGE_LOCAL})
            local[id(page)] = hit
            if view.url in tombstones:
                tombstones[view.url].title = tombstones[view.url].title or view.title
                continue
            if expiry_policy == "withdraw" and view.expired:
                tombstones[view.url] = Tombstone(view.url, view.lang, view.title,
                                                 reason="review overdue",
                                                 shortcode=view.shortcode, id=view.get("id"))
                continue
            site.pages.append(view)
        _page_local.clear()
        _page_local.update(local)  # this tree's pages only: memory stays bounded
        site.pages.sort(key=lambda p: p.url)
        site.withdrawn = sorted(tombstones.values(), key=lambda t: t.url)
        site._index()
        return site

    def _index(self) -> None:
        """Lookup tables so listings stay linear at 10,000 pages."""
        self.by_url: dict[str, PageView] = {p.url: p for p in self.pages}
        self._hubs: dict[tuple[str, str], PageView] = {}
        self._by_lang_type: dict[tuple, list[PageView]] = defaultdict(list)
        self._by_disease: dict[tuple, list[PageView]] = defaultdict(list)
        self._by_expert: dict[str, list[PageView]] = defaultdict(list)
        self._by_translation: dict[Any, list[PageView]] = defaultdict(list)
        self.newest_reviewed: dict[str, dt.date | None] = dict.fromkeys(self.languages)
        newest = self.newest_reviewed
        for p in self.pages:
            reviewed = p.reviewed
            if reviewed and (newest.get(p.lang) is None or reviewed > newest[p.lang]):
                newest[p.lang] = reviewed
            if p.type == "disease":
                self._hubs[(p.lang, p.disease)] = p
            self._by_lang_type[(p.lang, p.type)].append(p)
            self._by_disease[(p.lang, p.disease)].append(p)
            self._by_expert[p.signoff.get("expert")].append(p)
            if p.meta.get("translation_key"):
                self._by_translation[p.meta["translation_key"]].append(p)
        self.hubs_by_lang: dict[str, list[PageView]] = {
            lang: sorted(self._by_lang_type.get((lang, "disease"), ()), key=az_key)
            for lang in self.languages
        }
        self._experts_by_specialty: dict[str, list[dict]] = defaultdict(list)
        for slug in sorted(self.experts):
            for spec in self.experts[slug].get("specialties") or ():
                self._experts_by_specialty[spec].append(self.experts[slug])

    def pages_for(self, lang: str | None = None, type: str | None = None,
                  disease: str | None = None, expert: str | None = None) -> list[PageView]:
        """Published pages matching every given criterion, sorted by URL."""
        if expert is not None:
            pool = self._by_expert.get(expert, [])
        elif lang is not None and disease is not None:
            pool = self._by_disease.get((lang, disease), [])
        elif lang is not None and type is not None:
            pool = self._by_lang_type.get((lang, type), [])
        else:
            pool = self.pages
        return [p for p in pool
                if (lang is None or p.lang == lang) and (type is None or p.type == type)
                and (disease is None or p.disease == disease)]

    def latest(self, lang: str, n: int = 6) -> list[PageView]:
        """Most recently reviewed explainers and stories in ``lang``."""
        pool = self._by_lang_type.get((lang, "explainer"), []) + \
            self._by_lang_type.get((lang, "case_story"), [])
        # nlargest: sorted(..., reverse=True)[:n] without sorting 5,000 pages a language.
        return heapq.nlargest(n, pool, key=lambda p: (p.reviewed or dt.date.min, p.url))

    def experts_for_specialty(self, specialty: str | None) -> list[dict]:
        return list(self._experts_by_specialty.get(specialty, ()))

    def expert_url(self, slug: str, lang: str) -> str:
        return f"/{lang}/experts/{slug}/"

    def absolute_url(self, path: str) -> str:
        return self.siteurl + "/" + path.lstrip("/")


def az_key(page: PageView) -> str:
    """A–Z order: Chinese hubs by their pinyin slug, English ones by title."""
    return (page.slug if page.lang == "zh" else page.title).casefold()


def az_letter(page: PageView) -> str:
    first = az_key(page)[:1].upper()
    return first if first.isascii() and first.isalpha() else "#"
