"""Rendering over forked workers writes exactly what one core writes, in a full
build and in the incremental build after an edit (what the workers render must
also be recorded in the parent's ledger).

A build forks only for jobs large for its process's size (kepu.incremental.parallel),
so the test sites here would never fork on their own: the threshold is lowered to
make every job of the build go through the workers, and the search index is made
in a child process (as a full build at 400 pages or more makes it)."""

from __future__ import annotations

import sys
from pathlib import Path

from kepu.bench.corpus import edit_page
from kepu.incremental import manifest, parallel
from tests.contentfactory import write_content_tree

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "site" / "plugins"))

import kepu_search  # noqa: E402 — the module Pelican loads by this name


def _build(tmp_path, name: str):
    """The output's files, and what the build manifest records of them (which
    decides what the next build may leave in place)."""
    from kepu.build import build_site

    build_site(tmp_path / "content", tmp_path / name, settings_overrides={"KEPU_TODAY": "2026-06-01"})
    recorded = manifest.read_manifest(manifest.manifest_path(tmp_path / name))["files"]
    return {p.relative_to(tmp_path / name).as_posix(): (p.read_bytes(), recorded.get(
        p.relative_to(tmp_path / name).as_posix())) for p in (tmp_path / name).rglob("*") if p.is_file()}


def test_a_build_forked_everywhere_equals_a_build_on_one_core(tmp_path, monkeypatch):
    write_content_tree(tmp_path / "content")
    edited = sorted(p.relative_to(tmp_path / "content").as_posix()
                    for p in (tmp_path / "content" / "zh").rglob("*.md") if p.name != "index.md")[0]

    def both_ways(note: str) -> tuple[dict, dict, int, int]:
        if note:
            edit_page(tmp_path / "content", edited, note=note)
        monkeypatch.setenv("KEPU_VAR_DIR", str(tmp_path / "var-one"))
        monkeypatch.setenv("KEPU_BUILD_WORKERS", "1")
        before, children = parallel.forked_jobs, parallel.children_run
        one_core = _build(tmp_path, "one-core")
        assert (parallel.forked_jobs, parallel.children_run) == (before, children)
        monkeypatch.setenv("KEPU_VAR_DIR", str(tmp_path / "var-forked"))
        monkeypatch.setenv("KEPU_BUILD_WORKERS", "2")
        with monkeypatch.context() as m:
            m.setattr(parallel, "MIN_ITEMS", 2)
            m.setattr(parallel, "ITEMS_PER_MB", 0)
            m.setattr(kepu_search, "FORK_FROM", -1)
            forked = _build(tmp_path, "forked")
        return one_core, forked, parallel.forked_jobs - before, parallel.children_run - children

    for note, mode in (("", "full"), ("并行构建后的修改。", "incremental")):
        one_core, forked, jobs, children = both_ways(note)
        assert manifest.last_result["mode"] == mode
        assert jobs >= (5 if mode == "full" else 1)  # pages, cards, QR codes, API, short links …
        assert children == 1  # the search index
        assert forked.keys() == one_core.keys()
        assert sorted(rel for rel in forked if forked[rel] != one_core[rel]) == []
        assert len(forked) > 100
        assert sum(rel.startswith("search/") and key is not None
                   for rel, (_, key) in forked.items()) > 10
