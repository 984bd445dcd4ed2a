"""When an incremental build is not safe, kepu does a full one; the content
cache never serves stale pages."""

from __future__ import annotations

import hashlib
import os

import pytest

from kepu.bench.corpus import edit_page, generate_corpus, sample_page
from kepu.contentformat import load_content_tree
from kepu.incremental import manifest
from kepu.incremental.contentcache import load_tree
from tests.contentfactory import write_content_tree


def test_content_cache_returns_what_the_reader_returns_and_sees_edits(tmp_path):
    root = generate_corpus(tmp_path / "c", pages=30, seed=4).root
    var = tmp_path / "var"
    plain = load_content_tree(root)
    cached = load_tree(root, var)
    assert [(p.path, p.meta, p.body) for p in cached.pages] == [(p.path, p.meta, p.body) for p in plain.pages]
    assert cached.experts == plain.experts and cached.channels == plain.channels
    rel = sample_page(root)
    assert cached.digests[rel] == hashlib.sha256((root / rel).read_bytes()).hexdigest()
    assert (var / "content-cache.pickle").is_file()

    edit_page(root, rel, note="缓存必须看到这一句。")
    again = load_tree(root, var)
    edited = next(p for p in again.pages if p.path == rel)
    assert edited.body.endswith("缓存必须看到这一句。")
    assert again.digests[rel] != cached.digests[rel]


def _build(tmp_path, **overrides):
    from kepu.build import build_site

    return build_site(tmp_path / "content", tmp_path / "output",
                      settings_overrides={"KEPU_TODAY": "2026-06-01", **overrides})


@pytest.fixture(autouse=True)
def private_var(tmp_path, monkeypatch):
    monkeypatch.setenv("KEPU_VAR_DIR", str(tmp_path / "var"))


def test_second_build_is_incremental_and_a_settings_change_makes_it_full(tmp_path):
    write_content_tree(tmp_path / "content")
    _build(tmp_path)
    assert manifest.last_result["mode"] == "full"
    _build(tmp_path)
    assert manifest.last_result["mode"] == "incremental"
    assert manifest.last_result["written"] == 0
    _build(tmp_path, KEPU_PUBLISHER={"zh": "另一个编辑部", "en": "Another team"})
    assert manifest.last_result["mode"] == "full"
    assert "settings" in manifest.last_result["reason"]
    assert "另一个编辑部" in (tmp_path / "output" / "zh" / "index.html").read_text(encoding="utf-8")


def test_an_interrupted_apply_makes_the_next_build_full(tmp_path):
    write_content_tree(tmp_path / "content")
    _build(tmp_path)
    journal = manifest.manifest_path(tmp_path / "output").with_suffix(".applying")
    journal.write_text('{"changed": ["zh/index.html"], "removed": []}', encoding="utf-8")
    _build(tmp_path)
    assert manifest.last_result["mode"] == "full"
    assert "interrupted" in manifest.last_result["reason"]


def test_a_replaced_output_folder_is_not_trusted(tmp_path):
    write_content_tree(tmp_path / "content")
    _build(tmp_path)
    os.rename(tmp_path / "output", tmp_path / "moved")
    os.mkdir(tmp_path / "output")
    (tmp_path / "output" / "index.html").write_text("someone else's site", encoding="utf-8")
    _build(tmp_path)
    assert manifest.last_result["mode"] == "full"
    assert "someone else's site" not in (tmp_path / "output" / "index.html").read_text(encoding="utf-8")
