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


def _tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("fresh_process", [False, True], ids=["worker", "fresh-process"])
def test_a_run_of_incremental_builds_ends_as_a_full_build_would(tmp_path, monkeypatch, fresh_process):
    """Many one-page publishes in a row (each recorded in the manifest's change log,
    folded into a new base now and then), with files dropped into the live folder by
    hand between them: the live folder always ends exactly as a full build leaves it."""
    monkeypatch.setattr(manifest, "MAX_CHANGE_LOG", 40_000)  # fold often
    content = generate_corpus(tmp_path / "content", pages=16, seed=7).root
    _build(tmp_path)
    rel, output = sample_page(content), tmp_path / "output"
    strays = ["stray.txt", "zh/stray.html", "made-by-hand/notes/a.txt"]
    for n in range(6):
        edit_page(content, rel, note=f"第{n}次补充。")
        if n == 3:  # a page withdrawn from the content tree: its outputs must go
            (content / sample_page(content, ptype="case_story")).unlink()
        stray = output / strays[n % 3]
        stray.parent.mkdir(parents=True, exist_ok=True)
        stray.write_text("not built by kepu", encoding="utf-8")
        if fresh_process:
            manifest._memory.clear()  # what a new `kepu build` process starts with
        _build(tmp_path)
        assert manifest.last_result["mode"] == "incremental", manifest.last_result["reason"]
        assert not stray.exists(), f"build {n} left {strays[n % 3]}"
    log_file = manifest.manifest_path(output).with_suffix(".changes")
    assert log_file.exists() or manifest.read_manifest(manifest.manifest_path(output))

    monkeypatch.setenv("KEPU_VAR_DIR", str(tmp_path / "var-fresh"))
    from kepu.build import build_site

    build_site(content, tmp_path / "fresh", settings_overrides={"KEPU_TODAY": "2026-06-01"})
    live, fresh = _tree(output), _tree(tmp_path / "fresh")
    assert sorted(live) == sorted(fresh)
    assert [r for r in fresh if live[r] != fresh[r] and not r.startswith("search/")] == []


def test_a_change_log_cut_short_makes_the_next_build_full(tmp_path):
    content = generate_corpus(tmp_path / "content", pages=16, seed=3).root
    _build(tmp_path)
    edit_page(content, sample_page(content), note="补充。")
    _build(tmp_path)
    log_file = manifest.manifest_path(tmp_path / "output").with_suffix(".changes")
    data = log_file.read_bytes()
    assert data, "an incremental build appends its changes to the log"
    log_file.write_bytes(data[: len(data) // 2])   # a crash in the middle of the append
    manifest._memory.clear()
    _build(tmp_path)
    assert manifest.last_result["mode"] == "full"


def test_a_long_running_reader_still_finds_broken_references(tmp_path):
    """A build worker re-checks only changed pages against the registries, unless a
    registry changed: then every page is checked again."""
    from kepu.contentformat import ContentErrors

    root = generate_corpus(tmp_path / "c", pages=16, seed=5).root
    load_tree(root)
    rel = sample_page(root)
    text = (root / rel).read_text(encoding="utf-8")
    expert = text.split("expert: ", 1)[1].split("\n", 1)[0].strip()
    (root / rel).write_text(text.replace(f"expert: {expert}", "expert: nobody-here"), encoding="utf-8")
    with pytest.raises(ContentErrors) as edited:
        load_tree(root)
    assert any(e.path == rel and e.field == "signoff.expert" for e in edited.value.errors)

    (root / rel).write_text(text, encoding="utf-8")
    load_tree(root)
    (root / "experts" / f"{expert}.yaml").unlink()   # unchanged pages now name a missing expert
    with pytest.raises(ContentErrors) as registry:
        load_tree(root)
    assert {e.field for e in registry.value.errors} == {"signoff.expert"}
    assert len(registry.value.errors) > 1


def test_a_long_running_reader_sees_page_files_come_and_go(tmp_path):
    """The list of page files is kept while no content folder changed; removing or
    adding a file changes its folder, and the next read sees it."""
    import shutil
    import time

    root = generate_corpus(tmp_path / "c", pages=16, seed=6).root
    past = time.time() - 3600
    for folder in [root, *(p for p in root.rglob("*") if p.is_dir())]:
        os.utime(folder, (past, past))   # old folders: their listing is remembered
    first = load_tree(root)
    gone = sample_page(root, ptype="case_story")
    shutil.move(root / gone, tmp_path / "aside.md")
    assert gone not in {p.path for p in load_tree(root).pages}
    for folder in [root, *(p for p in root.rglob("*") if p.is_dir())]:
        os.utime(folder, (past, past))
    load_tree(root)
    shutil.move(tmp_path / "aside.md", root / gone)
    assert gone in {p.path for p in load_tree(root).pages}
    assert len(load_tree(root).pages) == len(first.pages)


def test_a_media_file_replaced_by_one_of_the_same_size_rebuilds_everything(tmp_path):
    """Cards and posters are drawn from panel images but keyed by the page: any
    change to content/media makes the next build a full one."""
    write_content_tree(tmp_path / "content")
    _build(tmp_path)
    media = sorted(p for p in (tmp_path / "content" / "media").rglob("*") if p.is_file())[0]
    data = media.read_bytes()
    media.write_bytes(data[::-1])  # same size, other bytes
    os.utime(media, ns=(media.stat().st_atime_ns, media.stat().st_mtime_ns + 1_000_000_000))
    _build(tmp_path)
    assert manifest.last_result["mode"] == "full"
    assert "media" in manifest.last_result["reason"]


def _tree_with_strays(root):
    for rel in ("a/x", "a/y", "b", "c/d/e"):
        (root / rel).mkdir(parents=True)
        (root / rel / "index.html").write_text("built", encoding="utf-8")
    before = manifest.list_tree(root)
    (root / "a" / "x" / "stray.html").write_text("copied by hand", encoding="utf-8")
    for path in sorted((root / "c").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (root / "c").rmdir()
    (root / "b" / "new").mkdir()
    (root / "b" / "new" / "also-stray.txt").write_text("?", encoding="utf-8")
    return before


@pytest.mark.parametrize("helper", ["works", "fails", "embedded"])
def test_the_directory_scan_finds_strays_and_gone_folders(tmp_path, monkeypatch, helper):
    """The helper process that checks the live folder's directories during a build
    reports what a scan in the build's own process would; when it fails, or when
    kepu runs embedded (sys.executable is no Python), the build does that scan."""
    import sys

    root = tmp_path / "live"
    before = _tree_with_strays(root)
    if helper == "fails":
        monkeypatch.setattr(manifest, "_SCAN", "raise SystemExit(3)")
    if helper == "embedded":
        monkeypatch.setattr(sys, "executable", "/usr/bin/uwsgi")
    scan = manifest.DirectoryScan(root, before)
    changed, gone = scan.changes()
    assert scan.answered is (helper == "works")
    assert (changed, sorted(gone)) == (lambda c, g: (c, sorted(g)))(*manifest.listing_changes(root, before))
    assert "stray.html" in changed["a/x"][1]
    assert changed["b/new"][1] == ("also-stray.txt",)
    assert sorted(gone) == ["c", "c/d", "c/d/e"]
    assert "a/y" not in changed


def test_builds_from_processes_that_imported_different_code_stay_incremental(tmp_path):
    """`kepu build`, the CMS's publishing task and a build worker import different
    kepu modules and libraries before they build: a build that follows one made by
    another kind of process is still incremental (it used to be a full one)."""
    import subprocess
    import sys

    write_content_tree(tmp_path / "content")
    script = ("import sys\n{imports}\nfrom kepu.build import build_site\n"
              "from kepu.incremental import manifest\n"
              "build_site(sys.argv[1], sys.argv[2], settings_overrides={{'KEPU_TODAY': '2026-06-01'}})\n"
              "print(manifest.last_result['mode'], manifest.last_result['reason'])")

    def build_in_a_process(imports: str) -> str:
        done = subprocess.run([sys.executable, "-c", script.format(imports=imports),
                               str(tmp_path / "content"), str(tmp_path / "output")],
                              capture_output=True, text=True, env=os.environ.copy())
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout.strip().splitlines()[-1]

    assert build_in_a_process("").startswith("full")
    assert build_in_a_process("import kepu.bench.worker, kepu.cli, kepu.preview, pypinyin") == \
        "incremental incremental"
    assert build_in_a_process("") == "incremental incremental"


def test_a_full_builds_manifest_lists_the_live_folder_as_it_is(tmp_path):
    # A full build lists its folder once, before the swap, for both the manifest's
    # files and its directory listing (whose modification times let the next
    # build skip reading unchanged folders): both must be the live folder's.
    write_content_tree(tmp_path / "content")
    _build(tmp_path)
    assert manifest.last_result["mode"] == "full"
    out = tmp_path / "output"
    recorded = manifest.read_manifest(manifest.manifest_path(out))
    on_disk = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert sorted(recorded["files"]) == on_disk and len(on_disk) > 50
    assert recorded["listing"] == manifest.list_tree(out)
