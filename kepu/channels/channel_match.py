"""Which pages a channel gets.

A channel (content/channels/<slug>.yaml) posts about its ``topics`` (disease
slugs or topic tags), in one ``language``, optionally for one ``specialty``
and one ``region``. A page matches when all of these agree and it is not past
its next-review date: the issue's promise to operators is that a channel feed
holds only approved, *current* content.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

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
    return _region_ok(_channel_region(channel), entry)


def _channel_region(channel: dict) -> str:
    return str(channel.get("region") or "").strip().lower()


def _region_ok(region: str, entry: Entry) -> bool:
    if region in NATIONWIDE or not entry.regions:
        return True
    pages = {r.strip().lower() for r in entry.regions}
    return not pages.isdisjoint(NATIONWIDE) or region in pages


def carries(channel: dict) -> Callable[[Entry], bool]:
    """The channel's rule, whatever the date: may ``entry`` ever appear in it?

    Built once per channel (topics as a set, region normalised), so testing
    every page of a large site against every channel stays cheap; ``matches``
    adds the review date on top.
    """
    language = channel.get("language")
    specialty = channel.get("specialty")
    topics = frozenset(channel_topics(channel))
    region = _channel_region(channel)

    def test(entry: Entry) -> bool:
        if language and entry.lang != language:
            return False
        if specialty and entry.specialty != specialty:
            return False
        if entry.disease not in topics and topics.isdisjoint(entry.topics):
            return False
        return _region_ok(region, entry)

    return test


def matches(channel: dict, entry: Entry, on: dt.date) -> bool:
    """Does ``entry`` belong in ``channel``'s feed on date ``on``?"""
    return not entry.expired(on) and carries(channel)(entry)


def channel_entries(channel: dict, entries: Iterable[Entry], on: dt.date,
                    types: tuple[str, ...] | None = None) -> list[Entry]:
    """The channel's pages on ``on``, newest sign-off first (then by URL, for stable output)."""
    test = carries(channel)
    picked = [e for e in entries
              if not e.expired(on) and (types is None or e.type in types) and test(e)]
    return sorted(picked, key=lambda e: (-(e.reviewed_at.timestamp() if e.reviewed_at else 0), e.url))


def require_topics(channel: dict) -> list[str]:
    topics = channel_topics(channel)
    if not topics:
        raise ChannelProblem(f"channel {channel.get('slug')!r} has no topics: add `topics:` "
                             f"(disease slugs) to content/channels/{channel.get('slug')}.yaml")
    return topics
