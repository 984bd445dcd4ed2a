"""A first zero-server query downloads a few small files, not the whole index.

The target (issue 8) is ≤ 100 KB at 10,000 pages, measured by
scripts/bench_search.py; here the same layout is checked on 2,000 generated pages:
one postings bucket per term, one word bucket per Chinese character, a few
card chunks — a small share of what is on disk."""

from __future__ import annotations

import shutil

import pytest

from kepu.search.static_index import build_static_index, fnv1a, shard_of

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="Node runs search-core.js")


def test_python_and_browser_hash_terms_alike(tmp_path):
    import json
    import subprocess

    from kepu import paths

    core = paths.theme_dir() / "static" / "js" / "search-core.js"
    terms = ["糖尿病", "2型糖尿病", "heart", "血压高", "a"]
    out = subprocess.run(["node", "-e", f"const c=require({json.dumps(str(core))});"
                          f"console.log(JSON.stringify({json.dumps(terms)}.map(c.fnv1a)))"],
                         capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == [fnv1a(t) for t in terms]
    assert shard_of("糖尿病", 617) == fnv1a("糖尿病") % 617


def _bench_pages(n):
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "bench_search", Path(__file__).parents[2] / "scripts" / "bench_search.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.generate_pages(n)


@pytest.fixture(scope="module")
def bench_static(tmp_path_factory):
    from kepu.search.indexer import update_index
    from kepu.search.schema import documents_from_pages

    work = tmp_path_factory.mktemp("zero-server")
    pages = _bench_pages(2000)
    update_index(work / "ix", documents_from_pages(pages), full=True,
                 hub_pages=[m for m, _ in pages if m["type"] == "disease"])
    build_static_index(work / "ix", work / "static")
    return work / "static"


@pytest.mark.slow
@pytest.mark.parametrize("q", ["糖尿病", "血压高", "哮喘 孩子", "diabetes", "asthma inhaler"])
def test_first_query_fetches_a_small_share_of_the_index(bench_static, q):
    from kepu.search.static_index import first_query_bytes

    on_disk = sum(p.stat().st_size for p in bench_static.rglob("*.json")
                  if p.name != "pinyin.json")
    fetched = first_query_bytes(bench_static, q)
    assert 0 < fetched <= 100 * 1024, fetched
    assert fetched < 0.1 * on_disk, (fetched, on_disk)
