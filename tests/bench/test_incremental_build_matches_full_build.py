"""After random edits, an incremental build leaves exactly what a full build
writes, and every output file whose bytes did not change is left untouched
(same inode, same modification time) — what a deploy and a CDN notice."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from kepu.bench.corpus import edit_page, generate_corpus

TODAY = "2026-06-01"


def _build(content: Path, output: Path, var: Path):
    from kepu.build import build_site

    old = os.environ.get("KEPU_VAR_DIR")
    os.environ["KEPU_VAR_DIR"] = str(var)
    try:
        return build_site(content, output, settings_overrides={"KEPU_TODAY": TODAY})
    finally:
        if old is None:
            del os.environ["KEPU_VAR_DIR"]
        else:
            os.environ["KEPU_VAR_DIR"] = old


def _files(root: Path) -> dict[str, tuple[bytes, int, int]]:
    out = {}
    for path in root.rglob("*"):
        if path.is_file():
            st_ = path.stat()
            out[path.relative_to(root).as_posix()] = (path.read_bytes(), st_.st_ino, st_.st_mtime_ns)
    return out


def _pages(content: Path) -> list[str]:
    return sorted(p.relative_to(content).as_posix() for p in content.glob("*/*/*.md"))


EDITS = st.sampled_from(["body", "title", "summary", "delete", "review-date"])


@pytest.mark.slow
@settings(max_examples=3, deadline=None, derandomize=True, phases=[Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_incremental_build_equals_a_full_build_and_leaves_the_rest_untouched(tmp_path_factory, data):
    tmp = tmp_path_factory.mktemp("inc")
    content = generate_corpus(tmp / "content", pages=24, seed=data.draw(st.integers(1, 50))).root
    live, var = tmp / "live", tmp / "var"
    _build(content, live, var)

    for n in range(data.draw(st.integers(1, 2))):
        pages = [p for p in _pages(content) if not p.endswith("index.md")]
        rel = data.draw(st.sampled_from(pages))
        kind = data.draw(EDITS)
        if kind == "delete":
            (content / rel).unlink()
        elif kind == "body":
            edit_page(content, rel, note=f"编辑补充第{n}条。")
        elif kind == "review-date":
            edit_page(content, rel, note=".", changes={"first_published": "2026-05-20"})
        else:
            edit_page(content, rel, note=".", changes={kind: f"新的{kind} {n}"})

    before = _files(live)
    _build(content, live, var)
    after = _files(live)
    from kepu.incremental.manifest import last_result

    assert last_result["mode"] == "incremental", last_result["reason"]
    shutil.rmtree(var / "search-index", ignore_errors=True)
    fresh = tmp / "fresh"
    _build(content, fresh, tmp / "var-fresh")
    expected = _files(fresh)

    assert sorted(after) == sorted(expected)
    different = [rel for rel in expected if after[rel][0] != expected[rel][0]]
    assert not different, f"incremental output differs from a full build: {different[:10]}"
    untouched_but_rewritten = [rel for rel in after if rel in before and before[rel][0] == after[rel][0]
                               and before[rel][1:] != after[rel][1:]]
    assert not untouched_but_rewritten, f"unchanged files were rewritten: {untouched_but_rewritten[:10]}"
    changed = [rel for rel in after if rel not in before or before[rel][0] != after[rel][0]]
    assert len(changed) < len(after) / 2, "one or two edits should not change most of the site"
