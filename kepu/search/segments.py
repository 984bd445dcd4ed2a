"""Writing Whoosh segments: one per core for big batches, with less per-posting work.

Whoosh is pure Python, and on a 10,000-page build both halves of the work —
segmenting with jieba and writing postings — are CPU-bound. So a big batch is
split into one slice per core; each slice is segmented and written to its own
segment by a process forked from the parent (after jieba has loaded, so the
dictionary pages are shared, not loaded again), and the parent commits the
segments together. Searching two segments costs less than merging them.

Whoosh's own MpWriter does the same, but pickles every document through temp
files and hands them out in batches of 100; here the slices are inherited by
fork and only the segment descriptions come back.
"""

from __future__ import annotations

import gc
import multiprocessing
from array import array
from typing import Any

from whoosh.writing import SegmentWriter

from . import postings

# The slices of the batch being written, inherited by the forked workers.
_JOB: dict[str, Any] = {}


class _Lengths:
    """A segment's field lengths read once per field, not once per posting.

    Whoosh's writer looks up the document's field length for every posting it
    writes (for block statistics); through the column reader that was a fifth
    of a full build.
    """

    def __init__(self, reader):
        self._reader = reader
        self._fields: dict[str, list[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self._fields.get(fieldname)
        if lengths is None:
            get = self._reader.doc_field_length
            lengths = [get(n, fieldname, default) for n in range(self._reader.doc_count_all())]
            self._fields[fieldname] = lengths
        return lengths[docnum] if docnum < len(lengths) else default

    def close(self) -> None:
        self._reader.close()


class PostingLists:
    """Whoosh's posting pool, kept in memory as one chained list per term.

    Whoosh's PostingPool sorts every posting (a 5-tuple) externally: pickled
    into run files once it passes ``limitmb``, read back and heap-merged. At
    10,000 pages that was 2.7 million postings pickled, unpickled and merged,
    more than half of the whole index time, and up to ``limitmb`` of tuples
    held per process. Postings arrive in document order, so a term's postings
    are already sorted by document; only the terms need sorting. Each posting
    costs 20 bytes here (document, weight, value and a link to the term's next
    posting in flat arrays) and ``iter_postings`` yields exactly the sequence
    Whoosh's sort would.
    """

    def __init__(self):
        self.fieldnames: set[str] = set()
        self._terms: dict[tuple[str, bytes], int] = {}   # (field, term) → term number
        self._head = array("i")    # per term: its first posting
        self._tail = array("i")    # per term: its last posting
        self._unsorted: set[int] = set()  # terms whose documents came out of order
        self._doc = array("i")     # per posting ...
        self._weight = array("d")
        self._value = array("i")   # ... an index into _values
        self._next = array("i")    # ... the term's next posting, or -1
        self._value_ids: dict[bytes | None, int] = {}
        self._values: list[bytes | None] = []

    def add(self, item) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        n = len(self._doc)
        vid = self._value_ids.get(vbytes)
        if vid is None:
            vid = self._value_ids[vbytes] = len(self._values)
            self._values.append(vbytes)
        key = (fieldname, tbytes)
        t = self._terms.get(key)
        if t is None:
            self.fieldnames.add(fieldname)
            self._terms[key] = len(self._head)
            self._head.append(n)
            self._tail.append(n)
        else:
            last = self._tail[t]
            self._next[last] = n
            self._tail[t] = n
            if docnum <= self._doc[last]:
                self._unsorted.add(t)
        self._doc.append(docnum)
        self._weight.append(weight)
        self._value.append(vid)
        self._next.append(-1)

    def __len__(self) -> int:
        return len(self._doc)

    def iter_postings(self):
        doc, weight, value, nxt, values = self._doc, self._weight, self._value, self._next, self._values
        for key in sorted(self._terms):
            t = self._terms[key]
            fieldname, tbytes = key
            chain, i = [], self._head[t]
            while i >= 0:
                chain.append((fieldname, tbytes, doc[i], weight[i], values[value[i]]))
                i = nxt[i]
            if t in self._unsorted:  # never from Whoosh's writers (merged segments come
                chain.sort()         # after this one's documents); the pool must not rely on it
            yield from chain

    def cleanup(self) -> None:
        self.__init__()


class FastSegmentWriter(SegmentWriter):
    """A SegmentWriter whose documents' counted terms go to kepu's posting writer
    (postings.py) and whose other postings (merged segments) go to an in-memory
    pool; the files are Whoosh's, byte for byte."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        self.pool = PostingLists()
        self.counts = postings.TermCountPostings()
        self._counted = postings.handles(self.schema, self.codec)

    def pooled(self) -> int:
        return len(self.pool) + len(self.counts)

    def add_document(self, **fields):
        if not self._counted or any(name.startswith("_") for name in fields):
            return super().add_document(**fields)  # boosts, custom stored values: Whoosh's way
        self._check_state()
        schema = self.schema
        self._check_fields(schema, fields)
        perdoc, counts, docnum = self.perdocwriter, self.counts, self.docnum
        perdoc.start_doc(docnum)
        for fieldname in sorted(fields):
            value = fields[fieldname]
            if value is None:
                continue
            field = schema[fieldname]
            length = 0
            if field.indexed:
                counted = postings.counted_terms(field, value)
                length = counts.add(fieldname, docnum, counted, field.scorable)
            perdoc.add_field(fieldname, field, value if field.stored else None, length)
            if field.column_type:
                perdoc.add_column_value(fieldname, field.column_type, field.to_column_value(value))
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self):
        self.perdocwriter.close()
        if len(self.counts) and len(self.pool):
            # Merged postings too (a commit's merge): one pool, written by Whoosh's code.
            for item in self.counts.iter_postings(self.schema):
                self.pool.add(item)
            self.counts = postings.TermCountPostings()
        if len(self.counts):
            postings.write_postings(self.fieldwriter, self.schema, self.counts,
                                    lengths=self.codec.length_stats)
        else:
            lengths = _Lengths(self.per_document_reader()) if self.codec.length_stats else None
            self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
            if lengths:
                lengths.close()
        self.fieldwriter.close()


# Postings one writer pools before its segment is written: ~12 bytes each in
# TermCountPostings (20 in PostingLists), so at most ~100–160 MB a process
# (~30,000 pages of the benchmark's corpus). Whoosh's own pool spilled to disk
# past ``limitmb`` instead; here the documents that follow go to a new segment.
MAX_POOLED = 8_000_000


def _add_documents(ix, docs: list[dict], to_fields, writer=None) -> tuple[list, list]:
    """Add ``docs`` to ``writer`` (the one that commits), or to new segments of
    their own; a writer past MAX_POOLED postings takes no more documents.
    Return the new segments finished here and the extras, in ``docs`` order."""
    segments, extras = [], []
    current = writer
    for doc in docs:
        if current is None:
            current = FastSegmentWriter(ix, _lk=False)
        fields, extra = to_fields(doc)
        current.add_document(**fields)
        extras.append(extra)
        if current.pooled() >= MAX_POOLED:
            if current is not writer:
                segments.append(current._finalize_segment())
            current = None
    if current is not None and current is not writer:
        # Not current._finish(): that would remove the temp folder the committing
        # writer shares (MpWriter's sub-writers stop here too).
        segments.append(current._finalize_segment())
    return segments, extras


def _write_slice(i: int):
    """In a worker: write slice ``i`` into new segments; return their descriptions.

    The collector is off during a build, and a slice leaves reference cycles:
    Whoosh's segment writers point at each other, and FileStorage.create keeps
    the OSError it catches in a local, so that exception's traceback holds every
    calling frame, the slice's analysed records included. Uncollected, a
    worker's first slice (~25 MB at 10,000 pages) stayed in memory through its
    second, so the garbage of the slices before is collected first. What the
    worker inherited is frozen when it starts (gc.freeze moves it out of the
    collector's sight without touching an object, so no page is copied), so the
    collection looks only at what its own slices left."""
    gc.collect()
    return _add_documents(_JOB["ix"], _JOB["slices"][i], _JOB["fields"])


def _analysis_cost(doc: dict) -> int:
    # The body's UTF-8 length: a Chinese character (3 bytes) costs jieba about
    # three times what a Latin one costs the stemmer (3.4 against 1.0 µs a
    # character at 10,000 pages). Counted in characters, the Chinese half of a
    # zh/en site landed in one slice, which took 5.6 s to the other's 3.0 s.
    return len(doc.get("body_markdown", "").encode("utf-8"))


def split_evenly(docs: list[dict], parts: int, size=_analysis_cost) -> list[list]:
    """``parts`` slices of about the same analysis work, documents kept in order."""
    total = sum(size(d) + 200 for d in docs) or 1
    slices: list[list] = [[] for _ in range(parts)]
    done = 0
    for doc in docs:
        slices[min(parts - 1, int(done * parts / total))].append(doc)
        done += size(doc) + 200
    return [s for s in slices if s]


def write_documents(ix, docs: list[dict], to_fields, *, delete_ids=(), procs: int = 1,
                    clear: bool = False) -> list:
    """Add ``docs`` (after deleting ``delete_ids``) and commit one new generation.

    ``to_fields`` turns a document into (Whoosh fields, extra); it runs in the
    workers, and the extras (here: the analysed terms) come back, in ``docs`` order.
    ``clear`` drops every existing segment (a full rebuild).
    """
    from whoosh.writing import CLEAR

    writer = FastSegmentWriter(ix)  # holds the index lock
    # A bulk load makes millions of small objects that live until commit; the
    # cyclic GC rescanning them is pure overhead here (workers inherit this).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for doc_id in delete_ids:
            writer.delete_by_term("id", doc_id)
        # Two slices per process, taken in turn: a worker holds one slice's postings
        # and analysed terms at a time (they go when its segment is written and its
        # terms are sent back), which halves the search phase's share of peak memory.
        slices = split_evenly(docs, procs * 2) if procs > 1 and len(docs) > 1 else [docs]
        try:
            if len(slices) == 1:
                new_segments, extras = _add_documents(ix, docs, to_fields, writer)
            else:
                _JOB.update(ix=ix, slices=slices, fields=to_fields)  # inherited by the workers
                # initializer: see _write_slice
                with multiprocessing.get_context("fork").Pool(min(procs, len(slices)),
                                                              initializer=gc.freeze) as pool:
                    done = pool.map(_write_slice, range(len(slices)), chunksize=1)
                new_segments = [segment for segments, _ in done for segment in segments]
                extras = [extra for _, slice_extras in done for extra in slice_extras]
        except BaseException:
            writer.cancel()
            raise
        finally:
            _JOB.clear()
        if not new_segments:  # one segment: Whoosh's commit, with its merge policy
            writer.commit(mergetype=CLEAR) if clear else writer.commit()
            return extras
        # As MpWriter.commit does with multisegment=True.
        kept = writer._merge_segments(CLEAR if clear else None, None, None)
        if writer._added:
            kept.append(writer._finalize_segment())
        else:
            writer._close_segment()
        writer._commit_toc(kept + new_segments)
        writer._finish()
        return extras
    finally:
        if gc_was_enabled:
            gc.enable()
