"""Which pages a channel gets.

A channel (content/channels/<slug>.yaml) posts about its ``topics`` (disease
slugs or topic tags), in one ``language``, optionally for one ``specialty``
and one ``region``. A page matches when all of these agree and it is not past
its next-review date: the issue's promise to operators is that a channel feed
holds only approved, *current* content.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .entries import Entry

# Region words that mean "everywhere": a nationwide channel takes regional pages
# and a page without a region is for everyone.
NATIONWIDE = {"", "全国", "national", "nationwide", "all", "cn", "china", "中国"}


class ChannelProblem(ValueError):
    """A channel registry entry that cannot be used as asked (e.g. no topics)."""


def channel_topics(channel: dict) -> list[str]:
    topics = channel.get("topics") or []
    if isinstance(topics, str):
        topics = [topics]
    return [str(t) for t in topics if str(t).strip()]


def region_matches(channel: dict, entry: Entry) -> bool:
    region = str(channel.get("region") or "").strip().lower()
    pages = {r.strip().lower() for r in entry.regions}
    if region in NATIONWIDE or not pages or pages & NATIONWIDE:
        return True
    return region in pages


def matches(channel: dict, entry: Entry, on: dt.date) -> bool:
    """Does ``entry`` belong in ``channel``'s feed on date ``on``?"""
    if entry.expired(on):
        return False
    language = channel.get("language")
    if language and entry.lang != language:
        return False
    specialty = channel.get("specialty")
    if specialty and entry.specialty != specialty:
        return False
    if not entry.subjects() & set(channel_topics(channel)):
        return False
    return region_matches(channel, entry)


def channel_entries(channel: dict, entries: Iterable[Entry], on: dt.date,
                    types: tuple[str, ...] | None = None) -> list[Entry]:
    """The channel's pages on ``on``, newest sign-off first (then by URL, for stable output)."""
    picked = [e for e in entries if matches(channel, e, on) and (types is None or e.type in types)]
    return sorted(picked, key=lambda e: (-(e.reviewed_at.timestamp() if e.reviewed_at else 0), e.url))


def require_topics(channel: dict) -> list[str]:
    topics = channel_topics(channel)
    if not topics:
        raise ChannelProblem(f"channel {channel.get('slug')!r} has no topics: add `topics:` "
                             f"(disease slugs) to content/channels/{channel.get('slug')}.yaml")
    return topics
