"""A Whoosh segment writer specialised for kepu's fields: counted terms and IDs.

After jieba moved to Rust, Whoosh's own posting path was three quarters of a
search writer's CPU at 10,000 pages: every posting went through three
generators, a 5-tuple, the pool, a sort, then ``add_posting`` (with its type
assertions) and a field-length lookup, one Python call after another, about 2.7
million times. kepu's searched fields arrive already counted (TermCounts), so
this writer keeps, per field, three flat integer arrays (term, document, count)
and writes each term's posting blocks in one go: the pickles, zlib and term
table are Whoosh's own format, byte for byte (tests/search/
test_term_count_writer_matches_whoosh.py compares the files). What is still
done per posting — grouping by term, the gaps between documents, the float32
weights, each block's extremes — numpy does over a whole field.

Anything else — a merge of old segments, a field kind this writer does not
know — goes through Whoosh's pool as before, and a segment holding both is
written by Whoosh's code.
"""

from __future__ import annotations

import pickle
import struct
import zlib
from array import array
from collections import Counter

import numpy as np
from whoosh.analysis import IDTokenizer
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec
from whoosh.filedb.filetables import _lengths as HASH_LENGTHS
from whoosh.formats import Existence
from whoosh.system import pack_int, pack_long, pack_uint, pack_ushort
from whoosh.util.numeric import length_to_byte

from .analysis import TermCountFormat, TermCounts

_TERMINFO = struct.Struct("!BfIBBfII")  # W3TermInfo._struct


def handles(schema, codec) -> bool:
    """True when this writer writes exactly what Whoosh would for ``schema`` and
    ``codec``: Whoosh 3 segments without inlined postings, and every indexed
    field counted terms (TermCountFormat with kepu's term analysers) or an ID
    (Existence: one term, weight = the field boost, no value)."""
    if not isinstance(codec, W3Codec) or codec._inlinelimit > 1:
        return False
    for name in schema.names():
        field = schema[name]
        if not field.indexed:
            continue
        fmt = type(field.format)
        if fmt not in (TermCountFormat, Existence) or field.vector or field.separate_spelling():
            return False
        if fmt is Existence and field.scorable:
            return False
        if fmt is TermCountFormat and not hasattr(field.analyzer, "terms"):
            return False  # Whoosh would tokenize the value; counted_terms could not
    return True


class _FieldPostings:
    """One field's postings in arrival (document) order."""

    __slots__ = ("terms", "term", "doc", "count", "lengths")

    def __init__(self):
        self.terms: dict[str, int] = {}   # term → term number
        self.term = array("i")            # per posting ...
        self.doc = array("i")
        self.count = array("i")
        self.lengths: dict[int, int] = {}  # document → field length (scorable fields)

    def add(self, docnum: int, counted: TermCounts) -> int:
        """Add one document's counted terms; return the field length."""
        words, counts = counted.words, counted.counts
        if not words:
            return 0
        terms = self.terms
        ids = list(map(terms.get, words))
        if None in ids:  # new terms get the next numbers
            for i, t in enumerate(ids):
                if t is None:
                    ids[i] = terms.setdefault(words[i], len(terms))
        self.term.extend(ids)
        self.doc.extend([docnum] * len(ids))
        self.count.extend(counts)
        return sum(counts)


class TermCountPostings:
    """The fast pool: every document's counted terms, per field."""

    def __init__(self):
        self.fields: dict[str, _FieldPostings] = {}
        self.size = 0

    def add(self, fieldname: str, docnum: int, counted: TermCounts, scorable: bool) -> int:
        postings = self.fields.get(fieldname)
        if postings is None:
            postings = self.fields[fieldname] = _FieldPostings()
        length = postings.add(docnum, counted)
        self.size += len(counted.words)
        if scorable and length:
            postings.lengths[docnum] = length
            return length
        return 0

    def __len__(self) -> int:
        return self.size

    def iter_postings(self, schema):
        """The same postings as Whoosh's pool items (field, bytes, doc, weight, value),
        for a segment that also holds merged postings and is written by Whoosh."""
        for fieldname, fp in self.fields.items():
            fmt = schema[fieldname].format
            fb = fmt.field_boost
            words = list(fp.terms)
            fixed = fmt.fixed_value_size()
            for t, d, n in zip(fp.term, fp.doc, fp.count, strict=True):
                weight = fb if fixed == 0 else n * fb
                value = pack_uint(n) if fixed else None
                yield fieldname, words[t].encode("utf-8"), d, weight, value


def counted_terms(field, value) -> TermCounts:
    """The terms of one field value and their counts, as Whoosh's ``field.index``
    would count them."""
    if isinstance(value, TermCounts):
        return value
    if type(field.analyzer) is IDTokenizer and isinstance(value, str):
        return TermCounts({value: 1})  # an ID's one term is its value (Existence format)
    if type(field.format) is Existence:
        return TermCounts({t.decode("utf-8"): 1 for t, _, _, _ in field.index(value)})
    return TermCounts(Counter(field.analyzer.terms(value)))


# zlib's window, by the largest input each size leaves every match of:
# deflate looks back at most 2**wbits - 262 bytes (MAX_DIST).
_WINDOWS = [(2 ** bits - 262, bits) for bits in range(9, 15)]
_HEADERS: dict[int, bytes] = {}


def compress_like_zlib(data: bytes, level: int) -> bytes:
    """``zlib.compress(data, level)``, the same bytes, faster for small inputs.

    A posting block is usually under 250 bytes, and deflate's setup for its
    default 32 KB window (allocating and clearing 256 KB of tables) then costs
    more than compressing it. With the smallest window that still reaches back
    over the whole input, deflate finds the same matches and writes the same
    stream; only the 2-byte header, which names the window, differs, and it is
    put back as the default window's. A posting block has to be the same bytes
    as Whoosh's own writer makes (tests/search/test_term_count_writer_matches_whoosh.py).
    """
    n = len(data)
    for reach, bits in _WINDOWS:
        if n <= reach:
            header = _HEADERS.get(level)
            if header is None:
                header = _HEADERS[level] = zlib.compress(b"", level)[:2]
            return header + zlib.compress(data, level, bits)[2:]
    return zlib.compress(data, level)


def write_postings(fieldwriter, schema, pool: TermCountPostings, *, lengths: bool = True) -> None:
    """Write ``pool`` through a W3FieldWriter: the same .pst and .trm bytes as
    Whoosh's ``add_postings`` over the same postings, with Python work per term
    and per block instead of per posting. ``lengths``: the codec keeps field
    length statistics in the blocks (``codec.length_stats``).

    The per-posting work (grouping by term, document deltas, float32 weights,
    each block's extremes) is done by numpy over a whole field: in Python it
    was half of this function at 10,000 pages (sorting 700,000 postings by
    term with a key function, then a list per block)."""
    codec = fieldwriter._codec
    blocklimit, level = codec._blocklimit, codec._compression
    postfile, tindex = fieldwriter._postfile, fieldwriter._tindex
    dumps, compress = pickle.dumps, compress_like_zlib
    for fieldname in sorted(pool.fields):
        fp = pool.fields[fieldname]
        if not len(fp.term):
            continue
        fmt = schema[fieldname].format
        fb = fmt.field_boost
        existence = fmt.fixed_value_size() == 0
        fieldwriter.start_field(fieldname, schema[fieldname])
        prefix = pack_ushort(fieldwriter._fieldid)
        doc_lengths = fp.lengths if lengths else None

        # Postings grouped by term, each group in document order (a stable sort).
        ints = f"i{fp.term.itemsize}"  # array("i"): a C int
        term = np.frombuffer(fp.term, dtype=ints)
        order = np.argsort(term, kind="stable")
        docs = np.frombuffer(fp.doc, dtype=ints)[order]
        counts = np.frombuffer(fp.count, dtype=ints)[order]
        del order
        df = np.bincount(term, minlength=len(fp.terms))
        start = np.zeros(len(df) + 1, dtype=np.int64)
        np.cumsum(df, out=start[1:])
        # Blocks of ``blocklimit`` postings per term, numbered term by term: they
        # tile the sorted postings, so each block's figures are one reduceat.
        nblocks = (df + blocklimit - 1) // blocklimit
        first_block = np.zeros(len(df) + 1, dtype=np.int64)
        np.cumsum(nblocks, out=first_block[1:])
        term_of = np.repeat(np.arange(len(df)), nblocks)
        bstart = start[:-1][term_of] + (np.arange(len(term_of)) - first_block[:-1][term_of]) * blocklimit
        bend = np.minimum(bstart + blocklimit, start[1:][term_of])
        del term_of
        # A block stores its first document and then the gaps (W3 _mini_ids).
        delta = docs.copy()
        delta[1:] -= docs[:-1]
        delta[bstart] = docs[bstart]
        deltas = delta.tolist()
        del delta
        bstarts, bends = bstart.tolist(), bend.tolist()
        last_doc = docs[bend - 1].tolist()
        if existence:
            # W3PostingsWriter stores the field boost as a float32 weight.
            one_weight = float(np.float32(fb))
        else:
            # The weights a block stores: count × boost, rounded to float32.
            weights = (counts * fb).astype(np.float32)
            wmin = np.minimum.reduceat(weights, bstart).tolist()
            wmax = np.maximum.reduceat(weights, bstart).tolist()
            cmin = np.minimum.reduceat(counts, bstart).tolist()
            cmax = np.maximum.reduceat(counts, bstart).tolist()
            values = counts.astype(">u4").tobytes()  # pack_uint of each count
        if doc_lengths:
            table = np.zeros(int(docs.max()) + 1, dtype=np.int64)
            for d, length in doc_lengths.items():
                if d < len(table):
                    table[d] = length
            ls = table[docs]
            lmax = np.maximum.reduceat(ls, bstart).tolist()
            none = np.iinfo(np.int64).max  # no positive length in the block
            lmin = [None if x == none else x
                    for x in np.minimum.reduceat(np.where(ls > 0, ls, none), bstart).tolist()]
            del table, ls
        first_blocks, starts = first_block.tolist(), start.tolist()
        first_docs = docs[start[:-1]].tolist()
        del bstart, bend, docs, counts, start, first_block
        # Identical small blocks (one page's rare terms, each once) compress alike.
        packed: dict[bytes, bytes] = {}

        pos = postfile.tell()
        keys, infos = [], []
        # Whoosh orders terms by their UTF-8 bytes: the same order as the strings'.
        for word in sorted(fp.terms):
            t = fp.terms[word]
            out = [WHOOSH3_HEADER_MAGIC]
            total, maxweight, minlen, maxlen = 0, 0, None, 0
            j_end = first_blocks[t + 1]
            for j in range(first_blocks[t], j_end):
                b, e = bstarts[j], bends[j]
                n = e - b
                if existence:
                    block_weights = [one_weight] * n
                    mini_w = None if one_weight == 1.0 else one_weight
                    heaviest, block_values = fb, None
                else:
                    lo = wmin[j]
                    if lo == wmax[j]:  # W3PostingsWriter._mini_weights
                        mini_w = None if lo == 1.0 else lo
                        block_weights = [lo] * n
                    else:
                        block_weights = weights[b:e].tolist()
                        mini_w = tuple(block_weights)
                    heaviest = max(cmax[j] * fb, cmin[j] * fb)
                    block_values = values[4 * b:4 * e]
                # add_posting keeps the largest weight above its starting 0
                bweight = heaviest if heaviest > 0 else 0
                if doc_lengths:
                    bmin, bmax = lmin[j], lmax[j]
                else:
                    bmin, bmax = None, 0
                data = dumps((tuple(deltas[b:e]), mini_w, block_values), 2)
                if level:
                    small = len(data) <= 64
                    done = packed.get(data) if small else None
                    if done is None:
                        done = compress(data, level)
                        if small:
                            packed[data] = done
                    data = done
                info = dumps((n, last_doc[j], bweight, level, length_to_byte(bmin),
                              length_to_byte(bmax)), 2)
                size = len(info) + len(data)
                out += (pack_int(-size if j == j_end - 1 else size), info, data)
                # W3TermInfo.add_block
                total += sum(block_weights)
                if bmin is not None:
                    minlen = bmin if minlen is None else min(minlen, bmin)
                maxlen = max(maxlen, bmax)
                maxweight = max(maxweight, bweight)
            chunk = b"".join(out)
            postfile.write(chunk)
            keys.append(prefix + word.encode("utf-8"))
            s, e = starts[t], starts[t + 1]
            infos.append(_TERMINFO.pack(0, total, e - s, 0 if minlen is None else length_to_byte(minlen),
                                        length_to_byte(maxlen), maxweight, first_docs[t], last_doc[j_end - 1])
                         + pack_long(pos) + pack_int(len(chunk)))
            pos += len(chunk)
        _add_ordered(tindex, keys, infos)
        fieldwriter.finish_field()


def _add_ordered(tindex, keys: list[bytes], values: list[bytes]) -> None:
    """OrderedHashWriter.add for a run of increasing keys, with one write and no
    ``tell()`` (an lseek) per key."""
    if keys and keys[0] <= tindex.lastkey:
        raise ValueError(f"Keys must increase: {tindex.lastkey!r}..{keys[0]!r}")
    dbfile, buckets, index, hashfn = tindex.dbfile, tindex.buckets, tindex.index, tindex.hashfn
    pos = dbfile.tell()
    out = []
    for key, value in zip(keys, values, strict=True):
        index.append(pos)
        out += (HASH_LENGTHS.pack(len(key), len(value)), key, value)
        h = hashfn(key)
        buckets[h & 255].append((h, pos))
        pos += 8 + len(key) + len(value)
    dbfile.write(b"".join(out))
    if keys:
        tindex.lastkey = keys[-1]
