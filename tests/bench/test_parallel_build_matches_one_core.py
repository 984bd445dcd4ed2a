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


def test_when_the_search_files_cannot_be_written_the_build_fails_and_the_site_stays(tmp_path, monkeypatch):
    # A full index's files are written by the search child after it has answered
    # (kepu/incremental/filewriter.py), while the pages are rendered: a failure
    # there must still fail the build, with the live site left as it was.
    from kepu.build import build_site
    from kepu.search import static_index

    write_content_tree(tmp_path / "content")
    monkeypatch.setenv("KEPU_VAR_DIR", str(tmp_path / "var"))
    live = tmp_path / "site"
    build_site(tmp_path / "content", live, settings_overrides={"KEPU_TODAY": "2026-06-01"})
    before = {p: p.read_bytes() for p in live.rglob("*") if p.is_file()}

    real = static_index.build_static_index

    def blocked(index_dir, out_dir, *args, files_out=None, **kwargs):
        manifest = real(index_dir, out_dir, *args, files_out=files_out, **kwargs)
        # Outside the output, so that only the writer's own failure can stop the build.
        blocker = Path(out_dir).parent.parent / "blocker"
        blocker.write_text("a file where a folder should be")
        files_out.append((blocker / "x.json", b"{}"))
        return manifest

    monkeypatch.setattr(static_index, "build_static_index", blocked)
    monkeypatch.setattr(kepu_search, "FORK_FROM", -1)
    monkeypatch.setenv("KEPU_VAR_DIR", str(tmp_path / "var-2"))  # a full index again
    children = parallel.children_run
    edit_page(tmp_path / "content", sorted(p.relative_to(tmp_path / "content").as_posix()
                                           for p in (tmp_path / "content" / "zh").rglob("*.md")
                                           if p.name != "index.md")[0], note="改动。")
    try:
        build_site(tmp_path / "content", live, settings_overrides={"KEPU_TODAY": "2026-06-01"})
    except OSError as exc:
        assert "blocker" in str(exc)
    else:
        raise AssertionError("the build succeeded without its search files")
    assert parallel.children_run == children + 1 and not parallel._finishing
    assert {p: p.read_bytes() for p in live.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []


def test_a_build_that_fails_while_the_search_files_are_written_stops_their_writer(tmp_path, monkeypatch):
    import kepu_content

    from kepu.build import build_site

    write_content_tree(tmp_path / "content")
    monkeypatch.setenv("KEPU_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setattr(kepu_search, "FORK_FROM", -1)
    pending = []
    abandon = parallel.abandon_children

    def recorded():
        pending.append(len(parallel._finishing))
        abandon()

    def broken(self, writer):
        raise RuntimeError("a template broke")

    monkeypatch.setattr(parallel, "abandon_children", recorded)
    monkeypatch.setattr(kepu_content.KepuSiteGenerator, "generate_output", broken)
    try:
        build_site(tmp_path / "content", tmp_path / "site", settings_overrides={"KEPU_TODAY": "2026-06-01"})
    except RuntimeError as exc:
        assert "a template broke" in str(exc)
    else:
        raise AssertionError("the build succeeded")
    assert pending == [1]  # the search child was still to be waited for, and was stopped
    assert not parallel._finishing
    assert not (tmp_path / "site").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []
