"""The per-key rules: which glob matches, which stage, which headers, which redirect."""

import pytest

from kepu.deploy.headers import DEFAULT_CACHE_RULES, cache_control, content_type
from kepu.deploy.patterns import matches
from kepu.deploy.redirects import redirect_location, refresh_target
from kepu.deploy.stages import stage_of


@pytest.mark.parametrize("pattern, key, expected", [
    ("*.html", "index.html", True),
    ("*.html", "zh/gaoxueya/index.html", True),          # no slash: any depth
    ("zh/*.html", "zh/gaoxueya/index.html", False),       # * stays within a folder
    ("zh/**", "zh/gaoxueya/index.html", True),
    ("feeds/**/*.xml", "feeds/zh.atom.xml", True),
    ("*.{xml,json}", "search/index.json", True),
    ("*.{hash}.css", "theme/css/style.0a1b2c3d.css", True),
    ("*.{hash}.css", "theme/css/style.css", False),
    ("{hash}.*", "media/5e88489b42.png", True),
    ("{hash}.*", "media/logo.png", False),
    ("s/**", "s/gx7k2/index.html", True),
    ("s/**", "zh/s/index.html", False),
    ("*.html", "zh/高血压.html", True),
])
def test_globs(pattern, key, expected):
    assert matches(pattern, key) is expected


@pytest.mark.parametrize("key, stage", [
    ("theme/css/style.0a1b2c3d.css", "assets"), ("media/5e88489b42.png", "assets"),
    ("index.html", "pages"), ("zh/高血压.html", "pages"), ("404.html", "pages"),
    ("sitemap.xml", "indexes"), ("feeds/zh.atom.xml", "indexes"), ("search/index.html", "indexes"),
    ("api/pages/12.json", "indexes"), ("robots.txt", "indexes"),
    ("s/gx7k2/index.html", "redirects"), ("s/gx7k2/qr.svg", "redirects"),
])
def test_stages(key, stage):
    assert stage_of(key) == stage


def test_content_types_cover_feeds_fonts_and_unknowns():
    assert content_type("feeds/all.opml") == "text/x-opml; charset=utf-8"
    assert content_type("theme/fonts/noto.woff2") == "font/woff2"
    assert content_type("media/a.svg") == "image/svg+xml; charset=utf-8"
    assert content_type("scripts/zh/a.srt") == "application/x-subrip; charset=utf-8"
    assert content_type("LICENSE") == "application/octet-stream"
    assert content_type("a.ico", {".ico": "image/vnd.microsoft.icon"}) == "image/vnd.microsoft.icon"


def test_default_cache_rules():
    assert cache_control("theme/js/app.1234abcd.js", DEFAULT_CACHE_RULES).endswith("immutable")
    assert cache_control("feeds/zh.atom.xml", DEFAULT_CACHE_RULES) == "public, max-age=300"
    assert cache_control("theme/img/logo.png", DEFAULT_CACHE_RULES) == "public, max-age=3600"


@pytest.mark.parametrize("html, url", [
    (b'<meta http-equiv="refresh" content="0; url=/zh/a/">', "/zh/a/"),
    (b"<META HTTP-EQUIV='Refresh' CONTENT='0;URL=https://kepu.example/zh/a/?utm_source=douyin&amp;x=1'>",
     "https://kepu.example/zh/a/?utm_source=douyin&x=1"),
    (b'<meta content="0; url=\'../../en/b/\'" http-equiv="refresh">', "../../en/b/"),
    (b'<meta charset="utf-8"><title>withdrawn</title>', None),
])
def test_refresh_target(html, url):
    assert refresh_target(html) == url


def test_redirect_locations_are_site_absolute():
    page = b'<meta http-equiv="refresh" content="0; url=../../zh/gaoxueya/?utm_source=wechat">'
    assert redirect_location("s/gx7k2/index.html", page) == "/zh/gaoxueya/?utm_source=wechat"
    assert redirect_location("kepu/s/gx7k2/index.html", page) == "/kepu/zh/gaoxueya/?utm_source=wechat"
    chinese = '<meta http-equiv="refresh" content="0; url=/zh/高血压.html">'.encode()
    assert redirect_location("s/a/index.html", chinese) == "/zh/%E9%AB%98%E8%A1%80%E5%8E%8B.html"
    assert redirect_location("s/a/index.html", b'<meta http-equiv="refresh" content="0; url=javascript:x">') is None


def test_non_ascii_redirect_targets_are_percent_encoded():
    page = '<meta http-equiv="refresh" content="0; url=https://kepu.example/zh/?utm_campaign=春节">'
    assert redirect_location("s/a/index.html", page.encode()) == \
        "https://kepu.example/zh/?utm_campaign=%E6%98%A5%E8%8A%82"
