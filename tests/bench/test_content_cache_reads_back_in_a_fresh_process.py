"""A fresh process reads every page from var/content-cache.pickle, as parsed.

Since the twelfth round the first build's cache file is made of the parse
workers' own pickled groups (kepu/incremental/contentcache.py); later builds
add a delta, or rewrite it whole once many pages changed. Each form must read
back as the pages the reader gives, without parsing anything again.
"""

from __future__ import annotations

import pytest

from kepu.bench.corpus import edit_page, generate_corpus, sample_page
from kepu.contentformat import load_content_tree
from kepu.incremental import contentcache


@pytest.fixture
def fresh_process(monkeypatch):
    """Forget what this process remembers, as a new `kepu build` would not know it."""
    def forget():
        monkeypatch.setattr(contentcache, "_memory", {})
        monkeypatch.setattr(contentcache, "_trees", {})
    return forget


def _pages(tree):
    return [(p.path, p.meta, p.body) for p in tree.pages]


def _parsing_counted(monkeypatch) -> list:
    parsed = []
    real = contentcache._parse

    def counting(args):
        parsed.append(args[0])
        return real(args)
    monkeypatch.setattr(contentcache, "_parse", counting)
    return parsed


def test_pages_come_back_from_the_file_and_only_edited_ones_are_parsed(tmp_path, monkeypatch,
                                                                      fresh_process):
    monkeypatch.setenv("KEPU_BUILD_WORKERS", "1")  # parsing in this process, where it is counted
    root = generate_corpus(tmp_path / "c", pages=90, seed=7).root
    var = tmp_path / "var"
    first = contentcache.load_tree(root, var)  # three groups of 32 files, written as they came
    assert _pages(first) == _pages(load_content_tree(root))

    fresh_process()
    parsed = _parsing_counted(monkeypatch)
    again = contentcache.load_tree(root, var)
    assert parsed == [] and _pages(again) == _pages(first) and again.digests == first.digests

    rel = sample_page(root)  # one edit: a delta beside the file
    edit_page(root, rel, note="这一句来自增量缓存。")
    fresh_process()
    edited = contentcache.load_tree(root, var)
    assert len(parsed) == 1 and parsed[0].endswith(rel)
    assert _pages(edited) == _pages(load_content_tree(root))

    fresh_process()
    parsed.clear()
    assert _pages(contentcache.load_tree(root, var)) == _pages(edited) and parsed == []

    # Many edits: the file is written again whole (one group), and still reads back.
    for n, page in enumerate(sorted(p.path for p in edited.pages)[:60]):
        edit_page(root, page, note=f"第 {n} 处修改。")
    fresh_process()
    rewritten = contentcache.load_tree(root, var)
    assert len(parsed) == 60
    fresh_process()
    parsed.clear()
    assert _pages(contentcache.load_tree(root, var)) == _pages(rewritten) == _pages(load_content_tree(root))
    assert parsed == []


def test_a_cache_file_from_the_old_format_is_ignored_not_trusted(tmp_path, fresh_process):
    import pickle

    root = generate_corpus(tmp_path / "c", pages=20, seed=8).root
    var = tmp_path / "var"
    var.mkdir()
    # The first format: one pickled dict, with a page that no longer says what the file says.
    stale = {"format": 1, "pages": dict.fromkeys(("zh/x.md",), (0, 0, "", None))}
    (var / contentcache.CACHE_NAME).write_bytes(pickle.dumps(stale))
    fresh_process()
    assert _pages(contentcache.load_tree(root, var)) == _pages(load_content_tree(root))
