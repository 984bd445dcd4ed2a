"""After edits, the zero-server index that was updated in place is byte for byte
the one a from-scratch index gives — in the same process and in a fresh one."""

from __future__ import annotations

from pathlib import Path

import pytest

from kepu.search import static_state
from kepu.search.analysis import QUERY_DICT
from kepu.search.indexer import PINYIN_FILE, update_index
from kepu.search.schema import documents_from_pages
from kepu.search.static_index import build_static_index
from tests.search.corpus import sample_pages


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _edit(pages, slug: str, **changes):
    i = next(i for i, (m, _) in enumerate(pages) if m["slug"] == slug)
    meta, body = pages[i]
    extra = changes.pop("body", "")
    meta = {**meta, **changes, "signoff": {**meta["signoff"], "content_hash": f"sha256:{len(extra)}{changes}"}}
    pages[i] = (meta, body + extra)


@pytest.mark.parametrize("kept", [300, 3])  # 3: most terms keep only some pages (the cut-off path)
def test_updated_static_index_equals_a_fresh_one(tmp_path, monkeypatch, kept):
    monkeypatch.setattr(static_state, "MAX_POSTINGS", kept)
    pages = sample_pages()
    hubs = [m for m, _ in pages]
    ix, live = tmp_path / "ix", tmp_path / "live"
    update_index(ix, documents_from_pages(pages), hub_pages=hubs)
    build_static_index(ix, live)
    removed = None
    steps = [
        lambda: _edit(pages, "bu-gai", body="\n\n鱼油不能代替钙片。每天晒太阳，补钙补维生素D。"),
        lambda: _edit(pages, "bu-gai", title="补钙：吃对才有用"),
        lambda: _edit(pages, "zai-jia-liang-xue-ya", body="\n\n血压计要定期校准。血压高先别慌。"),
        lambda: _edit(pages, "less-salt", summary="Less salt lowers blood pressure and protects the heart."),
        lambda: pages.pop(3),
    ]
    for n, step in enumerate(steps):
        removed = step()
        update_index(ix, documents_from_pages(pages), hub_pages=hubs)
        build_static_index(ix, live)
        ref_ix, ref = tmp_path / f"ref-ix-{n}", tmp_path / f"ref-{n}"
        update_index(ref_ix, documents_from_pages(pages), full=True, hub_pages=hubs)
        build_static_index(ref_ix, ref)
        assert _files(live) == _files(ref), f"step {n}"
        # The server's query dictionary and pinyin keys too (made again only when
        # a word comes or goes: the steps add words and remove a page).
        for name in (QUERY_DICT, PINYIN_FILE):
            assert (ix / name).read_bytes() == (ref_ix / name).read_bytes(), f"step {n}: {name}"
        # A fresh process: the state comes from the index folder (base + log).
        static_state._MEMORY.clear()
        build_static_index(ix, tmp_path / f"fresh-{n}")
        assert _files(tmp_path / f"fresh-{n}") == _files(ref), f"step {n}, fresh process"
    assert removed is not None
    pages.append(removed)  # a page comes back: numbering and counts change everywhere
    update_index(ix, documents_from_pages(pages), hub_pages=hubs)
    build_static_index(ix, live)
    update_index(tmp_path / "ref-ix", documents_from_pages(pages), full=True, hub_pages=hubs)
    build_static_index(tmp_path / "ref-ix", tmp_path / "ref")
    assert _files(live) == _files(tmp_path / "ref")


def test_an_edit_rewrites_few_files(tmp_path):
    pages = sample_pages()
    hubs = [m for m, _ in pages]
    ix = tmp_path / "ix"
    update_index(ix, documents_from_pages(pages), hub_pages=hubs)
    build_static_index(ix, tmp_path / "a")
    state = static_state.current(ix)
    total = len(state.digests)
    _edit(pages, "bu-gai", body="\n\n鱼油不能代替钙片。")
    update_index(ix, documents_from_pages(pages), hub_pages=hubs)
    changed = static_state.current(ix).refresh(ix)
    assert 0 < len(changed) < total / 3, (len(changed), total)


def test_a_build_that_stops_before_the_static_index_leaves_no_removed_page(tmp_path):
    """A full build defers saving the zero-server state to build_static_index
    (static_next). If the build fails in between, the state on disk is older than
    the Whoosh index: the next update must notice and start again, so a page
    removed in the failed build never comes back in the static files."""
    pages = sample_pages()
    hubs = [m for m, _ in pages]
    ix = tmp_path / "ix"
    update_index(ix, documents_from_pages(pages), hub_pages=hubs)
    build_static_index(ix, tmp_path / "first")
    gone = pages.pop(3)  # withdrawn: the state is recomputed (the page order changed)
    update_index(ix, documents_from_pages(pages), hub_pages=hubs, static_next=True)
    static_state._MEMORY.clear()  # the build failed here; a new process starts
    update_index(ix, documents_from_pages(pages), hub_pages=hubs)
    build_static_index(ix, tmp_path / "live")
    update_index(tmp_path / "ref-ix", documents_from_pages(pages), full=True, hub_pages=hubs)
    build_static_index(tmp_path / "ref-ix", tmp_path / "ref")
    live = _files(tmp_path / "live")
    assert live == _files(tmp_path / "ref")
    assert not any(gone[0]["title"].encode() in data for data in live.values())
