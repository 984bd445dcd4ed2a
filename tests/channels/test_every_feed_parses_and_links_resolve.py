"""Every feed of a built site parses, has its spec's required elements, and links to built pages."""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import feedparser
import jsonschema
import pytest

from .sample import SITEURL, WITHDRAWN

# JSON Feed 1.1 (https://jsonfeed.org/version/1.1): the fields the spec requires.
JSON_FEED_SCHEMA = {
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string", "minLength": 1},
        "home_page_url": {"type": "string", "format": "uri"},
        "feed_url": {"type": "string", "format": "uri"},
        "items": {"type": "array", "items": {
            "type": "object",
            "required": ["id"],
            "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
            "properties": {
                "id": {"type": "string", "minLength": 1},
                "url": {"type": "string"},
                "content_html": {"type": "string"},
                "date_published": {"type": "string", "format": "date-time"},
                "_kepu": {"type": "object",
                          "required": ["reviewer", "lastReviewed", "nextReview", "sponsor"]},
            }}},
    },
}


def feeds(out: Path, suffix: str) -> list[Path]:
    found = sorted((out / "feeds").rglob(f"*{suffix}"))
    assert found, f"no {suffix} feeds built"
    return found


def resolves(out: Path, url: str) -> bool:
    assert url.startswith(SITEURL + "/"), url
    path = urlsplit(url).path
    target = out / path.lstrip("/")
    return (target / "index.html").is_file() if path.endswith("/") else target.is_file()


def test_every_atom_feed_parses_cleanly_with_id_title_updated(built_site):
    _, out = built_site
    for path in feeds(out, ".atom.xml"):
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        assert parsed.feed.get("id") and parsed.feed.get("title") and parsed.feed.get("updated")
        for entry in parsed.entries:
            assert entry.get("id") and entry.get("title") and entry.get("updated"), path


def test_every_rss_feed_parses_cleanly_with_guid_and_link(built_site):
    _, out = built_site
    for path in feeds(out, ".rss.xml"):
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert parsed.version == "rss20"
        for entry in parsed.entries:
            assert entry.get("id") and entry.get("link"), path  # feedparser maps <guid> to id


def test_every_json_feed_matches_the_1_1_schema(built_site):
    _, out = built_site
    for path in feeds(out, ".json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.validate(doc, JSON_FEED_SCHEMA, format_checker=jsonschema.FormatChecker())


def test_every_item_link_resolves_to_a_built_page(built_site):
    _, out = built_site
    links = []
    for path in feeds(out, ".atom.xml") + feeds(out, ".rss.xml"):
        links += [e.link for e in feedparser.parse(path.read_bytes()).entries]
    for path in feeds(out, ".json"):
        links += [i["url"] for i in json.loads(path.read_text(encoding="utf-8"))["items"]]
    assert len(links) > 20
    for link in links:
        assert resolves(out, link), link


def test_channel_feeds_tag_every_link_and_hold_only_current_matching_pages(built_site):
    _, out = built_site
    doc = json.loads((out / "feeds/channel/wechat-tnb-beijing.json").read_text(encoding="utf-8"))
    urls = [urlsplit(i["url"]) for i in doc["items"]]
    assert {u.path for u in urls} == {"/zh/tang-niao-bing/", "/zh/tang-niao-bing/ce-xue-tang/",
                                      "/zh/tang-niao-bing/di-xue-tang/"}
    for u in urls:
        assert parse_qs(u.query) == {"utm_source": ["wechat"], "utm_medium": ["group"],
                                     "utm_campaign": ["tnb-bj"], "utm_content": ["assistant"]}
    for fmt in ("atom.xml", "rss.xml", "json"):
        heart = (out / f"feeds/channel/douyin-xinzang.{fmt}").read_text(encoding="utf-8")
        assert "guo-qi-ye" not in heart           # past its review date
        assert "/zh/gao-xue-ya/liang-xue-ya/?utm_source=douyin" in heart
    # …while the site feed still lists it (under review, not withdrawn).
    assert "guo-qi-ye" in (out / "feeds/zh/all.atom.xml").read_text(encoding="utf-8")


def test_json_feed_items_carry_reviewer_dates_and_sponsor(built_site):
    _, out = built_site
    doc = json.loads((out / "feeds/zh/disease/tang-niao-bing.json").read_text(encoding="utf-8"))
    item = next(i for i in doc["items"] if i["url"].endswith("/ce-xue-tang/"))
    assert item["_kepu"]["reviewer"]["name"] == "王芳"
    assert item["_kepu"]["lastReviewed"] == "2026-01-15"
    assert item["_kepu"]["nextReview"] == "2029-01-01"
    assert item["_kepu"]["sponsor"] == "示例药业"


def test_feeds_exist_for_site_disease_type_expert_and_channel(built_site):
    _, out = built_site
    for key in ("zh/all", "en/all", "zh/disease/gao-xue-ya", "zh/disease/tang-niao-bing",
                "zh/type/explainer", "zh/type/case_story", "zh/expert/wang-fang",
                "en/expert/li-ming", "channel/douyin-xinzang", "channel/wechat-tnb-beijing"):
        for ext in (".atom.xml", ".rss.xml", ".json"):
            assert (out / "feeds" / f"{key}{ext}").is_file(), key + ext


def test_the_opml_lists_every_feed_file(built_site):
    _, out = built_site
    tree = ET.parse(out / "feeds/index.opml")
    listed = {o.get("xmlUrl") for o in tree.iter("outline") if o.get("xmlUrl")}
    built = {f"{SITEURL}/{p.relative_to(out).as_posix()}" for p in (out / "feeds").rglob("*")
             if p.is_file() and p.suffix in (".xml", ".json")}
    assert listed == built


def test_nothing_from_a_withdrawn_page_is_in_any_feed(built_site):
    _, out = built_site
    for path in (out / "feeds").rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert WITHDRAWN["title"] not in text and WITHDRAWN["slug"] not in text, path


@pytest.mark.parametrize("page,expected", [
    ("zh/gao-xue-ya/liang-xue-ya/index.html", ["/feeds/zh/all.atom.xml", "/feeds/zh/disease/gao-xue-ya.atom.xml"]),
    ("zh/index.html", ["/feeds/zh/all.atom.xml", "/feeds/zh/all.json"]),
    ("zh/channels/douyin-xinzang/index.html", ["/feeds/channel/douyin-xinzang.rss.xml"]),
    ("zh/experts/wang-fang/index.html", ["/feeds/zh/expert/wang-fang.atom.xml"]),
])
def test_pages_carry_feed_discovery_links(built_site, page, expected):
    _, out = built_site
    html = (out / page).read_text(encoding="utf-8")
    hrefs = re.findall(r'<link rel="alternate" type="application/[a-z+]+" title="[^"]*" href="([^"]+)"', html)
    for path in expected:
        assert SITEURL + path in hrefs, (page, hrefs)
