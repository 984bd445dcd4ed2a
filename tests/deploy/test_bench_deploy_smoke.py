"""scripts/bench_deploy.py still runs, and a one-page change is one PUT (small N; full run: make bench)."""

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "scripts" / "bench_deploy.py"


@pytest.mark.slow
def test_one_page_change_is_one_upload_and_no_delete(capsys):
    spec = importlib.util.spec_from_file_location("bench_deploy", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)

    results = bench.main(["--files", "300", "--workers", "4"])

    first, unchanged, one = results["kepu"]
    assert first["uploads"] == 300
    assert (unchanged["uploads"], unchanged["requests"]) == (0, 1)
    assert (one["uploads"], one["deletes"], one["requests"]) == (1, 0, 2)
    if "hugo" in results:
        assert results["hugo"][-1]["uploads"] == 1
    assert "one-page change: kepu uploaded 1 and deleted 0" in capsys.readouterr().out
