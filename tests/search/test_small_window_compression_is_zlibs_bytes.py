"""Posting blocks are compressed with the smallest zlib window that reaches
over the whole block (postings.compress_like_zlib): the index must still hold
the very bytes Whoosh's own writer makes, so every size around each window's
limit, and data that repeats at long distances, gives zlib.compress's bytes."""

from __future__ import annotations

import pickle
import random
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from kepu.search.postings import _WINDOWS, compress_like_zlib


def _repetitive(n: int, seed: int) -> bytes:
    # Posting-like data: small integers and repeated runs, with matches at every distance.
    rng = random.Random(seed)
    out = bytearray()
    while len(out) < n:
        if out and rng.random() < 0.5:
            start = rng.randrange(len(out))
            out += out[start:start + rng.randint(3, 40)]
        else:
            out += bytes(rng.randrange(8) for _ in range(rng.randint(1, 12)))
    return bytes(out[:n])


def test_every_size_around_each_windows_limit():
    for reach, _ in _WINDOWS:
        for n in range(reach - 40, reach + 41):
            for seed in range(3):
                data = _repetitive(n, seed)
                for level in (1, 3, 6, 9):
                    assert compress_like_zlib(data, level) == zlib.compress(data, level), (n, level)


def test_a_block_that_repeats_at_the_window_edge():
    # The same 100 bytes at the start and at the end of a block just inside and
    # just outside a small window's reach: a wrong window would miss that match.
    head = bytes(range(100))
    for reach, _ in _WINDOWS[:3]:
        for n in (reach - 1, reach, reach + 1, reach + 2):
            data = head + bytes(random.Random(n).randrange(256) for _ in range(n - 200)) + head
            assert compress_like_zlib(data, 3) == zlib.compress(data, 3)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.integers(0, 70_000), max_size=200), st.sampled_from([1, 3, 9]))
def test_pickled_posting_blocks(ids, level):
    data = pickle.dumps((tuple(ids), None, bytes(len(ids) * 4)), 2)
    assert compress_like_zlib(data, level) == zlib.compress(data, level)
