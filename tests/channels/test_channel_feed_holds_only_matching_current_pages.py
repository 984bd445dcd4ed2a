"""Which pages a channel gets: its topics, language, specialty and region — never expired."""

import datetime as dt

from kepu.channels.campaign import tag_url
from kepu.channels.channel_match import channel_entries, matches
from kepu.channels.entries import entry_from_page
from tests.contentfactory import CHANNELS, page

TODAY = dt.date(2026, 3, 1)
DOUYIN = {"slug": "douyin-xinzang", **CHANNELS["douyin-xinzang"]}


def entry(**fields):
    return entry_from_page(*page("explainer", **fields))


def test_a_page_on_the_channels_topic_in_its_language_and_specialty_matches():
    assert matches(DOUYIN, entry(), TODAY)


def test_other_topic_other_language_or_other_specialty_do_not_match():
    assert not matches(DOUYIN, entry(disease="tang-niao-bing", topics=["tang-niao-bing"]), TODAY)
    assert not matches(DOUYIN, entry(lang="en"), TODAY)
    assert not matches(DOUYIN, entry(specialty="endocrinology"), TODAY)


def test_a_topic_tag_matches_even_when_the_disease_differs():
    assert matches(DOUYIN, entry(disease="xin-shuai", topics=["gao-xue-ya"]), TODAY)


def test_expired_pages_never_match():
    stale = entry(signoff={"next_review": "2026-02-28"})
    assert not matches(DOUYIN, stale, TODAY)
    assert matches(DOUYIN, stale, dt.date(2026, 2, 28))  # still due on its review day


def test_regional_pages_go_only_to_that_region_or_nationwide_channels():
    beijing_page = entry(regions=["北京"])
    assert matches(DOUYIN, beijing_page, TODAY)                       # 全国 channel
    assert matches({**DOUYIN, "region": "北京"}, beijing_page, TODAY)
    assert not matches({**DOUYIN, "region": "上海"}, beijing_page, TODAY)
    assert matches({**DOUYIN, "region": "上海"}, entry(), TODAY)       # page for everyone


def test_channel_entries_are_newest_reviewed_first():
    old = entry(signoff={"signed_at": "2026-01-01T09:00:00+08:00"})
    new = entry(signoff={"signed_at": "2026-02-01T09:00:00+08:00"})
    assert channel_entries(DOUYIN, [old, new], TODAY) == [new, old]


def test_campaign_tags_are_added_replacing_old_utm_and_keeping_other_parameters():
    url = tag_url("https://x.org/zh/a/?utm_source=old&ref=poster#top", DOUYIN)
    assert url == ("https://x.org/zh/a/?ref=poster&utm_source=douyin&utm_medium=video"
                   "&utm_campaign=heart-2026&utm_content=bio-link#top")


def test_a_channel_without_tags_is_still_told_apart_by_its_slug():
    assert tag_url("https://x.org/", {"slug": "weibo-1"}) == "https://x.org/?utm_source=weibo-1"


def test_every_page_links_its_disease_feed_even_when_older_than_the_feed_holds():
    from kepu.channels.feeds import discovery_links, feed_specs

    pages = [entry_from_page(*page("explainer", slug=f"p{n}", shortcode=f"d{n}")) for n in range(3)]
    specs = feed_specs(pages, on=dt.date(2026, 3, 1), max_items=1)
    links = discovery_links(specs, lambda path: path, pages)
    disease_feed = "/feeds/zh/disease/gao-xue-ya.atom.xml"
    for entry in pages:  # the feed lists one page; every page still advertises it
        assert disease_feed in [link["href"] for link in links[entry.url]]
