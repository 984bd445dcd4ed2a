"""The community assistant's reading list: a few pages a day for one channel.

Deterministic and stateless, so the CLI, the channel page and a re-run all
agree on what day D's list is, without a database of what was posted:

1. The channel's *rotation* is a fixed ordering of every page it may ever post
   (its language, specialty, region and topics; explainers and case stories):
   the pages of each topic oldest-first, spread evenly and interleaved topic by
   topic, so consecutive items rotate through the channel's topics; then rotated by an
   offset taken from the channel's slug, so two channels with the same topics
   do not post the same list on the same day.
2. Day D takes the next slice of that cycle: with L pages, a pace of
   r = min(count, L / N) items a day (N = the no-repeat window) and day
   number d = D.toordinal(), day D posts positions floor(d·r) … floor((d+1)·r) − 1
   (mod L). A page at position a comes back at a + L, which is at least L / r ≥ N
   days later — so no page repeats to a channel within N days. (Proof in
   docs/channels.md; tests/channels/test_digest_rotation.py checks it with hypothesis.)
3. Pages past their next-review date on D are skipped (left out, not replaced,
   so skipping never shifts the schedule and cannot cause a repeat).

The guarantee is for a fixed set of pages: publishing or withdrawing a page
changes L and re-deals the cycle from that day on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from html import escape

from .channel_match import carries, require_topics
from .entries import Entry
from .shortlinks import short_path

DIGEST_TYPES = ("explainer", "case_story")
DEFAULT_NO_REPEAT_DAYS = 14
DEFAULT_COUNT = 3

WORDS = {
    "zh": {"heading": "【{name}】今日科普 · {date}", "empty": "今天没有新的内容，明天见。",
           "footer": "以上内容均经临床专家审核，不能替代医生的诊疗建议。"},
    "en": {"heading": "[{name}] Today's reading · {date}", "empty": "Nothing new today — see you tomorrow.",
           "footer": "Every page is reviewed by a clinician and does not replace advice from your doctor."},
}


def no_repeat_days_setting() -> int:
    """KEPU_DIGEST_NO_REPEAT_DAYS (default 14)."""
    raw = os.environ.get("KEPU_DIGEST_NO_REPEAT_DAYS", "")
    try:
        return max(0, int(raw)) if raw.strip() else DEFAULT_NO_REPEAT_DAYS
    except ValueError:
        return DEFAULT_NO_REPEAT_DAYS


def rotation(channel: dict, entries: Iterable[Entry]) -> list[Entry]:
    """The channel's fixed cycle of pages (see module docstring, step 1)."""
    topics = require_topics(channel)
    # Expiry is applied per day later, so the cycle itself must not depend on the date.
    test = carries(channel)
    candidates = [e for e in entries if e.type in DIGEST_TYPES and test(e)]
    # The cycle depends only on the channel and these pages: a build worker asks for
    # it on every build, and the exact (Fraction) ordering is the costly part.
    memo_key = json.dumps(channel, sort_keys=True, default=str)
    ids = tuple(map(id, candidates))
    hit = _rotations.get(memo_key)
    if hit is not None and hit[0] == ids:
        return list(hit[2])
    cycle = _cycle(channel, topics, candidates)
    if len(_rotations) >= 256:  # a site has a few dozen channels; tests make thousands
        _rotations.clear()
    _rotations[memo_key] = (ids, candidates, cycle)  # holds the pages: their ids stay theirs
    return list(cycle)


_rotations: dict[str, tuple] = {}


def _cycle(channel: dict, topics: list[str], candidates: list[Entry]) -> list[Entry]:
    by_topic: dict[str, list[Entry]] = {t: [] for t in topics}
    for entry in sorted(candidates, key=lambda e: (e.published or dt.datetime.min.replace(tzinfo=dt.UTC),
                                                   str(e.id), e.url)):
        first = next(t for t in topics if t in entry.subjects())
        by_topic[first].append(entry)
    # Spread each topic evenly over the cycle (item i of n sits at (i + ½) / n), so
    # topics alternate all the way round, not only until the smallest runs out.
    slots = [((i + Fraction(1, 2)) / len(items), rank, i, topic)
             for rank, (topic, items) in enumerate(by_topic.items()) for i in range(len(items))]
    cycle = [by_topic[topic][i] for _, _, i, topic in sorted(slots)]
    if not cycle:
        return cycle
    offset = int(hashlib.sha256(str(channel.get("slug", "")).encode()).hexdigest()[:8], 16) % len(cycle)
    return cycle[offset:] + cycle[:offset]


def pace(pool: int, count: int, no_repeat_days: int) -> Fraction:
    """Items per day: as many as asked, but never so many that the cycle comes round
    within the no-repeat window."""
    if pool <= 0 or count <= 0:
        return Fraction(0)
    rate = Fraction(min(count, pool))
    if no_repeat_days > 0:
        rate = min(rate, Fraction(pool, no_repeat_days))
    return rate


def positions(day: dt.date, pool: int, count: int, no_repeat_days: int) -> list[int]:
    """Indices into the rotation posted on ``day`` (module docstring, step 2)."""
    rate = pace(pool, count, no_repeat_days)
    d = day.toordinal()
    start, stop = math.floor(d * rate), math.floor((d + 1) * rate)
    return [a % pool for a in range(start, stop)]


@dataclass
class DigestItem:
    entry: Entry
    link: str


@dataclass
class Digest:
    channel: dict
    date: dt.date
    items: list[DigestItem] = field(default_factory=list)
    pool: int = 0
    no_repeat_days: int = DEFAULT_NO_REPEAT_DAYS
    skipped_expired: int = 0

    @property
    def words(self) -> dict[str, str]:
        return WORDS.get(self.channel.get("language") or "zh", WORDS["zh"])

    def heading(self) -> str:
        return self.words["heading"].format(name=self.channel.get("name", self.channel.get("slug")),
                                            date=self.date.isoformat())

    def text(self) -> str:
        """Plain text to paste into a WeChat group: numbered title, summary, short link."""
        lines = [self.heading()]
        if not self.items:
            lines.append(self.words["empty"])
        for n, item in enumerate(self.items, 1):
            lines += [f"{n}. {item.entry.title}", f"   {one_line(item.entry.summary)}", f"   {item.link}"]
        lines.append(self.words["footer"])
        return "\n".join(lines) + "\n"

    def html(self) -> str:
        """The same list as an HTML fragment for the channel's page."""
        parts = [f'<section class="digest" data-date="{self.date.isoformat()}">',
                 f"<h2>{escape(self.heading())}</h2>"]
        if not self.items:
            parts.append(f"<p>{escape(self.words['empty'])}</p>")
        else:
            parts.append("<ol>")
            for item in self.items:
                parts.append(f'<li><a href="{escape(item.link)}">{escape(item.entry.title)}</a>'
                             f"<p>{escape(one_line(item.entry.summary))}</p></li>")
            parts.append("</ol>")
        parts.append(f'<p class="digest-footer">{escape(self.words["footer"])}</p></section>')
        return "\n".join(parts) + "\n"


def one_line(text: str, limit: int = 60) -> str:
    flat = " ".join(str(text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def digest(channel: dict, date: dt.date, count: int, entries: Iterable[Entry], *,
           no_repeat_days: int | None = None,
           link_for: Callable[[Entry, dict], str] | None = None) -> Digest:
    """Day ``date``'s reading list for ``channel``. ``link_for(entry, channel)`` gives
    each item's link; by default the channel's short-link variant (site-relative)."""
    window = no_repeat_days_setting() if no_repeat_days is None else no_repeat_days
    cycle = rotation(channel, entries)
    link_for = link_for or (lambda e, ch: short_path(e.shortcode, ch.get("slug")))
    result = Digest(channel, date, pool=len(cycle), no_repeat_days=window)
    for index in positions(date, len(cycle), count, window):
        entry = cycle[index]
        if entry.expired(date):
            result.skipped_expired += 1
            continue
        result.items.append(DigestItem(entry, link_for(entry, channel)))
    return result
