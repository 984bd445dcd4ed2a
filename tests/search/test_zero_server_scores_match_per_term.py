"""A full build scores every term of the zero-server index at once (numpy over
all postings); an edit re-scores single terms (StaticState._score_term). The
two must agree to the last bit: a different float, cut-off page or term order
would make an incrementally built site differ from a full build, and its
rankings from the ones the scores were tuned on.

Checked on a generated corpus: every term's postings, encoded output and
cut-off, and the byte counts that size the buckets, against the per-term
scorer — with the real cut-off and with a small one that most terms pass.
"""

from __future__ import annotations

from array import array

import pytest

from kepu.bench.corpus import generate_corpus
from kepu.search import static_state
from kepu.search.indexer import index_content_tree


@pytest.fixture(scope="module")
def state(tmp_path_factory):
    root = tmp_path_factory.mktemp("scores")
    corpus = generate_corpus(root / "content", pages=260, seed=11)
    index_content_tree(corpus.root, root / "index", procs=1)
    static_state._MEMORY.clear()
    loaded = static_state.current(root / "index")
    assert loaded is not None and len(loaded.docs) > 250
    return loaded


def _postings_one_by_one(st) -> dict:
    """What post holds, built posting by posting in page order."""
    post: dict = {}
    for n, doc_id in enumerate(st.order):
        for fi, (terms, counts) in enumerate(st.docs[doc_id][3]):
            for term, count in zip(terms, counts, strict=True):
                entry = post.setdefault(term, [None] * len(static_state.FIELDS))
                if entry[fi] is None:
                    entry[fi] = [array("I"), array("I")]
                entry[fi][0].append(n)
                entry[fi][1].append(count)
    return post


@pytest.mark.parametrize("kept", [static_state.MAX_POSTINGS, 12])
def test_scoring_every_term_at_once_equals_scoring_each(state, monkeypatch, kept):
    monkeypatch.setattr(static_state, "MAX_POSTINGS", kept)
    state._recompute_all()
    together = (dict(state.out), dict(state.cut), state.total_bytes, state.word_bytes)

    assert list(state.post) == list(_postings_one_by_one(state))  # same terms, same order
    assert state.post == _postings_one_by_one(state)

    one_by_one = static_state.StaticState()
    one_by_one.__dict__.update({**state.__dict__, "out": {}, "cut": {}, "total_bytes": 0,
                                "word_bytes": 0, "dirty_terms": set()})
    for term in state.post:
        one_by_one._score_term(term)
    assert list(together[0]) == list(one_by_one.out)
    for term, out in together[0].items():
        assert out == one_by_one.out[term], term
        assert together[1][term] == one_by_one.cut[term], term
    assert together[2:] == (one_by_one.total_bytes, one_by_one.word_bytes)

    # The corpus exercised what could go wrong: pages scored from several fields
    # and, with the small cut-off, terms past it (ranked, ties broken by page number).
    assert any(sum(pair is not None for pair in entry) >= 4 for entry in state.post.values())
    cut_terms = [t for t, c in together[1].items() if c is not None]
    if kept < 50:
        assert len(cut_terms) > 100
        assert all(together[0][t][2] == kept for t in cut_terms)
