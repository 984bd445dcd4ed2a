"""The sign-off → output benchmark runs end to end on the demo corpus (slow: a fresh CMS)."""

import pytest


@pytest.mark.slow
def test_demo_corpus_signoff_to_output_is_measured(tmp_path):
    from cms.exporting.benchmark import export_benchmark

    figures = export_benchmark(0, 1, tmp_path / "bench", 1, say=lambda line: None)
    assert set(figures) == {"full export", "no-change export", "full build",
                            "sign-off → output ready"}
    assert all(f["median_seconds"] > 0 and f["pages"] >= 30 for f in figures.values())
