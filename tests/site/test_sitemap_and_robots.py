"""sitemap.xml carries the reviewed date and language alternates; robots.txt points at it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def urls(output):
    root = ET.parse(output / "sitemap.xml").getroot()
    return {u.find("s:loc", NS).text: u for u in root.findall("s:url", NS)}


def test_lastmod_is_the_reviewed_date(output):
    entry = next(u for loc, u in urls(output).items() if loc.endswith("/zh/gao-xue-ya/liang-xue-ya/"))
    assert entry.find("s:lastmod", NS).text == "2026-01-15"


def test_translations_are_alternates(output):
    entry = next(u for loc, u in urls(output).items() if loc.endswith("/zh/gao-xue-ya/liang-xue-ya/"))
    links = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", NS)}
    assert links["en"].endswith("/en/gao-xue-ya/measuring-blood-pressure-at-home/")
    assert links["zh-CN"].endswith("/zh/gao-xue-ya/liang-xue-ya/")


def test_withdrawn_and_search_pages_are_not_listed(output):
    locs = " ".join(urls(output))
    assert "che-hui-de-ye-mian" not in locs and "/search/" not in locs
    assert "/zh/experts/li-ming/" in locs and "/en/a-z/" in locs


def test_robots_points_to_sitemap(output):
    robots = (output / "robots.txt").read_text()
    assert "Sitemap: http" in robots and robots.rstrip().endswith("/sitemap.xml")
