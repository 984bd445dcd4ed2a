"""Whoosh's writer as it ships, for tests that compare kepu's writers with it."""

from __future__ import annotations

from whoosh.writing import PostingPool, SegmentWriter


class WhooshPool(PostingPool):
    def __len__(self):
        return 0  # never "full": Whoosh's own pool spills to disk instead


class WhooshWriter(SegmentWriter):
    """Whoosh's add_document, pool and add_postings; swap it in for
    kepu.search.segments.FastSegmentWriter."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        self.pool.__class__ = WhooshPool

    def pooled(self) -> int:
        return 0
