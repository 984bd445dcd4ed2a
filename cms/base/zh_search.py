"""Chinese word segmentation for the admin search (issue 3).

The database search backends split text on spaces and punctuation, so
"高血压怎么办" is one token and a search for 血压 finds nothing. Pages index
jieba's search-mode tokens ("血压 高血压 怎么 怎么办") next to the raw text, and
queries are cut the same way (cms.base.search_backend).

jieba's dictionary is loaded once per process; its cache file goes to var/
rather than /tmp so restarts stay fast and several checkouts do not fight
over one file.
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

_lock = threading.Lock()
_jieba = None


def _is_word(token: str) -> bool:
    token = token.strip()
    return bool(token) and any(unicodedata.category(ch)[0] in "LN" for ch in token)


def jieba_module():
    global _jieba
    if _jieba is None:
        with _lock:
            if _jieba is None:
                import jieba
                from django.conf import settings

                jieba.setLogLevel(logging.WARNING)
                cache_dir = Path(getattr(settings, "BASE_DIR", Path.cwd())) / "var"
                try:
                    cache_dir.mkdir(parents=True, exist_ok=True)
                    jieba.dt.tmp_dir = str(cache_dir)
                except OSError:  # read-only checkout: jieba falls back to the system temp dir
                    pass
                jieba.initialize()
                _jieba = jieba
    return _jieba


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
