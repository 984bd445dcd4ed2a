"""The community digest: deterministic per date, rotates topics, never repeats within N days."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kepu.channels.channel_match import ChannelProblem
from kepu.channels.digest import digest, pace, positions, rotation
from kepu.channels.entries import entry_from_page
from tests.contentfactory import page

CHANNEL = {"slug": "wechat-mix", "name": "混合群", "kind": "wechat_group", "language": "zh",
           "topics": ["gao-xue-ya", "tang-niao-bing", "xin-shuai"]}


def pool(sizes=(7, 5, 3), expired=()):
    entries, n = [], 0
    for disease, size in zip(CHANNEL["topics"], sizes, strict=True):
        for i in range(size):
            n += 1
            fields = {"signoff": {"next_review": "2026-01-01"}} if n in expired else {}
            entries.append(entry_from_page(*page(
                "explainer", disease=disease, slug=f"{disease}-{i}", id=5000 + n,
                shortcode=f"d{n}", title=f"{disease} 第{i}篇", first_published=f"2025-{1 + i % 12:02d}-01",
                **fields)))
    return entries


ENTRIES = pool()


def test_same_date_same_digest_and_text_has_title_summary_and_short_link():
    day = dt.date(2026, 3, 1)
    first = digest(CHANNEL, day, 3, ENTRIES, no_repeat_days=2)
    again = digest(CHANNEL, day, 3, list(reversed(ENTRIES)), no_repeat_days=2)
    assert [i.entry.url for i in first.items] == [i.entry.url for i in again.items]
    assert first.text() == again.text()
    text = first.text()
    assert text.startswith("【混合群】今日科普 · 2026-03-01\n")
    for n, item in enumerate(first.items, 1):
        assert f"{n}. {item.entry.title}" in text
        assert f"/s/{item.entry.shortcode}/wechat-mix/" in text
    assert '<section class="digest" data-date="2026-03-01">' in first.html()


def test_topics_interleave_in_the_cycle():
    cycle = rotation(CHANNEL, ENTRIES)
    offset = cycle.index(next(e for e in cycle if e.shortcode == "d1"))
    base = cycle[offset:] + cycle[:offset]
    assert [e.disease for e in base[:3]] == CHANNEL["topics"]


def test_every_days_list_mixes_topics_when_several_have_pages():
    start = dt.date(2026, 3, 1)
    for offset in range(40):
        items = digest(CHANNEL, start + dt.timedelta(offset), 3, ENTRIES, no_repeat_days=0).items
        assert len({i.entry.disease for i in items}) >= 2, [i.entry.disease for i in items]


@settings(max_examples=300, deadline=None)
@given(start=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
       count=st.integers(1, 6), window=st.integers(1, 30),
       sizes=st.tuples(st.integers(0, 9), st.integers(0, 9), st.integers(0, 9)))
def test_no_item_repeats_to_a_channel_within_the_window(start, count, window, sizes):
    entries = pool(sizes)
    seen: dict[str, dt.date] = {}
    for offset in range(window * 2 + 3):
        day = start + dt.timedelta(days=offset)
        items = digest(CHANNEL, day, count, entries, no_repeat_days=window).items
        assert len(items) <= count
        urls = [i.entry.url for i in items]
        assert len(set(urls)) == len(urls)
        for url in urls:
            if url in seen:
                assert (day - seen[url]).days >= window, (url, seen[url], day)
            seen[url] = day


@settings(max_examples=200, deadline=None)
@given(pool_size=st.integers(1, 500), count=st.integers(1, 10), window=st.integers(0, 60),
       day=st.dates())
def test_schedule_gives_count_a_day_whenever_the_pool_allows(pool_size, count, window, day):
    got = positions(day, pool_size, count, window)
    assert len(got) <= count
    if pool_size >= count * max(window, 1):
        assert len(got) == count
    assert pace(pool_size, count, window) * max(window, 1) <= pool_size or window == 0


def test_a_large_pool_cycles_through_every_page():
    seen = set()
    start = dt.date(2026, 1, 1)
    for offset in range(5):  # 15 pages, 3 a day → every page once in 5 days
        seen |= {i.entry.url for i in digest(CHANNEL, start + dt.timedelta(offset), 3, ENTRIES,
                                             no_repeat_days=5).items}
    assert seen == {e.url for e in ENTRIES}


def test_expired_pages_are_skipped_not_replaced():
    entries = pool(expired={1, 2, 3, 4, 5, 6, 7, 8})
    posted = set()
    for offset in range(30):
        day = digest(CHANNEL, dt.date(2026, 3, 1) + dt.timedelta(offset), 3, entries, no_repeat_days=5)
        posted |= {i.entry.shortcode for i in day.items}
    assert posted and not posted & {f"d{n}" for n in range(1, 9)}


def test_a_channel_without_topics_is_refused_by_name():
    with pytest.raises(ChannelProblem, match="no topics"):
        digest({**CHANNEL, "topics": []}, dt.date(2026, 3, 1), 3, ENTRIES)


def test_case_stories_count_but_disease_hubs_do_not():
    hub = entry_from_page(*page("disease", shortcode="hub1"))
    story = entry_from_page(*page("case_story", slug="story", shortcode="st1"))
    assert [e.shortcode for e in rotation(CHANNEL, [hub, story])] == ["st1"]


def test_english_channel_digest_speaks_english():
    en = {**CHANNEL, "language": "en", "name": "Heart club"}
    entries = [entry_from_page(*page("explainer", lang="en", slug="bp", title="Blood pressure"))]
    text = digest(en, dt.date(2026, 3, 1), 1, entries, no_repeat_days=0).text()
    assert text.startswith("[Heart club] Today's reading · 2026-03-01")
    assert "1. Blood pressure" in text
