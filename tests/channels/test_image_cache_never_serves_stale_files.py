"""The QR/card cache returns exactly what a fresh render would, and a new input is a new file."""

from kepu.channels import qr
from kepu.channels.cache import FileCache, cache_key
from kepu.channels.sharecards import render_card


def test_cached_qr_files_equal_a_fresh_render(tmp_path):
    cache = FileCache(tmp_path)
    url = "https://kepu.example.org/s/c103/"
    fresh = qr.render(url, "标题")
    assert qr.render(url, "标题", cache) == fresh       # miss: rendered and stored
    assert qr.render(url, "标题", cache) == fresh       # hit: read back
    assert qr.render(url + "x", "标题", cache).png != fresh.png
    assert fresh.svg == qr.svg(url, "标题") and fresh.png == qr.png(url)


def test_a_disabled_cache_stores_nothing(tmp_path):
    cache = FileCache.default(False)
    cache.put("ab" * 32, ".png", b"x")
    assert cache.get("ab" * 32, ".png") is None and not any(tmp_path.iterdir())


def test_card_keys_change_with_any_drawn_text():
    a = cache_key("1", sorted({"title": "甲", "summary": "s"}.items()), "")
    b = cache_key("1", sorted({"title": "乙", "summary": "s"}.items()), "")
    assert a != b
    assert render_card("甲", "s") != render_card("乙", "s")
