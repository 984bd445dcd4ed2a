"""Chinese word segmentation for the admin search (issue 3).

The database search backends split text on spaces and punctuation, so
"高血压怎么办" is one token and a search for 血压 finds nothing. Pages index
jieba's search-mode tokens ("血压 高血压 怎么 怎么办") next to the raw text, and
queries are cut the same way (cms.base.search_backend).

jieba's dictionary is loaded once per process by kepu.search.analysis; its
cache file goes to var/jieba/ rather than /tmp so restarts stay fast and
several checkouts do not fight over one file.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


def _is_word(token: str) -> bool:
    token = token.strip()
    return bool(token) and any(unicodedata.category(ch)[0] in "LN" for ch in token)


def jieba_module():
    """jieba, loaded once per process through the search package's loader, so the
    CMS and the build share one dictionary load and one cache file (var/jieba/)."""
    from kepu.search.analysis import jieba_tokenizer

    jieba_tokenizer()
    import jieba

    return jieba


def index_text(*parts: str) -> str:
    """Search-mode tokens of ``parts``, de-duplicated, joined by spaces."""
    return _index_text(tuple(str(p or "") for p in parts))


# A page is indexed for several search fields on every save; cut each text once.
@lru_cache(maxsize=512)
def _index_text(parts: tuple[str, ...]) -> str:
    jieba = jieba_module()
    seen: dict[str, None] = {}
    for part in parts:
        for token in jieba.cut_for_search(part):
            if _is_word(token):
                seen.setdefault(token.strip().lower(), None)
    return " ".join(seen)


def query_text(query: str) -> str:
    """A query cut into words (precise mode): 血压怎么办 → "血压 怎么办"."""
    if not any("\u4e00" <= ch <= "\u9fff" for ch in query):
        return query  # nothing to segment; keep the user's query exactly
    jieba = jieba_module()
    return " ".join(t.strip() for t in jieba.cut(query) if _is_word(t))
