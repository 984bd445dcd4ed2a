"""The bench never deletes a build's output right before a timed run.

On ext4 without a journal (this machine's disk) creating files stays 5–30x
slower for a minute or more after many were deleted, so a deletion between
runs slowed whichever build came next (docs/benchmarks.md, "What is
measured"). Folders a run needs empty are moved into a trash folder instead,
and the trash is emptied once, when the bench ends.
"""

from __future__ import annotations

from kepu.bench import runner


def _site(path):
    (path / "zh" / "page").mkdir(parents=True)
    (path / "zh" / "page" / "index.html").write_text("<p>old build</p>", encoding="utf-8")


def test_a_discarded_output_is_moved_aside_and_gone_when_the_trash_is_emptied(tmp_path):
    bench = runner._Bench(tmp_path, 1, None, print)
    out = tmp_path / "out-kepu"
    _site(out)
    bench.discard(out)
    assert not out.exists()
    kept = list((tmp_path / ".trash").rglob("index.html"))
    assert [p.read_text(encoding="utf-8") for p in kept] == ["<p>old build</p>"]
    _site(out)  # the next run's output, discarded in turn: both are kept apart
    bench.discard(out)
    assert len(list((tmp_path / ".trash").rglob("index.html"))) == 2
    bench.discard(tmp_path / "never-built")  # nothing to do
    bench.empty_trash()
    assert not (tmp_path / ".trash").exists() and bench.deleted == 0


def test_with_little_disk_left_a_discarded_output_is_deleted_and_counted(tmp_path, monkeypatch):
    bench = runner._Bench(tmp_path, 1, None, print)
    _site(tmp_path / "earlier")
    bench.discard(tmp_path / "earlier")
    monkeypatch.setattr(runner, "MIN_FREE_BYTES", 2**62)
    out = tmp_path / "out-hugo"
    _site(out)
    bench.discard(out)
    assert not out.exists()
    assert not (tmp_path / ".trash").exists()  # what was kept goes first
    assert bench.deleted == 1
