"""`kepu bench` runs end to end on a tiny corpus and reports every figure.

Not a timed test: it only proves the benchmark works and its JSON has the
keys the docs describe (docs/benchmarks.md). Hugo is included when installed.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kepu.bench.hugo import hugo_binary
from kepu.cli import main


@pytest.mark.slow
def test_bench_smoke_run_writes_json_with_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    args = ["bench", "--sizes", "50", "--runs", "1", "--json", str(out), "--work-dir",
            str(tmp_path / "work"), "--skip-search"]
    if hugo_binary() is None:
        args.append("--skip-hugo")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "full build (median)" in result.output and "one page edited" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    size = data["sizes"]["50"]
    # Outputs were kept until the end (not deleted before a timed run), then removed.
    assert data["outputs_deleted_between_runs"] == 0
    assert not (tmp_path / "work" / ".trash").exists()
    assert size["pages"] == 50
    for phase in ("full", "incremental"):
        assert size["kepu"][phase]["median_seconds"] > 0
        assert size["kepu"][phase]["median_peak_mb"] > 0
    assert size["kepu"]["full"]["html_pages"] >= 50
    # The scope (site, feeds, search index) is built on its own too: fewer
    # files than the whole build (no cards, QR codes, short links), but every page.
    scope = size["kepu"]["site_feeds_search"]
    assert scope["median_seconds"] > 0 and scope["median_peak_mb"] > 0
    assert 50 < scope["files"] < size["kepu"]["full"]["files"]
    assert "site, feeds, search only" in result.output
    assert size["kepu"]["incremental"]["files_rewritten"][0] >= 1
    if hugo_binary() is not None:
        assert size["hugo"]["full"]["html_pages"] >= 50
        assert set(size["ratio"]) >= {"full_build_time", "full_build_peak_memory", "incremental_time",
                                      "site_feeds_search_time", "site_feeds_search_peak_memory"}
        assert size["ratio"]["full_build_time"] > 0


def test_bench_rejects_a_nonsense_size():
    result = CliRunner().invoke(main, ["bench", "--sizes", "lots"])
    assert result.exit_code == 2
    assert "comma-separated list of page counts" in result.output
