"""kepu's Atom and RSS writer puts out exactly what feedgenerator wrote.

kepu/channels/syndication.py replaced feedgenerator's SAX writer for speed
(issue 9); feed readers must see no difference. Generated feeds — empty ones,
empty and missing fields, markup, quotes, line breaks, CJK, astral characters,
several time zones — are written by both and compared as text, and control
characters are refused by both.
"""

from __future__ import annotations

import datetime as dt
import io

import feedgenerator
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kepu.channels import syndication

# Text a page could hold: CJK, markup characters, quotes, whitespace, emoji.
TEXT = st.text(st.sampled_from(list("高血压 ab&<>\"'\n\t\r;=/?%#é") + ["😀", "“", "’", "\u3000"]),
               max_size=12)
URL = st.builds(lambda path, query: f"https://kepu.example.org/{path}{query}",
                st.text(st.sampled_from(list("abz-/高 %")), max_size=8),
                st.sampled_from(["", "?utm_source=wechat&utm_medium=group", "#top"]))
DATE = st.builds(lambda days, minutes, tz: dt.datetime(2024, 1, 1, tzinfo=tz)
                 + dt.timedelta(days=days, minutes=minutes),
                 st.integers(0, 900), st.integers(0, 1440),
                 st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=8))]))
EMPTY = dt.datetime(2020, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=8)))

ITEM = st.builds(
    lambda title, link, description, uid, published, updated, author, categories, content:
    syndication.Item(title=title, link=syndication.iri_to_uri(link), description=description,
                     unique_id=uid, published=published, updated=updated, author_name=author,
                     categories=sorted(set(categories)), content=content),
    TEXT, URL, st.none() | TEXT, URL, DATE, DATE, st.none() | TEXT, st.lists(TEXT, max_size=3),
    st.none() | TEXT)
FEED = st.builds(
    lambda title, link, description, language, author, url, items:
    syndication.Feed(title=title, link=syndication.iri_to_uri(link), description=description,
                     language=language, author_name=author, feed_url=syndication.iri_to_uri(url),
                     feed_id=url, items=items, empty_date=EMPTY),
    TEXT, URL, TEXT, st.sampled_from([None, "zh-CN", "en"]), st.none() | TEXT, URL,
    st.lists(ITEM, max_size=4))


class _Stable:
    def latest_post_date(self):
        return super().latest_post_date() if self.items else EMPTY


class _Atom(_Stable, feedgenerator.Atom1Feed):
    pass


class _Rss(_Stable, feedgenerator.Rss201rev2Feed):
    pass


def _reference(cls, feed: syndication.Feed) -> str:
    """The feed written by feedgenerator, given what kepu gave it before."""
    out = cls(title=feed.title, link=feed.link, description=feed.description,
              language=feed.language, author_name=feed.author_name, feed_url=feed.feed_url,
              feed_guid=feed.feed_id)
    for item in feed.items:
        out.add_item(title=item.title, link=item.link, description=item.description,
                     content=item.content, unique_id=item.unique_id, unique_id_is_permalink=True,
                     pubdate=item.published, updateddate=item.updated,
                     author_name=item.author_name, categories=item.categories)
    text = io.StringIO()
    out.write(text, "utf-8")
    return text.getvalue()


@settings(max_examples=300, deadline=None)
@given(FEED)
def test_atom_and_rss_are_written_as_feedgenerator_writes_them(feed):
    assert syndication.atom(feed) == _reference(_Atom, feed)
    for item in feed.items:
        item.content = None  # RSS 2.0 has no content element
    assert syndication.rss(feed) == _reference(_Rss, feed)


def test_a_control_character_is_refused_like_feedgenerator_refuses_it():
    item = syndication.Item(title="bell\x07", link="https://kepu.example.org/a/", description=None,
                            unique_id="https://kepu.example.org/a/", published=EMPTY, updated=EMPTY,
                            author_name=None, categories=[])
    feed = syndication.Feed(title="t", link="https://kepu.example.org/", description="d",
                            language="en", author_name=None, feed_url="https://kepu.example.org/f",
                            feed_id="https://kepu.example.org/f", items=[item], empty_date=EMPTY)
    for write, cls in ((syndication.atom, _Atom), (syndication.rss, _Rss)):
        with pytest.raises(syndication.UnserializableContentError):
            _reference(cls, feed)
        with pytest.raises(syndication.UnserializableContentError):
            write(feed)
