"""A site whose every page was revoked still gets a (empty) zero-server index:
the build must not fail, and the old pages must not linger in search."""

from kepu.search.indexer import update_index
from kepu.search.static_index import build_static_index


def test_index_of_no_pages_is_written_and_empty(tmp_path):
    index_dir, out = tmp_path / "index", tmp_path / "site" / "search"
    update_index(index_dir, [], procs=1)
    manifest = build_static_index(index_dir, out)
    assert manifest["docs"] == 0
    assert (out / "manifest.json").is_file()
