"""Atom 1.0 and RSS 2.0 documents, byte for byte as feedgenerator writes them.

feedgenerator writes through xml.sax's XMLGenerator: every element is a chain
of Python calls (start tag, attribute sorting and quoting, a control-character
check, escaping, end tag). A full build's feeds hold ~250,000 elements at
10,000 pages, and that chain was most of their CPU (issue 9). These functions
write the same text with one f-string per element, for exactly the fields
kepu's feeds set (kepu/channels/feeds.py); tests/channels/
test_feed_xml_matches_feedgenerator.py compares both writers on generated feeds.

Element text is checked for the control characters XML 1.0 cannot hold and
refused with feedgenerator's own UnserializableContentError, as before.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from feedgenerator.django.utils.encoding import iri_to_uri
from feedgenerator.django.utils.feedgenerator import rfc2822_date, rfc3339_date
from feedgenerator.django.utils.xmlutils import UnserializableContentError

__all__ = ["Feed", "Item", "atom", "rss", "iri_to_uri", "UnserializableContentError"]

_CONTROL = re.compile(r"[\x00-\x08\x0B-\x0C\x0E-\x1F]")  # SimplerXMLGenerator.characters
_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
_ATOM_NS = "http://www.w3.org/2005/Atom"
_DC_NS = "http://purl.org/dc/elements/1.1/"


@dataclass
class Item:
    """One entry, as SyndicationFeed.add_item keeps it (``link`` already through iri_to_uri)."""

    title: str
    link: str
    description: str | None
    unique_id: str
    published: dt.datetime
    updated: dt.datetime
    author_name: str | None
    categories: list[str]
    content: str | None = None  # Atom only: RSS 2.0 has no content element


@dataclass
class Feed:
    """The feed's own fields (``link`` and ``feed_url`` already through iri_to_uri)."""

    title: str
    link: str
    description: str
    language: str | None
    author_name: str | None
    feed_url: str
    feed_id: str
    items: list[Item]
    empty_date: dt.datetime  # <updated>/<lastBuildDate> of a feed without dated items

    def latest_post_date(self) -> dt.datetime:
        """SyndicationFeed.latest_post_date: the newest updated or published date."""
        latest = None
        for item in self.items:
            for date in (item.updated, item.published):
                if date and (latest is None or date > latest):
                    latest = date
        return latest or self.empty_date


def _text(value: str) -> str:
    """Element content as XMLGenerator.characters writes it (saxutils.escape)."""
    if _CONTROL.search(value):
        raise UnserializableContentError("Control characters are not supported in XML 1.0")
    return value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def _element(name: str, value: str | None, attrs: str = "") -> str:
    """addQuickElement(name, value): an empty or missing value closes the start tag
    (short_empty_elements). ``attrs``: written already, in sorted order."""
    if not value:
        return f"<{name}{attrs}/>"
    return f"<{name}{attrs}>{_text(value)}</{name}>"


def atom(feed: Feed) -> str:
    """What feedgenerator.Atom1Feed.write puts out for ``feed``."""
    lang = f" xml:lang={quoteattr(feed.language)}" if feed.language is not None else ""
    out = [_DECLARATION, f'<feed{lang} xmlns="{_ATOM_NS}">',
           _element("title", feed.title),
           f'<link href={quoteattr(feed.link)} rel="alternate"/>',
           f'<link href={quoteattr(feed.feed_url)} rel="self"/>',
           _element("id", feed.feed_id),
           _element("updated", rfc3339_date(feed.latest_post_date()))]
    if feed.author_name is not None:
        out.append(f"<author>{_element('name', feed.author_name)}</author>")
    if feed.description:
        out.append(_element("subtitle", feed.description))
    for item in feed.items:
        out += ["<entry>", _element("title", item.title),
                f'<link href={quoteattr(item.link)} rel="alternate"/>']
        updated = item.updated or item.published
        if item.published is not None:
            out.append(_element("published", rfc3339_date(item.published)))
        out.append(_element("updated", rfc3339_date(updated)))
        if item.author_name is not None:
            out.append(f"<author>{_element('name', item.author_name)}</author>")
        out.append(_element("id", item.unique_id))
        if item.description is not None:
            out.append(_element("summary", item.description, ' type="html"'))
        if item.content is not None:
            out.append(_element("content", item.content, ' type="html"'))
        out += [f"<category term={quoteattr(c)}/>" for c in item.categories]
        out.append("</entry>")
    out.append("</feed>")
    return "".join(out)


def rss(feed: Feed) -> str:
    """What feedgenerator.Rss201rev2Feed.write puts out for ``feed``."""
    out = [_DECLARATION, f'<rss version="2.0" xmlns:atom="{_ATOM_NS}"><channel>',
           _element("title", feed.title), _element("link", feed.link),
           _element("description", feed.description),
           f'<atom:link href={quoteattr(feed.feed_url)} rel="self"/>']
    if feed.language is not None:
        out.append(_element("language", feed.language))
    out.append(_element("lastBuildDate", rfc2822_date(feed.latest_post_date())))
    for item in feed.items:
        out += ["<item>", _element("title", item.title), _element("link", item.link)]
        if item.description is not None:
            out.append(_element("description", item.description))
        if item.author_name:
            out.append(_element("dc:creator", item.author_name, f' xmlns:dc="{_DC_NS}"'))
        if item.published is not None:
            out.append(_element("pubDate", rfc2822_date(item.published)))
        out.append(_element("guid", item.unique_id, ' isPermaLink="true"'))
        out += [_element("category", c) for c in item.categories]
        out.append("</item>")
    out.append("</channel></rss>")
    return "".join(out)
