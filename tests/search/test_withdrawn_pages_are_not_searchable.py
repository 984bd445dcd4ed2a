"""Withdrawn pages are in neither the Whoosh index nor the zero-server index (rule 1)."""

from __future__ import annotations

import json

from kepu.search.indexer import update_index
from kepu.search.query import SearchIndex
from kepu.search.schema import documents_from_pages
from kepu.search.static_index import build_static_index
from tests.search.corpus import sample_pages


def test_withdrawn_page_is_absent_from_both_indexes(tmp_path):
    pages = sample_pages()
    target = next(m for m, _ in pages if m["slug"] == "di-xue-tang")
    tombstone = {"id": target["id"], "lang": "zh", "disease": "tang-niao-bing",
                 "slug": "di-xue-tang", "url": "/zh/tang-niao-bing/di-xue-tang/"}
    docs = documents_from_pages(pages, withdrawn=[tombstone])
    update_index(tmp_path / "ix", docs, hub_pages=[m for m, _ in pages])
    found = SearchIndex(tmp_path / "ix").search("低血糖 心慌 出冷汗", lang="zh")
    assert tombstone["url"] not in [r["url"] for r in found["results"]]
    build_static_index(tmp_path / "ix", tmp_path / "static")
    cards = [c for f in (tmp_path / "static" / "d").glob("*.json")
             for c in json.loads(f.read_text(encoding="utf-8"))]
    assert len(cards) == len(pages) - 1
    assert tombstone["url"] not in [c[0] for c in cards]
    assert "心慌" not in "".join(f.read_text(encoding="utf-8")
                               for f in (tmp_path / "static" / "d").glob("*.json"))
