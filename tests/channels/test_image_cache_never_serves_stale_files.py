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


def test_the_next_build_reads_what_forked_workers_stored_in_a_few_files(tmp_path):
    """A cold build stores every code and card; the next build (a new process, a new
    FileCache) finds them all, though the workers wrote few files."""
    from kepu.incremental.parallel import fork_map

    urls = [f"https://kepu.example.org/s/c{i:03d}/" for i in range(40)]
    cache = FileCache(tmp_path)
    cache.load()
    fork_map(lambda url: qr.render(url, "标题", cache) and None, urls, workers=2, chunk=4)
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) <= 6            # one pack and one index per process, not one file per code
    later = FileCache(tmp_path)
    for url in urls:
        stored = later.get(cache_key(qr.VERSION, url, "标题"), ".qr")
        assert qr.QRFiles.unpack(stored) == qr.render(url, "标题")


def test_a_torn_index_line_is_a_miss_not_a_broken_file(tmp_path):
    cache = FileCache(tmp_path)
    cache.put("ab" * 32, ".png", b"whole")
    index = next((tmp_path / "packs").glob("*.idx"))
    with index.open("ab") as fh:
        fh.write(b"cd" * 32 + b".png 5 9")          # a crash before the newline
    fresh = FileCache(tmp_path)
    assert fresh.get("ab" * 32, ".png") == b"whole"
    assert fresh.get("cd" * 32, ".png") is None
