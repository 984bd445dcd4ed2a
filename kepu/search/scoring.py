"""Scoring a query with whole posting lists instead of Whoosh's matcher trees.

A patient's query becomes, per word, an OR over five fields and over every lay
synonym; Whoosh walks that tree one posting at a time through several layers
of Python objects, three times per query (matching, scoring, counting). On
10,000 pages that took seconds. Here each term's postings are read once, block
by block, into a {document: score} table that later queries reuse, and a
query is a few dictionary merges.

The score is Whoosh's own BM25F, computed the same way (per field: the query
boost times bm25(idf, stored weight, field length, average length); ORs and
ANDs add their parts; an AND of several parts is multiplied by its boost), so
rankings are those of the Whoosh queries in query.py's history.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util.numeric import byte_to_length

from .schema import FIELD_BOOSTS

B, K1 = 0.75, 1.2  # Whoosh's BM25F defaults
CACHED_TERMS = 20_000
CACHED_CONCEPTS = 2_000
_BYTE_LENGTH = [byte_to_length(b) for b in range(256)]


class TermScorer:
    """{document: BM25F score over the searched fields} per term, for one searcher."""

    def __init__(self, searcher):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.leaves = list(self.reader.leaf_readers())
        self._lengths: dict[str, list[int]] = {}
        self._avg = {f: searcher.avg_field_length(f) or 1 for f in FIELD_BOOSTS}
        self._cache: OrderedDict[str, dict[int, float]] = OrderedDict()
        self._combined: OrderedDict[tuple, dict[int, float]] = OrderedDict()
        self._lock = threading.Lock()

    def term(self, term: str) -> dict[int, float]:
        scores = self._cache.get(term)
        if scores is not None:
            return scores
        scores = {}
        for field, boost in FIELD_BOOSTS.items():
            ids, weights = self._postings(field, term)
            if not ids:
                continue
            idf = self.searcher.idf(field, term)
            avg = self._avg[field]
            lengths = self._field_lengths(field)
            k = K1 * (1 - B)
            kb = K1 * B / avg
            scale = boost * idf * (K1 + 1)
            get = scores.get
            for doc, tf in zip(ids, weights, strict=True):
                scores[doc] = get(doc, 0.0) + scale * tf / (tf + k + kb * lengths[doc])
        with self._lock:
            self._cache[term] = scores
            if len(self._cache) > CACHED_TERMS:
                self._cache.popitem(last=False)
        return scores

    def combined(self, key, compute) -> dict[int, float]:
        """A cached table for a combination of terms (one concept of a query)."""
        scores = self._combined.get(key)
        if scores is None:
            scores = compute()
            with self._lock:
                self._combined[key] = scores
                if len(self._combined) > CACHED_CONCEPTS:
                    self._combined.popitem(last=False)
        return scores

    def _postings(self, field: str, term: str) -> tuple[list[int], list[float]]:
        ids: list[int] = []
        weights: list[float] = []
        if (field, term) not in self.reader:
            return ids, weights
        for leaf, base in self.leaves:
            if (field, term) not in leaf:
                continue
            m = leaf.postings(field, term)
            deleted = None
            if isinstance(m, FilterMatcher):
                deleted, m = m._ids, m.child
            if isinstance(m, W3LeafMatcher):
                # Whole blocks at a time (the matcher's own arrays).
                while m.is_active():
                    if m._ids is None:
                        m._read_ids()
                    if m._weights is None:
                        m._read_weights()
                    for doc, w in zip(m._ids, m._weights, strict=True):
                        if deleted is None or doc not in deleted:
                            ids.append(base + doc)
                            weights.append(w)
                    m._next_block()
            else:
                while m.is_active():
                    doc = m.id()
                    if deleted is None or doc not in deleted:
                        ids.append(base + doc)
                        weights.append(m.weight())
                    m.next()
        return ids, weights

    def _field_lengths(self, field: str) -> list[int]:
        lengths = self._lengths.get(field)
        if lengths is None:
            lengths = []
            for leaf, _ in self.leaves:
                try:  # the raw length bytes of the segment, in one read
                    column = leaf._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
                    lengths += [_BYTE_LENGTH[b] if b else 1 for b in column]
                except Exception:  # another codec: ask per document (slower, same values)
                    lengths += [leaf.doc_field_length(n, field, 1)
                                for n in range(leaf.doc_count_all())]
            self._lengths[field] = lengths
        return lengths


def add_into(total: dict[int, float], part: dict[int, float]) -> None:
    for doc, score in part.items():
        total[doc] = total.get(doc, 0.0) + score


def union(parts: list[dict[int, float]]) -> dict[int, float]:
    """OR: every document any part matches, with the sum of the matching parts."""
    if len(parts) == 1:
        return parts[0]
    base = max(parts, key=len)
    out = dict(base)
    for part in parts:
        if part is not base:
            add_into(out, part)
    return out


def intersection(parts: list[dict[int, float]]) -> dict[int, float]:
    """AND: documents every part matches, with the sum of the parts."""
    if len(parts) == 1:
        return parts[0]
    parts = sorted(parts, key=len)
    out = {}
    for doc, score in parts[0].items():
        for other in parts[1:]:
            s = other.get(doc)
            if s is None:
                break
            score += s
        else:
            out[doc] = score
    return out
