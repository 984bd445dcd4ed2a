"""kepu's posting pools write the same postings Whoosh's own pool does.

The pools replace Whoosh's external sort (PostingPool) for speed; a mistake
there would silently drop or misattribute search hits, so every posting of
every term is compared with an index written by Whoosh's unmodified writer —
after a full build, and after an edit whose commit merges the old segment in.
"""

from __future__ import annotations

from kepu.search import segments
from kepu.search.indexer import update_index
from kepu.search.schema import documents_from_pages
from tests.search.corpus import sample_pages
from tests.search.whoosh_reference import WhooshWriter


def _postings(index_dir) -> dict:
    """Every (field, term) → [(page id, weight, value)], by page id not docnum."""
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(str(index_dir))
    out = {}
    with ix.reader() as reader:
        ids = {n: fields["id"] for n, fields in reader.iter_docs()}
        for fieldname, text in reader.all_terms():
            matcher = reader.postings(fieldname, text)
            rows = []
            while matcher.is_active():
                if matcher.id() in ids:  # deleted documents stay in a segment until merged
                    rows.append((ids[matcher.id()], matcher.weight(), matcher.value()))
                matcher.next()
            if rows:
                out[(fieldname, text)] = sorted(rows)
    return out


def _build_and_edit(root, pages):
    """A full build, then one edit per commit until Whoosh merges small segments."""
    hubs = [m for m, _ in pages]
    update_index(root / "ix", documents_from_pages(pages), hub_pages=hubs, procs=1)
    first = _postings(root / "ix")
    edited = list(pages)
    for i in range(1, 8):
        meta, body = edited[i]
        edited[i] = ({**meta, "signoff": {**meta["signoff"], "content_hash": f"sha256:edit{i}"}},
                     body + f"\n\n鱼油不能代替钙片，每天晒太阳{i}十五分钟。")
        update_index(root / "ix", documents_from_pages(edited), hub_pages=hubs, procs=1)
    del edited[9]
    update_index(root / "ix", documents_from_pages(edited), hub_pages=hubs, procs=1)
    return first, _postings(root / "ix")


def test_full_and_merged_indexes_match_whooshs_own_writer(tmp_path, monkeypatch):
    pages = sample_pages()
    ours_full, ours_edited = _build_and_edit(tmp_path / "ours", pages)

    # The same writes through Whoosh's unmodified SegmentWriter (and PostingPool).
    monkeypatch.setattr(segments, "FastSegmentWriter", WhooshWriter)
    theirs_full, theirs_edited = _build_and_edit(tmp_path / "whoosh", pages)

    assert len(ours_full) > 1000  # a real vocabulary, not an empty index
    assert ours_full == theirs_full
    assert ours_edited == theirs_edited
    assert ours_edited != ours_full  # the edit reached the index
    assert any(text == "鱼油".encode() for _, text in ours_edited)


def test_out_of_order_postings_come_out_sorted():
    pool = segments.PostingLists()
    for item in [("body", b"b", 4, 1.0, None), ("body", b"a", 2, 2.0, b"x"),
                 ("body", b"b", 1, 3.0, None), ("title", b"a", 0, 1.0, None),
                 ("body", b"a", 7, 1.0, b"x")]:
        pool.add(item)
    assert len(pool) == 5
    assert list(pool.iter_postings()) == [
        ("body", b"a", 2, 2.0, b"x"), ("body", b"a", 7, 1.0, b"x"),
        ("body", b"b", 1, 3.0, None), ("body", b"b", 4, 1.0, None),
        ("title", b"a", 0, 1.0, None)]
    assert pool.fieldnames == {"body", "title"}
    pool.cleanup()
    assert len(pool) == 0 and list(pool.iter_postings()) == []


def test_a_full_pool_continues_in_new_segments(tmp_path, monkeypatch):
    """Past MAX_POOLED postings a writer takes no more documents (memory stays
    bounded): the rest go to new segments, and the index holds the same postings."""
    from whoosh import index as whoosh_index

    from kepu.search import indexer

    pages = sample_pages()
    hubs = [m for m, _ in pages]
    update_index(tmp_path / "one", documents_from_pages(pages), hub_pages=hubs, procs=1)
    monkeypatch.setattr(segments, "MAX_POOLED", 300)  # the sample holds ~1,900
    for procs in (1, 2):
        monkeypatch.setattr(indexer, "PARALLEL_FROM", 1)
        target = tmp_path / f"split{procs}"
        update_index(target, documents_from_pages(pages), hub_pages=hubs, procs=procs)
        assert len(whoosh_index.open_dir(str(target)).reader().leaf_readers()) > 2
        assert _postings(target) == _postings(tmp_path / "one")
