""""Did you mean": edit distance over the index's own words, plus pinyin for Chinese.

English misspellings (diabets) are corrected with Whoosh's corrector over the
``spell`` field (whole, unstemmed words from titles, summaries, synonyms and
panels). Chinese typos are usually homophones typed with a pinyin IME
(唐尿病 for 糖尿病), so Chinese runs are also matched by toneless pinyin, and a
query typed in pinyin (tangniaobing) finds the word it spells.
"""

from __future__ import annotations

import functools
import re

from .analysis import CJK_RUN, HAS_CJK, LATIN_WORD, is_stopword

_WORDISH = re.compile(f"{CJK_RUN.pattern}|{LATIN_WORD.pattern}")


@functools.lru_cache(maxsize=4096)
def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text))


def suggest(query: str, searcher, pinyin_keys: dict[str, str], known_words: set[str]) -> str | None:
    """A corrected query, or None when every word is already known to the index."""
    reader = searcher.reader()
    corrector = None
    changed = False
    out, pos = [], 0
    for m in _WORDISH.finditer(query):
        word, fixed = m.group(), None
        if HAS_CJK.search(word):
            fixed = _fix_chinese(word, pinyin_keys, known_words)
        elif word.isalpha() and not is_stopword(word) and len(word) > 2:
            lower = word.lower()
            if lower in pinyin_keys:  # typed in pinyin: "tangniaobing"
                fixed = pinyin_keys[lower]
            elif not reader.frequency("spell", lower):
                corrector = corrector or searcher.corrector("spell")
                maxdist = 1 if len(lower) <= 4 else 2
                found = corrector.suggest(lower, limit=1, maxdist=maxdist, prefix=1)
                fixed = found[0] if found else None
        out.append(query[pos:m.start()])
        if fixed and fixed != word:
            out.append(fixed)
            changed = True
        else:
            out.append(word)
        pos = m.end()
    out.append(query[pos:])
    return "".join(out).strip() if changed else None


def _fix_chinese(run: str, pinyin_keys: dict[str, str], known_words: set[str]) -> str | None:
    """Replace unknown windows of a Chinese run whose pinyin spells a known word."""
    if run in known_words:
        return None
    out, i, changed = [], 0, False
    while i < len(run):
        for size in range(min(6, len(run) - i), 1, -1):
            window = run[i:i + size]
            if window in known_words:
                out.append(window)
                i += size
                break
            word = pinyin_keys.get(_pinyin(window))
            if word and len(word) == size:
                out.append(word)
                changed = True
                i += size
                break
        else:
            out.append(run[i])
            i += 1
    return "".join(out) if changed else None
