"""Search for kepu: a Whoosh + jieba index built with the site, an HTTP API
(`kepu search serve`) and a zero-server index for the static search page.

Modules: analysis (segmenting and stemming), schema (fields, page → document),
indexer (full and incremental builds), segments (writing on both cores),
synonyms (lay terms), query (searching, facets), scoring (BM25F over cached
posting tables), highlight, suggest ("did you mean"), server (HTTP API),
static_index (the zero-server index), wordlookup (a full index's word
frequencies and pinyin, in a helper process). See docs/search.md.
"""

import os
from pathlib import Path


def default_index_dir() -> Path:
    """Where the build writes the index and the server reads it (outside the deployable output)."""
    env = os.environ.get("KEPU_SEARCH_INDEX_DIR")
    if env:
        return Path(env)
    from kepu import paths

    return paths.var_dir() / "search-index"
