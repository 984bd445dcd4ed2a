"""One sample content tree and its search index per test session (indexing costs seconds)."""

from __future__ import annotations

import pytest

from tests.contentfactory import write_content_tree
from tests.search.corpus import sample_pages


@pytest.fixture(scope="session", autouse=True)
def jieba_cache(tmp_path_factory):
    """Keep jieba's dictionary cache outside the repo, but across sessions (it takes seconds)."""
    cache = tmp_path_factory.getbasetemp().parent / "kepu-jieba-cache"
    cache.mkdir(exist_ok=True)
    mp = pytest.MonkeyPatch()
    mp.setenv("KEPU_JIEBA_CACHE", str(cache))
    mp.setenv("KEPU_VAR_DIR", str(tmp_path_factory.mktemp("var")))
    yield cache
    mp.undo()


@pytest.fixture(scope="session")
def sample_content(tmp_path_factory, jieba_cache):
    return write_content_tree(tmp_path_factory.mktemp("search") / "content", sample_pages())


@pytest.fixture(scope="session")
def sample_index(sample_content, tmp_path_factory):
    from kepu.search.indexer import index_content_tree

    index_dir = tmp_path_factory.mktemp("search-index") / "index"
    index_content_tree(sample_content, index_dir)
    return index_dir


@pytest.fixture(scope="session")
def search_index(sample_index):
    from kepu.search.query import SearchIndex

    return SearchIndex(sample_index)
