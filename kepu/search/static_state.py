"""What the zero-server index is made from, kept between builds (issue 9).

The static files (static_index.py) hold, per term, its best pages and their
BM25-like scores. Those scores depend on global statistics (document count,
per-field document frequencies), so a one-page edit can in principle change
any file. Rebuilding every file from the Whoosh index took most of a one-page
rebuild at 10,000 pages; this module keeps what the files are computed from:

* per page: its sort key, its result card and its term counts per field
  (taken from the analysis the indexer already did, never segmented again);
* per term: its postings per field (page numbers and counts) and its encoded
  output, plus the score of its last kept posting;
* per output file: the digest of its bytes.

An edit that keeps the page set and the page order recomputes only the terms
whose counts changed for that page. A term whose document frequencies did not
change keeps every other page's score; if the edited page neither was nor now
is among its kept postings, its output cannot change. Adding, removing or
moving a page changes the document count, and so every score: everything is
recomputed in memory, and still only files whose bytes differ are written.

The state lives in memory (a build worker) and in the index folder for a fresh
process: a base pickle plus a log of the edits applied since, replayed on load.
It is only used when its pages' fingerprints equal those the Whoosh manifest
records, so it always describes the same documents as the Whoosh index.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import math
import os
import pickle
import struct
from array import array
from itertools import chain
from pathlib import Path

from .analysis import HAS_CJK
from .schema import FIELD_BOOSTS

STATE_FILE = "static-state.pickle"
LOG_FILE = "static-state.log"
STATE_FORMAT = 4  # 2: records carry the page's display words; 3: vocabulary version; 4: packed post
# Log entries replayed by a fresh process before the base is rewritten. Rewriting
# the base pickles every page's terms (~0.6 s at 10,000 pages, inside a publish);
# replaying one logged edit costs about a millisecond.
COMPACT_AFTER = 128

FIELDS = tuple(FIELD_BOOSTS)
BOOSTS = tuple(FIELD_BOOSTS.values())
DOC_CHUNK = 4  # a top-10 page usually needs a few chunks; small chunks waste few bytes
MAX_POSTINGS = 300  # per term: the best pages only (a patient never pages past these)
BUCKET_BYTES = 1000  # aimed mean size of a postings bucket: a query fetches one per term
BUCKET_STEP = 16  # bucket counts move in steps, so one edit rarely re-buckets every term
_B36 = "0123456789abcdefghijklmnopqrstuvwxyz"
_F32 = struct.Struct("f")

# A build worker keeps the state between builds: {index folder: state}.
_MEMORY: dict[str, StaticState] = {}


def fnv1a(text: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes. Must match fnv1a() in search-core.js."""
    h = 0x811C9DC5
    for b in text.encode("utf-8"):
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def shard_of(term: str, shards: int) -> int:
    """Postings bucket of a term (shardOf() in search-core.js)."""
    return fnv1a(term) % shards


def word_shard_of(word: str, shards: int) -> int:
    """Word bucket: by first character, so jieba's route over a query needs one
    bucket per character (wordShardOf() in search-core.js)."""
    return fnv1a(word[:1]) % shards


def _b36(n: int) -> str:
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = _B36[r] + out
        if not n:
            return out


_SMALL = [_b36(n) for n in range(36 * 36)]
_SCORE = [_b36(n).rjust(2, "0") for n in range(100)]


def encode_postings(pairs: list[tuple[int, int]]) -> str:
    """Sorted (doc, score 1..99) pairs as base-36 doc deltas, each followed by a
    two-digit base-36 score: about 4 bytes a posting instead of 8 as JSON numbers."""
    out, last = [], 0
    small, scores = _SMALL, _SCORE
    for doc, score in pairs:
        delta = doc - last
        out.append((small[delta] if delta < 1296 else _b36(delta)) + scores[score])
        last = doc
    return ",".join(out)


def buckets_for(total_bytes: int) -> int:
    n = total_bytes // BUCKET_BYTES + 1
    return max(16, min(8192, -(-n // BUCKET_STEP) * BUCKET_STEP))


def _weight(count: int, boost: float) -> float:
    # Whoosh stores posting weights as 32-bit floats; the scores are computed
    # from what it stores, so that a page scores as it did when read back.
    return _F32.unpack(_F32.pack(count * boost))[0]


def dump_json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=12).hexdigest()


def record_of(doc: dict, counts: list, display: tuple[str, ...] = ()) -> tuple:
    """What the state keeps of one analysed document (``counts``: a TermCounts per
    field; ``display``: its Chinese display words, for the query dictionary and
    pinyin keys)."""
    card = (doc["url"], doc["title"], doc["summary"], doc["lang"], doc["type"], doc["disease"],
            doc.get("expert_name") or "", doc.get("reviewed") or "")
    key = (doc["lang"], doc["disease"], doc["type"], doc["url"])
    fields = tuple((c.words, c.counts) for c in counts)
    return (doc["id"], doc["fingerprint"], key, card, fields, display)


def common_chars() -> set[str]:
    """GB2312's level-1 characters: the 3,755 most common in Chinese text."""
    chars = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


class StaticState:
    """Postings, outputs and file digests of the zero-server index (see the module doc)."""

    def __init__(self):
        self.docs: dict[str, tuple] = {}  # id -> (fingerprint, key, card, fields)
        self.order: list[str] = []  # ids, numbered in (lang, disease, type, url) order
        self.num: dict[str, int] = {}
        self.post: dict[str, list] = {}  # term -> per field: None | [array slots, array counts]
        self.out: dict[str, list] = {}  # term -> [encoded postings, max score]
        self.cut: dict[str, tuple | None] = {}  # term -> (-score, number) of its last kept page
        self.total_bytes = 0  # what the postings buckets hold: sets their number
        self.word_bytes = 0
        self.shards = self.word_shards = 0
        self.members: dict[int, set] = {}
        self.word_members: dict[int, set] = {}
        self.english: dict[str, set] = {}
        self.freq: dict[str, int] = {}
        self.stamps: dict[str, str] = {}
        self.extras: dict[str, bytes] = {}  # synonyms.json, pinyin.json
        self.pinyin_chars: dict[str, str] = {}
        # Chinese display words -> how many pages have them: the words of the query
        # dictionary and the pinyin keys are exactly the current pages', in an
        # incremental build as in a full one (words of removed text go).
        self.display: dict[str, int] = {}
        self.word_freq: dict[str, int] = {}    # jieba's dictionary frequency, 0 if none
        self.word_pinyin: dict[str, str] = {}  # display word -> toneless pinyin key
        # Moves whenever a term or display word appears or goes: the query
        # dictionary and pinyin keys need making again only then (most edits
        # reuse words the site already has). ``vocab_made``: the version (and
        # synonyms) the vocabulary files were last made for.
        self.vocab_version = 0
        self.vocab_made: tuple | None = None
        self.digests: dict[str, str] = {}  # rel -> digest of its bytes
        self.ranges: list = []
        # Not yet rendered: terms, card chunks, everything.
        self.dirty_terms: set[str] = set()
        self.dirty_chunks: set[int] = set()
        self.dirty_all = True
        self.log_entries = 0
        self._rendered: dict[str, bytes] = {}  # by the last refresh(), until written
        # The fingerprint table this state was last found equal to (load()).
        self.matched: dict | None = None

    # --- keeping it in line with the Whoosh index ---------------------------------------

    def fingerprints(self) -> dict[str, str]:
        return {i: rec[0] for i, rec in self.docs.items()}

    def __getstate__(self) -> dict:
        # ``post`` as a few flat arrays: pickling 100,000 small arrays one by one
        # was half of saving the state at 10,000 pages (0.36 s), and more than
        # half of loading it in a fresh process (0.43 s).
        return {**self.__dict__, "matched": None, "post": _pack_post(self.post), "_rendered": {}}

    def __setstate__(self, state: dict) -> None:
        # An older format's pickle fails here (load() catches it and starts again).
        self.__dict__.update(state, post=_unpack_post(state["post"]))

    def apply(self, records: list[tuple], removed: list[str]) -> bool:
        """Take in analysed documents (record_of) and removed ids. True when every
        score was recomputed (the page set or order changed)."""
        self.matched = None
        old = {}
        for doc_id in removed:
            gone = self.docs.pop(doc_id, None)
            if gone is not None:
                self._count_display(gone[4], -1)
        for rec in records:
            old[rec[0]] = self.docs.get(rec[0])
            self.docs[rec[0]] = rec[1:]
            # The new words first: a word only this page has stays counted
            # throughout, so the vocabulary does not look changed when it is not.
            self._count_display(rec[5], 1)
            if old[rec[0]] is not None:
                self._count_display(old[rec[0]][4], -1)
        same_order = not removed and all(o is not None and o[1] == rec[2]
                                         for rec, o in zip(records, old.values(), strict=True))
        if not same_order or self.dirty_all:
            self._recompute_all()
            return True
        for rec in records:
            self._update_doc(rec[0], old[rec[0]], self.docs[rec[0]])
        return False

    def _count_display(self, words: tuple[str, ...], step: int) -> None:
        display = self.display
        for word in words:
            n = display.get(word, 0) + step
            if n:
                if n == step:
                    self.vocab_version += 1
                display[word] = n
            else:
                del display[word]
                self.vocab_version += 1

    def _recompute_all(self) -> None:
        self.order = sorted(self.docs, key=lambda i: self.docs[i][1])
        self.num = {doc_id: n for n, doc_id in enumerate(self.order)}
        ranges: list[list] = []
        for n, doc_id in enumerate(self.order):
            key = list(self.docs[doc_id][1][:3])
            if ranges and ranges[-1][:3] == key:
                ranges[-1][4] = n + 1
            else:
                ranges.append([*key, n, n + 1])
        self.ranges = ranges
        self.post, self.out, self.cut = {}, {}, {}
        self.total_bytes = self.word_bytes = 0
        self._score_all()
        self.vocab_version += 1
        self.dirty_all = True
        self.dirty_terms.clear()
        self.dirty_chunks.clear()

    def _score_all(self) -> None:
        """``post``, ``out`` and ``cut`` of every term, from every page's counts.

        The same results as _score_term on each term (tests/search/
        test_zero_server_scores_match_per_term.py), computed over whole arrays:
        at 10,000 pages the per-term loop (1.85 million postings through dicts,
        then 40,000 sorts) was two seconds of a build's search phase on one core.
        Every float is made by the same operations in the same order: the
        per-field contributions are added field by field, not by a reduction.
        """
        import numpy as np  # here: the search server, which never scores, does without it

        nfields = len(FIELDS)
        per_field = [(n, fi, terms, term_counts)
                     for n, doc_id in enumerate(self.order)
                     for fi, (terms, term_counts) in enumerate(self.docs[doc_id][3]) if terms]
        if not per_field:
            return
        # Terms numbered in the order they are first met (the per-posting loop's order).
        ids = dict.fromkeys(chain.from_iterable(x[2] for x in per_field))
        words = list(ids)
        for i, word in enumerate(words):
            ids[word] = i
        total = sum(len(x[2]) for x in per_field)
        tid = np.fromiter(map(ids.__getitem__, chain.from_iterable(x[2] for x in per_field)),
                          dtype=np.int32, count=total)
        cnt = np.fromiter(chain.from_iterable(x[3] for x in per_field), dtype=np.int32, count=total)
        lengths = [len(x[2]) for x in per_field]
        doc = np.repeat(np.array([x[0] for x in per_field], dtype=np.int32), lengths)
        fld = np.repeat(np.array([x[1] for x in per_field], dtype=np.int8), lengths)
        del ids, per_field, lengths

        # post: per (term, field), pages in number order (they arrived in it).
        order = np.argsort(tid * nfields + fld, kind="stable")
        tid, fld, doc, cnt = tid[order], fld[order], doc[order], cnt[order]
        del order
        slots, slot_counts = doc.astype(np.uint32).tobytes(), cnt.astype(np.uint32).tobytes()
        starts = np.flatnonzero(np.r_[True, (tid[1:] != tid[:-1]) | (fld[1:] != fld[:-1])])
        ends = np.r_[starts[1:], len(tid)]
        group_df = ends - starts
        post = {}
        for t, fi, b, e in zip(tid[starts].tolist(), fld[starts].tolist(),
                               (starts * 4).tolist(), (ends * 4).tolist(), strict=True):
            word = words[t]
            entry = post.get(word)
            if entry is None:
                entry = post[word] = [None] * nfields
            entry[fi] = [array("I", slots[b:e]), array("I", slot_counts[b:e])]
        self.post = {w: post[w] for w in words}
        del post, slots, slot_counts, starts, ends

        # Each posting's contribution: boost · idf · w / (w + 1.2), w the float32 weight,
        # with _score_term's operations in its order.
        idf_of = np.array([self._idf(d) for d in range(int(group_df.max()) + 1)])
        boost = np.array(BOOSTS)[fld]
        value = boost * idf_of[np.repeat(group_df, group_df)]
        weight = (cnt * boost).astype(np.float32).astype(np.float64)
        del boost, cnt, group_df
        value *= weight
        weight += 1.2
        value /= weight
        del weight

        # A page's score for a term: its fields' contributions added in field order
        # (a stable sort by term and page keeps the fields in order).
        by_page = np.argsort(tid.astype(np.int64) * len(self.order) + doc, kind="stable")
        tid, doc, value = tid[by_page], doc[by_page], value[by_page]
        del by_page, fld
        firsts = np.flatnonzero(np.r_[True, (tid[1:] != tid[:-1]) | (doc[1:] != doc[:-1])])
        size = np.diff(np.r_[firsts, len(tid)])
        score = value[firsts]
        for k in range(1, int(size.max())):
            more = size > k
            score[more] = score[more] + value[firsts[more] + k]
        tid, doc = tid[firsts], doc[firsts]  # one entry per (term, page), by term and page
        del value, firsts, size

        term_start = np.flatnonzero(np.r_[True, tid[1:] != tid[:-1]])
        term_len = np.diff(np.r_[term_start, len(tid)])
        top = np.maximum.reduceat(score, term_start)
        # Terms on more pages than are kept: ranked by score, ties by page number.
        keep = np.ones(len(tid), dtype=bool)
        cuts: dict[int, tuple] = {}
        over = np.flatnonzero(term_len > MAX_POSTINGS)
        for i in over.tolist():
            # Its pages are in page order: a stable sort by score breaks ties by number.
            b = int(term_start[i])
            ranked = b + np.argsort(-score[b:b + int(term_len[i])], kind="stable")
            keep[ranked[MAX_POSTINGS:]] = False
            at = int(ranked[MAX_POSTINGS - 1])
            cuts[int(tid[b])] = (-float(score[at]), int(doc[at]))
        scale = np.repeat(np.where(top == 0, 1.0, top), term_len)
        marks = np.maximum(1, np.rint(99 * score / scale)).astype(np.int64)[keep].tolist()
        tid, doc = tid[keep], doc[keep]
        del scale, score, keep
        kept_start = np.flatnonzero(np.r_[True, tid[1:] != tid[:-1]])
        kept_end = np.r_[kept_start[1:], len(tid)]
        delta = doc.astype(np.int64)
        delta[1:] -= doc[:-1]
        delta[kept_start] = doc[kept_start]  # each term's first page, then the gaps

        small = _SMALL
        codes = [small[d] if d < 1296 else _b36(d) for d in delta.tolist()]
        marks = list(map(_SCORE.__getitem__, marks))
        out, cut = self.out, self.cut
        total_bytes = word_bytes = 0
        for t, b, e, best in zip(tid[kept_start].tolist(), kept_start.tolist(),
                                 kept_end.tolist(), top.tolist(), strict=True):
            word = words[t]
            encoded = ",".join(map(str.__add__, codes[b:e], marks[b:e]))
            out[word] = [encoded, round(best, 2), e - b]
            cut[word] = cuts.get(t)
            total_bytes += len(word) + len(encoded) + 12
            if HAS_CJK.search(word):
                word_bytes += len(word.encode()) + 8
        self.total_bytes, self.word_bytes = total_bytes, word_bytes

    def _update_doc(self, doc_id: str, before: tuple, after: tuple) -> None:
        n = self.num[doc_id]
        if before[2] != after[2]:
            self.dirty_chunks.add(n // DOC_CHUNK)
        old = [dict(zip(t, c, strict=True)) for t, c in before[3]]
        new = [dict(zip(t, c, strict=True)) for t, c in after[3]]
        touched: dict[str, bool] = {}  # term -> a field's document frequency changed
        for fi in range(len(FIELDS)):
            o, w = old[fi], new[fi]
            for term in o.keys() | w.keys():
                a, b = o.get(term, 0), w.get(term, 0)
                if a == b:
                    continue
                self._set_count(term, fi, n, b)
                touched[term] = touched.get(term, False) or not a or not b
        for term, df_changed in touched.items():
            if df_changed or term not in self.out:
                self._score_term(term)
                continue
            cut = self.cut[term]
            if cut is None:  # every page of the term is kept: its scores are in the file
                self._score_term(term)
                continue
            before_key = (-self._doc_score(term, old, n), n)
            after_key = (-self._doc_score(term, new, n), n)
            if before_key <= cut or after_key <= cut:
                self._score_term(term)
            # else: neither kept before nor now, and nobody else's score moved.

    def _set_count(self, term: str, fi: int, n: int, count: int) -> None:
        entry = self.post.get(term)
        if entry is None:
            entry = self.post[term] = [None] * len(FIELDS)
            self.vocab_version += HAS_CJK.search(term) is not None  # the query dictionary's words
        pair = entry[fi]
        if pair is None:
            pair = entry[fi] = [array("I"), array("I")]
        slots, counts = pair
        i = bisect.bisect_left(slots, n)
        present = i < len(slots) and slots[i] == n
        if count and present:
            counts[i] = count
        elif count:
            slots.insert(i, n)
            counts.insert(i, count)
        elif present:
            del slots[i]
            del counts[i]
            if not slots:
                entry[fi] = None
                if not any(entry):
                    del self.post[term]
                    self.vocab_version += HAS_CJK.search(term) is not None

    def _idf(self, df: int) -> float:
        n_docs = max(1, len(self.order))
        return math.log(1 + (n_docs - df + 0.5) / (df + 0.5))

    def _doc_score(self, term: str, fields: list[dict], n: int) -> float:
        """One page's score for ``term`` given its counts (document frequencies unchanged)."""
        score = 0.0
        entry = self.post.get(term) or [None] * len(FIELDS)
        for fi, boost in enumerate(BOOSTS):
            count = fields[fi].get(term)
            if count and entry[fi] is not None:
                idf = self._idf(len(entry[fi][0]))
                weight = _weight(count, boost)
                score += boost * idf * weight / (weight + 1.2)
        return score

    def _score_term(self, term: str) -> None:
        """Recompute one term's kept postings and encoded output."""
        self.dirty_terms.add(term)
        previous = self.out.pop(term, None)
        cjk = HAS_CJK.search(term) is not None
        if previous is not None:
            self.total_bytes -= len(term) + len(previous[0]) + 12
            self.word_bytes -= (len(term.encode()) + 8) * cjk
        entry = self.post.get(term)
        self.cut.pop(term, None)
        if entry is None:
            return
        scores: dict[int, float] | None = None
        for fi, boost in enumerate(BOOSTS):
            pair = entry[fi]
            if pair is None:
                continue
            slots, counts = pair
            idf = self._idf(len(slots))
            values = {}
            for count in set(counts):  # a handful of distinct counts per term and field
                weight = _weight(count, boost)
                values[count] = boost * idf * weight / (weight + 1.2)
            contributions = zip(slots, map(values.__getitem__, counts), strict=True)
            if scores is None:
                scores = dict(contributions)  # 0.0 + v is v: the same floats as summing
            else:
                get = scores.get
                for n, value in contributions:
                    scores[n] = get(n, 0.0) + value
        # Ties are broken by page number, so the kept pages never depend on history.
        ranked = sorted(zip(map(float.__neg__, scores.values()), scores, strict=True))
        best = [(n, -neg) for neg, n in ranked[:MAX_POSTINGS]]
        best.sort()
        top_score = -ranked[0][0]
        top = top_score or 1
        self.cut[term] = ranked[MAX_POSTINGS - 1] if len(ranked) > MAX_POSTINGS else None
        pairs = [(n, max(1, round(99 * value / top))) for n, value in best]
        out = [encode_postings(pairs), round(top_score, 2), len(pairs)]
        self.out[term] = out
        self.total_bytes += len(term) + len(out[0]) + 12
        self.word_bytes += (len(term.encode()) + 8) * cjk

    # --- rendering the files ------------------------------------------------------------

    def refresh(self, index_dir: Path, synonyms_file: Path | None = None) -> set[str]:
        """Render every file whose inputs changed; return the paths whose bytes changed
        (or that vanished). Afterwards ``digests`` lists every file of the index."""
        from .analysis import QUERY_DICT

        changed: set[str] = set()
        rendered: dict[str, bytes | None] = {}  # rel -> b"" render it, None drop it
        index_dir = Path(index_dir)
        qbytes = _read_bytes(index_dir / QUERY_DICT)
        qstamp = _digest(qbytes)
        if self.stamps.get("freq") != qstamp:
            freq = _parse_freq(qbytes)
            moved = (freq.keys() ^ self.freq.keys()) | {w for w, c in freq.items()
                                                        if self.freq.get(w) != c}
            self.dirty_terms.update(w for w in moved if w in self.out)
            self.freq, self.stamps["freq"] = freq, qstamp
        shards, word_shards = buckets_for(self.total_bytes), buckets_for(self.word_bytes)
        if self.dirty_all or shards != self.shards:
            self.shards, self.members = shards, {}
            for term in self.out:
                self.members.setdefault(shard_of(term, shards), set()).add(term)
            self._replace_folder("t", self.members, rendered)
        if self.dirty_all or word_shards != self.word_shards:
            self.word_shards, self.word_members = word_shards, {}
            for word in self.out:
                if HAS_CJK.search(word):
                    self.word_members.setdefault(word_shard_of(word, word_shards), set()).add(word)
            self._replace_folder("w", self.word_members, rendered)
        if self.dirty_all:
            self.english = {}
            for term in self.out:
                if not HAS_CJK.search(term) and "a" <= term[:1] <= "z":
                    self.english.setdefault(term[0], set()).add(term)
            self._replace_folder("e", self.english, rendered)
            self._replace_folder("d", range(-(-len(self.order) // DOC_CHUNK)), rendered)
        for term in self.dirty_terms:
            present = term in self.out
            shard = shard_of(term, self.shards)
            _member(self.members, shard, term, present)
            rendered[f"t/{shard}.json"] = b""
            if HAS_CJK.search(term):
                wshard = word_shard_of(term, self.word_shards)
                _member(self.word_members, wshard, term, present)
                rendered[f"w/{wshard}.json"] = b""
            elif "a" <= term[:1] <= "z":
                _member(self.english, term[0], term, present)
                rendered[f"e/{term[0]}.json"] = b""
        for chunk in self.dirty_chunks:
            rendered[f"d/{chunk}.json"] = b""
        self._extras(index_dir, synonyms_file, rendered)
        rendered["manifest.json"] = b""
        # What was rendered here is kept until written (rendered_bytes), not rendered twice.
        self._rendered = {}
        for rel in rendered:
            data = self.render(rel) if rendered[rel] is not None else None
            if data is None:
                if self.digests.pop(rel, None) is not None:
                    changed.add(rel)
                continue
            self._rendered[rel] = data
            dg = _digest(data)
            if self.digests.get(rel) != dg:
                self.digests[rel] = dg
                changed.add(rel)
        self.dirty_terms.clear()
        self.dirty_chunks.clear()
        self.dirty_all = False
        return changed

    def _extras(self, index_dir: Path, synonyms_file: Path | None, rendered: dict) -> None:
        from .indexer import PINYIN_FILE
        from .synonyms import HUBS_FILE, SHIPPED

        syn = synonyms_file or os.environ.get("KEPU_SEARCH_SYNONYMS") or SHIPPED
        stamp = _digest(b"\0".join([str(syn).encode(), _read_bytes(Path(syn)),
                                    _read_bytes(index_dir / HUBS_FILE), self.stamps["freq"].encode()]))
        if self.stamps.get("synonyms") != stamp or "synonyms.json" not in self.extras:
            self.extras["synonyms.json"] = _synonyms_json(index_dir, synonyms_file, self.freq)
            self.stamps["synonyms"] = stamp
            rendered["synonyms.json"] = b""
        words = _read_bytes(index_dir / PINYIN_FILE)
        stamp = _digest(words)
        if self.stamps.get("pinyin") != stamp or "pinyin.json" not in self.extras:
            self.extras["pinyin.json"] = dump_json(self._pinyin_table(words))
            self.stamps["pinyin"] = stamp
            rendered["pinyin.json"] = b""

    def _pinyin_table(self, words_bytes: bytes) -> dict:
        """For Chinese typos (唐尿病 → 糖尿病): toneless pinyin of the common characters
        (GB2312 level 1) and of the index's display words. Characters already seen
        are kept, so pypinyin (0.8 s to import) is only loaded for new ones."""
        words = json.loads(words_bytes) if words_bytes else {}
        chars = common_chars() | {c for w in words.values() for c in w}
        chars = {c for c in chars if HAS_CJK.search(c)}
        todo = sorted(chars - self.pinyin_chars.keys())
        if todo:
            from .wordlookup import char_pinyin

            self.pinyin_chars.update(char_pinyin(todo))
        table = {c: self.pinyin_chars[c] for c in sorted(chars) if self.pinyin_chars[c]}
        return {"chars": table, "words": words}

    def rendered_bytes(self, rel: str) -> bytes | None:
        """The bytes of one file: as the last refresh() rendered them (handed out
        once), or rendered now."""
        data = self._rendered.pop(rel, None)
        return data if data is not None else self.render(rel)

    def forget_rendered(self) -> None:
        self._rendered = {}

    def render(self, rel: str) -> bytes | None:
        """The bytes of one file of the index, or None if the index has no such file."""
        folder, _, name = rel.partition("/")
        if not name:
            if rel == "manifest.json":
                return dump_json({"format": 2, "docs": len(self.order), "shards": self.shards,
                                  "words": self.word_shards, "chunk": DOC_CHUNK,
                                  "ranges": self.ranges, "boosts": FIELD_BOOSTS})
            return self.extras.get(rel)
        stem = name.removesuffix(".json")
        if folder == "t":
            terms = self.members.get(int(stem))
            return dump_json({t: self.out[t][:2] for t in sorted(terms)}) if terms else None
        if folder == "w":
            words = self.word_members.get(int(stem))
            return dump_json({w: self.freq.get(w, 1) for w in sorted(words)}) if words else None
        if folder == "e":
            terms = self.english.get(stem)
            return dump_json({t: self.out[t][2] for t in sorted(terms)}) if terms else None
        if folder == "d":
            start = int(stem) * DOC_CHUNK
            cards = [list(self.docs[i][2]) for i in self.order[start:start + DOC_CHUNK]]
            return dump_json(cards) if cards else None
        return None

    def _replace_folder(self, folder: str, names, rendered: dict) -> None:
        for rel in self.digests:
            if rel.startswith(folder + "/"):
                rendered[rel] = None
        for name in names:
            rendered[f"{folder}/{name}.json"] = b""

    # --- persistence --------------------------------------------------------------------

    def save(self, index_dir: Path) -> None:
        """Write the whole state (and drop the log it includes)."""
        self.log_entries = 0
        path = Path(index_dir) / STATE_FILE
        tmp = path.with_suffix(".tmp")
        with open(tmp, "wb") as fh:
            pickle.dump((STATE_FORMAT, self), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        (Path(index_dir) / LOG_FILE).unlink(missing_ok=True)

    def log(self, index_dir: Path, records: list[tuple], removed: list[str]) -> None:
        """Append one edit to the log a fresh process replays."""
        with open(Path(index_dir) / LOG_FILE, "ab") as fh:
            pickle.dump((records, removed), fh, protocol=pickle.HIGHEST_PROTOCOL)
        self.log_entries += 1


def _pack_post(post: dict[str, list]) -> tuple:
    """``post`` as (terms, which fields each has, postings per field, pages, counts)."""
    shapes, lengths, slots, counts = bytearray(), array("I"), array("I"), array("I")
    for entry in post.values():
        shape = 0
        for fi, pair in enumerate(entry):
            if pair is not None:
                shape |= 1 << fi
                lengths.append(len(pair[0]))
                slots.extend(pair[0])
                counts.extend(pair[1])
        shapes.append(shape)
    return (list(post), bytes(shapes), lengths, slots.tobytes(), counts.tobytes())


def _unpack_post(packed: tuple) -> dict[str, list]:
    words, shapes, lengths, slots, counts = packed
    nfields = len(FIELDS)
    post: dict[str, list] = {}
    at, group = 0, 0
    for word, shape in zip(words, shapes, strict=True):
        entry = [None] * nfields
        for fi in range(nfields):
            if shape >> fi & 1:
                end = at + 4 * lengths[group]
                entry[fi] = [array("I", slots[at:end]), array("I", counts[at:end])]
                at, group = end, group + 1
        post[word] = entry
    return post


def _member(table: dict, key, term: str, present: bool) -> None:
    if present:
        table.setdefault(key, set()).add(term)
    elif key in table:
        table[key].discard(term)
        if not table[key]:
            del table[key]


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _parse_freq(data: bytes) -> dict[str, int]:
    out = {}
    for line in data.decode("utf-8").splitlines():
        w, _, c = line.partition("\t")
        if w:
            out[w] = int(c or 1)
    return out


def _synonyms_json(index_dir: Path, synonyms_file: Path | None, freq: dict[str, int]) -> bytes:
    from .analysis import QuerySegmenter
    from .query import _terms
    from .synonyms import SynonymTable, _key

    segmenter = QuerySegmenter(freq)
    synonyms = SynonymTable.load(index_dir, synonyms_file)
    groups = [{"keys": [_key(t) for t in g.terms], "alts": [_terms(t, segmenter) for t in g.terms],
               "diseases": sorted(g.diseases)} for g in synonyms.groups if g.terms]
    return dump_json({"groups": groups})


def load(index_dir: Path, fingerprints: dict[str, str]) -> StaticState | None:
    """The state describing exactly the documents ``fingerprints`` lists, or None."""
    index_dir = Path(index_dir)
    key = str(index_dir.resolve())
    state = _MEMORY.get(key)
    if state is not None and getattr(state, "matched", None) is fingerprints:
        return state  # checked against this very table already (it is never changed)
    if state is not None and state.docs.keys() == fingerprints.keys() \
            and state.fingerprints() == fingerprints:
        state.matched = fingerprints
        return state
    _MEMORY.pop(key, None)
    try:
        with open(index_dir / STATE_FILE, "rb") as fh:
            fmt, state = pickle.load(fh)
    # A damaged or older state (its postings no longer unpack: __setstate__) is
    # dropped, and the index made again from the pages.
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError,
            IndexError):
        return None
    if fmt != STATE_FORMAT:
        return None
    try:
        with open(index_dir / LOG_FILE, "rb") as fh:
            while True:
                try:
                    records, removed = pickle.load(fh)
                except EOFError:
                    break
                state.apply(records, removed)
                state.log_entries += 1
    except FileNotFoundError:
        pass
    except (OSError, pickle.UnpicklingError, ValueError):
        return None
    if state.fingerprints() != fingerprints:
        return None
    state.matched = fingerprints
    _MEMORY[key] = state
    return state


def remember(index_dir: Path, state: StaticState) -> None:
    _MEMORY[str(Path(index_dir).resolve())] = state


def current(index_dir: Path) -> StaticState | None:
    """The state of the index at ``index_dir`` as its manifest describes it."""
    from .indexer import MANIFEST, read_manifest_file

    data = read_manifest_file(Path(index_dir) / MANIFEST)
    if data is None:
        return None
    return load(index_dir, data.get("fingerprints") or {})


def forget(index_dir: Path) -> None:
    """Drop the state kept in memory for ``index_dir`` (another process changed it)."""
    _MEMORY.pop(str(Path(index_dir).resolve()), None)
