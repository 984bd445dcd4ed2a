"""kepu's term-count posting writer writes the files Whoosh's own writer writes.

postings.py writes each term's posting blocks and term-table rows itself,
without Whoosh's per-posting calls. Any difference in those bytes (a weight
rounded differently, a block boundary, a length statistic) would change
scores or lose hits silently, so the segments written for a generated corpus
(terms spanning several blocks, IDs, counted terms, spelling words) are
compared file by file with those of Whoosh's unmodified SegmentWriter: after a
full index, and after edits whose commits merge old segments (which go through
Whoosh's own code path).
"""

from __future__ import annotations

import random

import pytest
from whoosh import index as whoosh_index
from whoosh.filedb.compound import CompoundStorage
from whoosh.filedb.filestore import FileStorage

from kepu.bench.corpus import edit_page, generate_corpus
from kepu.search import postings, segments
from kepu.search.indexer import index_content_tree
from kepu.search.schema import build_schema
from tests.search.whoosh_reference import WhooshWriter


def _segment_files(index_dir) -> dict[str, bytes]:
    """Every file inside every segment's compound file (the compound directory
    itself records modification times, which differ between any two runs)."""
    storage = FileStorage(str(index_dir))
    files = {}
    for name in sorted(storage.list()):
        if name.endswith(".seg"):
            compound = CompoundStorage(storage.open_file(name), use_mmap=False)
            files.update({part: compound.open_file(part).read() for part in compound.list()})
    return files


def _index(content, index_dir, step: int, **kwargs) -> dict[str, bytes]:
    # Whoosh names segments at random: the same names in both runs, new ones each step.
    random.seed(step)
    index_content_tree(content, index_dir, procs=1, **kwargs)
    return _segment_files(index_dir)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return generate_corpus(tmp_path_factory.mktemp("corpus") / "c", pages=400, seed=5)


def test_segments_are_byte_identical_to_whooshs(corpus, tmp_path, monkeypatch):
    root = corpus.root
    # With Whoosh's path on both sides this test would pass trivially: count
    # the segments kepu's writer wrote.
    written = []
    fast_write = postings.write_postings
    monkeypatch.setattr(postings, "write_postings",
                        lambda *a, **k: written.append(1) or fast_write(*a, **k))
    pages = sorted(p.relative_to(root).as_posix() for p in root.glob("*/*/*.md")
                   if p.name != "index.md")
    ours = [_index(root, tmp_path / "ours", 0, full=True)]
    with monkeypatch.context() as m:
        m.setattr(segments, "FastSegmentWriter", WhooshWriter)
        theirs = [_index(root, tmp_path / "whoosh", 0, full=True)]

    # Edits, one commit each: the later commits merge small segments.
    for i, rel in enumerate(pages[:6]):
        edit_page(root, rel, note=f"第{i}次修改：鱼油不能代替钙片。Fish oil is not calcium {i}.")
        ours.append(_index(root, tmp_path / "ours", i + 1))
        with monkeypatch.context() as m:
            m.setattr(segments, "FastSegmentWriter", WhooshWriter)
            theirs.append(_index(root, tmp_path / "whoosh", i + 1))

    assert written  # kepu's writer wrote the full index's segment
    first = ours[0]
    assert any(name.endswith(".pst") and len(data) > 100_000 for name, data in first.items())
    for step, (a, b) in enumerate(zip(ours, theirs, strict=True)):
        assert sorted(a) == sorted(b), f"step {step}: different files"
        for name in a:
            assert a[name] == b[name], f"step {step}: {name} differs"
    assert ours[-1] != ours[0]  # the edits reached the index

    # The full index really exercised the fast path: terms past one block of
    # postings, and every kind of field.
    ix = whoosh_index.open_dir(str(tmp_path / "ours"))
    with ix.reader() as reader:
        for fieldname in ("body", "lang"):
            assert max(reader.doc_frequency(fieldname, t) for t in reader.lexicon(fieldname)) > 128
        assert {"id", "lang", "body", "title", "spell"} <= set(reader.indexed_field_names())
        assert reader.doc_count() > 390


def test_kepus_schema_is_one_the_writer_handles():
    # If a field kind changes (a phrase field, a vector), the writer must fall
    # back to Whoosh's path rather than write postings it does not understand.
    from whoosh.codec.whoosh3 import W3Codec
    from whoosh.fields import TEXT, Schema

    assert postings.handles(build_schema(), W3Codec())
    assert not postings.handles(Schema(body=TEXT(phrase=True)), W3Codec())
    assert not postings.handles(build_schema(), W3Codec(inlinelimit=4))
