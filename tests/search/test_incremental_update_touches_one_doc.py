"""A rebuild after one edit re-indexes that page only; a removed page leaves the index."""

from __future__ import annotations

from kepu.search.indexer import update_index
from kepu.search.query import SearchIndex
from kepu.search.schema import documents_from_pages
from tests.search.corpus import sample_pages


def test_one_changed_page_updates_one_document(tmp_path):
    pages = sample_pages()
    hubs = [m for m, _ in pages]
    first = update_index(tmp_path / "ix", documents_from_pages(pages), hub_pages=hubs)
    assert len(first.added) == len(pages)
    index = SearchIndex(tmp_path / "ix")
    assert index.search("鱼油", lang="zh")["total"] == 0

    i, (meta, body) = next((i, p) for i, p in enumerate(pages) if p[0]["slug"] == "bu-gai")
    pages[i] = ({**meta, "signoff": {**meta["signoff"], "content_hash": "sha256:edited"}},
                body + "\n\n鱼油不能代替钙片。")
    again = update_index(tmp_path / "ix", documents_from_pages(pages), hub_pages=hubs)
    assert again.updated == [str(meta["id"])] and not again.added and not again.removed
    assert again.unchanged == len(pages) - 1
    hits = index.search("鱼油", lang="zh")  # the running searcher sees the new generation
    assert [r["url"] for r in hits["results"]] == ["/zh/gu-zhi-shu-song/bu-gai/"]

    gone = pages.pop(i)
    third = update_index(tmp_path / "ix", documents_from_pages(pages), hub_pages=hubs)
    assert third.removed == [str(gone[0]["id"])] and third.touched == 1
    assert index.search("鱼油", lang="zh")["total"] == 0
    assert index.doc_count == len(pages)


def test_nothing_changed_writes_nothing(tmp_path):
    pages = sample_pages()
    docs = documents_from_pages(pages)
    update_index(tmp_path / "ix", docs, hub_pages=[m for m, _ in pages])
    stats = update_index(tmp_path / "ix", docs, hub_pages=[m for m, _ in pages])
    assert stats.touched == 0 and stats.unchanged == len(pages)
