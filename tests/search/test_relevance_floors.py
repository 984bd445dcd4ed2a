"""Relevance on the judged queries stays above its floors, in both search modes."""

from __future__ import annotations

import shutil

import pytest

from kepu.contentformat import load_content_tree
from kepu.search.evaluation import evaluate, load_judged, service_ranker


@pytest.fixture(scope="module")
def all_urls(sample_content):
    from kepu.search.schema import documents_from_pages

    return [(d["url"], d["lang"]) for d in documents_from_pages(load_content_tree(sample_content).pages)]


def test_judged_set_is_big_enough():
    judged = load_judged()
    assert len(judged) >= 40
    assert {j.lang for j in judged} == {"zh", "en"}
    assert {"lay", "misspelled"} <= {j.kind for j in judged}


def test_service_relevance_floors(search_index, all_urls):
    scores = evaluate(load_judged(), service_ranker(search_index), all_urls)
    assert scores.mrr10 >= 0.9, scores.mrr10
    assert scores.recall5 >= 0.9, scores.recall5


@pytest.mark.skipif(shutil.which("node") is None, reason="Node runs search-core.js")
def test_zero_server_recall_is_at_least_95_percent_of_the_service(search_index, sample_index,
                                                                   all_urls, tmp_path):
    from kepu.search.static_index import build_static_index, static_ranker

    build_static_index(sample_index, tmp_path / "static")
    service = evaluate(load_judged(), service_ranker(search_index), all_urls)
    static = evaluate(load_judged(), static_ranker(tmp_path / "static"), all_urls)
    assert static.recall_all >= 0.95 * service.recall_all, (static.recall_all, service.recall_all)
    assert static.mrr10 >= 0.9
