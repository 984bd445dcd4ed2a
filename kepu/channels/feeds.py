"""Atom 1.0, RSS 2.0 and JSON Feed 1.1 for every audience, and an OPML list of them.

Feeds live under /feeds/ (docs/channels.md):

    /feeds/<lang>/all.{atom.xml,rss.xml,json}            whole site, per language
    /feeds/<lang>/disease/<disease>.{…}                   one disease
    /feeds/<lang>/type/<explainer|case_story|disease>.{…} one content type
    /feeds/<lang>/expert/<expert>.{…}                     pages one expert signed
    /feeds/channel/<channel>.{…}                          a channel: its topics, region,
                                                          specialty and language, current
                                                          pages only, links utm-tagged
    /feeds/index.opml                                     every feed above

Atom and RSS are written as feedgenerator writes them (syndication.py); JSON
Feed is plain JSON with a ``_kepu`` extension per item (reviewer, lastReviewed,
nextReview, sponsor), so a partner app can show who vouched for a page and
until when.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape
from xml.sax.saxutils import quoteattr

from . import syndication
from .campaign import tag_url
from .channel_match import channel_entries, channel_topics
from .entries import CHINA, Entry

FORMATS = {"atom": ".atom.xml", "rss": ".rss.xml", "json": ".json"}
MIME = {"atom": "application/atom+xml", "rss": "application/rss+xml", "json": "application/feed+json"}
JSONFEED_VERSION = "https://jsonfeed.org/version/1.1"
# An empty feed still needs an <updated>; a fixed date keeps rebuilds byte-identical.
EPOCH = dt.datetime(2020, 1, 1, tzinfo=CHINA)
DEFAULT_MAX_ITEMS = 100

WORDS = {
    "zh": {"site": "科普", "all": "全部内容", "explainer": "图解科普", "case_story": "患者故事",
           "disease": "疾病专题", "expert": "{name} 审核的内容", "desc": "经临床专家审核的科普内容",
           "channel": "{name}（频道）"},
    "en": {"site": "Kepu", "all": "Everything", "explainer": "Illustrated explainers",
           "case_story": "Patient stories", "disease": "Conditions",
           "expert": "Reviewed by {name}", "desc": "Patient education reviewed by clinicians",
           "channel": "{name} (channel)"},
}


@dataclass
class FeedSpec:
    key: str                 # path under /feeds/ without extension, e.g. "zh/disease/gao-xue-ya"
    kind: str                # all | disease | type | expert | channel
    title: str
    lang: str
    home: str                # the HTML page the feed follows (site-relative)
    entries: list[Entry] = field(default_factory=list)
    channel: dict | None = None

    def path(self, fmt: str) -> str:
        """Output path (no leading slash) of this feed in ``fmt``."""
        return f"feeds/{self.key}{FORMATS[fmt]}"

    def link(self, entry: Entry, absolute: Callable[[str], str]) -> str:
        url = absolute(entry.url)
        return tag_url(url, self.channel) if self.channel else url


_sort_keys: dict[int, tuple[Entry, tuple]] = {}


def _newest_key(entry: Entry) -> tuple:
    # A build worker sorts the same (memoised) Entry objects every build:
    # datetime.timestamp() once per entry, not once per sort.
    hit = _sort_keys.get(id(entry))
    if hit is None or hit[0] is not entry:
        hit = _sort_keys[id(entry)] = (entry, (-(entry.reviewed_at or EPOCH).timestamp(), entry.url))
    return hit[1]


def newest_first(entries: Iterable[Entry]) -> list[Entry]:
    ordered = sorted(entries, key=_newest_key)
    if len(_sort_keys) > 4 * max(len(ordered), 5000):
        _sort_keys.clear()  # entries of old builds: keep memory bounded
    return ordered


def feed_specs(entries: list[Entry], *, on: dt.date, channels: dict[str, dict] | None = None,
               experts: dict[str, dict] | None = None, site_names: dict[str, str] | None = None,
               expert_url: Callable[[str, str], str] | None = None,
               channel_url: Callable[[dict], str] | None = None,
               max_items: int = DEFAULT_MAX_ITEMS,
               members: dict[str, list[Entry]] | None = None) -> list[FeedSpec]:
    """Every feed of the site, in a stable order. ``on`` is the build date: channel
    feeds drop pages past their next-review date. ``members`` ({channel slug: pages
    it may carry, whatever the date}, e.g. sitebridge.channel_members) saves testing
    every page against every channel again."""
    channels, experts = channels or {}, experts or {}
    expert_url = expert_url or (lambda slug, lang: f"/{lang}/experts/{slug}/")
    channel_url = channel_url or (lambda ch: f"/{ch.get('language') or 'zh'}/channels/{ch['slug']}/")
    specs: list[FeedSpec] = []

    def name(lang: str, title: str) -> str:
        return f"{(site_names or {}).get(lang) or WORDS[lang]['site']} · {title}"

    def add(key, kind, title, lang, home, newest, channel=None):
        specs.append(FeedSpec(key, kind, name(lang, title), lang, home, newest[:max_items], channel))

    # One sort, then every feed is a slice of it in the same order (a filtered
    # newest-first list is still newest first): one pass over the site, not one per feed.
    ordered = newest_first(entries)
    groups: dict[str, dict] = {}
    for entry in ordered:
        if entry.lang not in WORDS:
            continue
        group = groups.get(entry.lang)
        if group is None:
            group = groups[entry.lang] = {"all": [], "disease": {}, "type": {}, "expert": {}}
        group["all"].append(entry)
        group["disease"].setdefault(entry.disease, []).append(entry)
        group["type"].setdefault(entry.type, []).append(entry)
        if entry.reviewer_slug:
            group["expert"].setdefault(entry.reviewer_slug, []).append(entry)
    # The last hub in ``entries`` order wins (as before, should two claim one disease).
    hubs = {(e.lang, e.disease): e for e in entries if e.type == "disease"}
    for lang in sorted(groups):
        group, words = groups[lang], WORDS[lang]
        add(f"{lang}/all", "all", words["all"], lang, f"/{lang}/", group["all"])
        for disease in sorted(group["disease"]):
            hub = hubs.get((lang, disease))
            add(f"{lang}/disease/{disease}", "disease", hub.title if hub else disease, lang,
                hub.url if hub else f"/{lang}/", group["disease"][disease])
        for ptype in ("disease", "explainer", "case_story"):
            if group["type"].get(ptype):
                add(f"{lang}/type/{ptype}", "type", words[ptype], lang, f"/{lang}/", group["type"][ptype])
        for slug in sorted(group["expert"]):
            expert = experts.get(slug) or {}
            shown = (expert.get("name_en") if lang == "en" else None) or expert.get("name") or slug
            add(f"{lang}/expert/{slug}", "expert", words["expert"].format(name=shown), lang,
                expert_url(slug, lang), group["expert"][slug])
    for slug, channel in sorted(channels.items()):
        channel = {"slug": slug, **channel}
        lang = channel.get("language") if channel.get("language") in WORDS else "zh"
        if not channel_topics(channel):
            picked = []
        elif members is not None:
            picked = newest_first(e for e in members.get(slug, ()) if not e.expired(on))
        else:
            picked = newest_first(channel_entries(channel, entries, on))
        add(f"channel/{slug}", "channel",
            WORDS[lang]["channel"].format(name=channel.get("name") or slug), lang,
            channel_url(channel), picked, channel)
    return specs


def _syndication(spec: FeedSpec, absolute: Callable[[str], str], html_for, publisher: str,
                 fmt: str) -> syndication.Feed:
    """The fields feedgenerator's SyndicationFeed and add_item would keep for ``spec``."""
    items = []
    for entry in spec.entries:
        author = (entry.meta.get("author") or {}).get("name") or publisher
        items.append(syndication.Item(
            title=entry.title, link=syndication.iri_to_uri(spec.link(entry, absolute)),
            description=escape(entry.summary), unique_id=absolute(entry.url),
            published=entry.published or entry.reviewed_at or EPOCH,
            updated=entry.reviewed_at or entry.published or EPOCH, author_name=author,
            categories=sorted({entry.disease, entry.type, *entry.topics}),
            content=html_for(entry) if fmt == "atom" else None))
    feed_url = absolute("/" + spec.path(fmt))
    # An empty feed's date: feedgenerator would say now(); kepu output must be reproducible.
    return syndication.Feed(
        title=spec.title, link=syndication.iri_to_uri(absolute(spec.home)),
        description=WORDS[spec.lang]["desc"], language="zh-CN" if spec.lang == "zh" else "en",
        author_name=publisher, feed_url=syndication.iri_to_uri(feed_url), feed_id=feed_url,
        items=items, empty_date=EPOCH)


def summary_html(entry: Entry) -> str:
    return f"<p>{escape(entry.summary)}</p>"


def atom(spec: FeedSpec, absolute: Callable[[str], str], html_for=summary_html,
         publisher: str = "kepu") -> str:
    return syndication.atom(_syndication(spec, absolute, html_for, publisher, "atom"))


def rss(spec: FeedSpec, absolute: Callable[[str], str], html_for=summary_html,
        publisher: str = "kepu") -> str:
    # RSS 2.0 has no <content>: the summary is the <description>.
    return syndication.rss(_syndication(spec, absolute, html_for, publisher, "rss"))


def kepu_extension(entry: Entry) -> dict:
    return {"reviewer": {"name": entry.reviewer, "slug": entry.reviewer_slug,
                         "credentials": entry.reviewer_credentials} if entry.reviewer else None,
            "lastReviewed": entry.reviewed.isoformat() if entry.reviewed else None,
            "nextReview": entry.next_review.isoformat() if entry.next_review else None,
            "sponsor": entry.sponsor_name,
            "signoff": entry.signoff_id, "contentHash": entry.content_hash,
            "type": entry.type, "disease": entry.disease, "shortcode": entry.shortcode}


def json_feed(spec: FeedSpec, absolute: Callable[[str], str], html_for=summary_html,
              publisher: str = "kepu", image_for: Callable[[Entry], str | None] | None = None) -> str:
    items = []
    for entry in spec.entries:
        item = {"id": absolute(entry.url), "url": spec.link(entry, absolute), "title": entry.title,
                "summary": entry.summary, "content_html": html_for(entry),
                "date_published": (entry.published or entry.reviewed_at or EPOCH).isoformat(),
                "date_modified": (entry.reviewed_at or entry.published or EPOCH).isoformat(),
                "authors": [{"name": (entry.meta.get("author") or {}).get("name") or publisher}],
                "language": "zh-CN" if entry.lang == "zh" else entry.lang,
                "tags": sorted({entry.disease, entry.type, *entry.topics}),
                "_kepu": kepu_extension(entry)}
        image = image_for(entry) if image_for else None
        if image:
            item["image"] = image
        items.append(item)
    doc = {"version": JSONFEED_VERSION, "title": spec.title, "home_page_url": absolute(spec.home),
           "feed_url": absolute("/" + spec.path("json")), "description": WORDS[spec.lang]["desc"],
           "language": "zh-CN" if spec.lang == "zh" else spec.lang,
           "authors": [{"name": publisher}], "items": items}
    # Compact: json's C encoder (``indent`` would use the pure-Python one).
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


def opml(specs: list[FeedSpec], absolute: Callable[[str], str], title: str = "kepu feeds") -> str:
    """OPML 2.0: one outline per feed, with its Atom, RSS and JSON Feed URLs as children."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<opml version="2.0">',
             f"<head><title>{escape(title)}</title></head>", "<body>"]
    for kind in ("all", "disease", "type", "expert", "channel"):
        group = [s for s in specs if s.kind == kind]
        if not group:
            continue
        lines.append(f"<outline text={quoteattr(kind)}>")
        for spec in group:
            lines.append(f"<outline text={quoteattr(spec.title)} htmlUrl={quoteattr(absolute(spec.home))} "
                         f"language={quoteattr(spec.lang)}>")
            for fmt, version in (("atom", "ATOM"), ("rss", "RSS2"), ("json", "JSONFEED")):
                url = absolute("/" + spec.path(fmt))
                lines.append(f"<outline type=\"rss\" version=\"{version}\" text={quoteattr(spec.title)} "
                             f"title={quoteattr(spec.title)} xmlUrl={quoteattr(url)} "
                             f"htmlUrl={quoteattr(absolute(spec.home))}/>")
            lines.append("</outline>")
        lines.append("</outline>")
    lines += ["</body>", "</opml>"]
    return "\n".join(lines) + "\n"


def discovery_links(specs: list[FeedSpec], absolute: Callable[[str], str],
                    entries: Iterable[Entry] | None = None) -> dict[str, list[dict]]:
    """{absolute page URL: [{type, title, href}]} for <link rel="alternate"> in page heads.

    Keyed by the absolute URL because templates know every page's ``canonical``;
    (Pelican's Writer.write_file takes a ``url`` argument of its own, so a template
    variable called ``url`` never reaches the template.)

    A feed's home page links it; every other page links its language's site feed
    and its disease's feed — every page of ``entries`` (default: those the disease
    feeds list), not only the newest ones a feed holds, so a page's links depend
    on the page alone and never change because other pages were published. Pages
    of one disease share one list object (10,000 pages, ~40 lists)."""
    by_home: dict[str, list[dict]] = {}
    by_key = {s.key: s for s in specs}

    def links(spec: FeedSpec) -> list[dict]:
        return [{"type": MIME[fmt], "title": f"{spec.title} ({fmt.upper()})",
                 "href": absolute("/" + spec.path(fmt))} for fmt in ("atom", "rss", "json")]

    for spec in specs:
        if spec.kind in ("all", "expert", "channel", "disease"):
            by_home.setdefault(absolute(spec.home), []).extend(links(spec))
    if entries is None:
        entries = [e for spec in specs if spec.kind == "disease" for e in spec.entries]
    shared: dict[tuple[str, str], list[dict]] = {}
    for entry in entries:
        if entry.type == "disease":
            continue
        found = shared.get((entry.lang, entry.disease))
        if found is None:
            site, own = by_key.get(f"{entry.lang}/all"), by_key.get(f"{entry.lang}/disease/{entry.disease}")
            found = shared[(entry.lang, entry.disease)] = (links(site) if site else []) + (
                links(own) if own else [])
        url = absolute(entry.url)
        home = by_home.get(url)
        by_home[url] = found if home is None else home + found
    return by_home
