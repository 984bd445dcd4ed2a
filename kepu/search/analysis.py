"""Turning text into search terms: jieba for Chinese, Porter stems for English.

Two segmenters, on purpose:

* Indexing uses jieba's full dictionary in *search mode* (高血压 → 高血, 血压,
  高血压), so a query for any sub-word still finds the page. jieba is imported
  and its dictionary loaded once per process, with the dictionary cache in a
  known folder (``KEPU_JIEBA_CACHE`` or ``var/jieba``), never in /tmp where
  another user's stale file could be picked up.
* Queries and highlights use :class:`QuerySegmenter`: jieba's own algorithm
  (a word DAG and the most probable route) over a dictionary trimmed to the
  words the index holds, written next to the index. It loads in milliseconds,
  where importing jieba and loading its 350,000-word dictionary takes more than
  a second — the whole cold-start budget of a search server (issue 8).

Both sides go through :func:`normalize_word`, so "Diabetes" and "diabetes"
meet at the stem "diabet" and 糖尿病 stays 糖尿病.
"""

from __future__ import annotations

import functools
import math
import os
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from sys import intern

from whoosh.analysis import STOP_WORDS, Token, Tokenizer
from whoosh.formats import Frequency
from whoosh.lang.porter import stem
from whoosh.system import pack_uint

CJK_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RUN = re.compile(f"[{CJK_CHARS}]+")
HAS_CJK = re.compile(f"[{CJK_CHARS}]")
LATIN_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
# CJK runs and Latin words, in text order; everything else separates terms.
TEXT_PIECE = re.compile(f"([{CJK_CHARS}]+)|([A-Za-z0-9]+(?:['’][A-Za-z]+)?)")

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")

# Function words and question words patients type ("怎么", "吗") but no page is
# about. They are dropped on both sides so "高血压怎么办" does not demand 怎么.
ZH_STOP = frozenset(
    "的 了 是 在 和 与 及 或 吗 呢 吧 啊 呀 嘛 么 之 其 而 被 把 让 给 对 从 向 于 "
    "怎么 怎样 怎么办 什么 如何 为什么 为何 哪些 哪个 是否 是不是 能不能 可不可以 "
    "我 你 他 她 它 我们 你们 他们 这 那 这个 那个 这些 那些 有 就 都 也 还 又 很 "
    "得 地 着 过 一个 一下 可以 应该 需要 能 会 要".split())
EN_STOP = frozenset(STOP_WORDS) | {"what", "how", "why", "does", "do", "i", "my", "me"}


@functools.lru_cache(maxsize=50_000)
def normalize_word(word: str) -> str:
    """One search term for one word: lower-cased and stemmed if Latin, as-is if Chinese."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if word.isascii():
        return stem(word) if word.isalpha() else word
    return word


def is_stopword(word: str) -> bool:
    return word.lower() in EN_STOP or word in ZH_STOP


# Full-width punctuation of ordinary Chinese text and its NFKC forms. Replacing
# them first (str.replace is a C scan) usually leaves text that is already NFKC,
# which is_normalized confirms in one pass; NFKC itself costs ~4x as much on a
# page. Replacing a character by its own compatibility decomposition does not
# change what NFKC makes of the text.
_COMMON_WIDE = [(chr(c), unicodedata.normalize("NFKC", chr(c)))
                for c in (0xFF0C, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F, 0xFF08, 0xFF09, 0xFF05, 0x3000,
                          0x2026)]


def nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), faster on Chinese prose."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    for wide, narrow in _COMMON_WIDE:
        if wide in text:
            text = text.replace(wide, narrow)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def clean_text(text: str) -> str:
    """NFKC (full-width Ａ１ → A1) and no control characters."""
    return CONTROL_CHARS.sub(" ", nfkc(text or ""))


# --- indexing: jieba's segmentation, in Rust ---------------------------------

_JIEBA = None
_JIEBA_LOCK = threading.Lock()
_SEGMENTER = None
_USER_WORDS: dict[str, int] = {}   # word → the frequency it was taught with


def jieba_cache_dir() -> Path:
    env = os.environ.get("KEPU_JIEBA_CACHE")
    if env:
        path = Path(env)
        path.mkdir(parents=True, exist_ok=True)
        return path
    from kepu import paths

    path = paths.var_dir() / "jieba"
    path.mkdir(parents=True, exist_ok=True)
    return path


def jieba_tokenizer():
    """Python jieba's process-wide tokenizer, for the CMS's admin search (cms/base/zh_search.py);
    the first call loads the dictionary. The build and the search index use :func:`segmenter`."""
    global _JIEBA
    if _JIEBA is None:
        with _JIEBA_LOCK:
            if _JIEBA is None:
                import logging

                import jieba

                jieba.setLogLevel(logging.WARNING)
                jieba.dt.tmp_dir = str(jieba_cache_dir())
                jieba.dt.cache_file = "jieba.cache"
                jieba.dt.initialize()
                _JIEBA = jieba.dt
    return _JIEBA


def segmenter():
    """The process-wide indexing segmenter: jieba-rs (rjieba), jieba's algorithm and
    dictionary in Rust.

    Same words as Python jieba without its HMM (every distinct clause of the
    10,000-page benchmark corpus compared, both modes), about nine times as fast,
    loaded in 0.2 s instead of 0.6–2 s, and its 32 MB dictionary is not made of
    Python objects: forked search writers share it, where their reference counts
    copied Python jieba's 70 MB into each of them page by page.
    """
    global _SEGMENTER
    if _SEGMENTER is None:
        with _JIEBA_LOCK:
            if _SEGMENTER is None:
                import rjieba

                _SEGMENTER = rjieba.Jieba()
    return _SEGMENTER


@functools.cache
def _dictionary_text() -> str:
    """jieba's dict.txt ("word freq tag" lines), after a newline so every word
    starts a line."""
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    return "\n" + (Path(spec.origin).parent / "dict.txt").read_text(encoding="utf-8")


def dictionary_frequencies(words: Iterable[str], cache: dict[str, int] | None = None
                           ) -> dict[str, int]:
    """jieba's dictionary frequency of each of ``words`` that has one: the query
    dictionary's weights (QuerySegmenter). Read from jieba's dict.txt, so no
    process keeps a 350,000-entry table for a few lookups. ``cache`` (word →
    frequency, 0 for none; the search state keeps one) is read first and filled in.
    """
    wanted = set(words)
    cache = {} if cache is None else cache
    todo = wanted - cache.keys()
    if todo:
        found: dict[str, int] = {}
        text = _dictionary_text()
        # A scan of the 3 MB text costs ~3 ms a word, one pass over its lines ~0.15 s:
        # a publish's few new words are scanned for, a build's (the hubs' ~160 lay
        # terms before the writers fork, the index's 40,000 words) take the pass.
        if len(todo) <= 40:
            for word in todo:
                at = text.find(f"\n{word} ")
                if at >= 0:
                    start = at + len(word) + 2
                    found[word] = int(text[start:text.index(" ", start)])
        else:
            for line in text.splitlines():
                word, _, rest = line.partition(" ")
                if word in todo:
                    found[word] = int(rest.partition(" ")[0])
        for word in todo:
            cache[word] = found.get(word, 0)
    return {w: cache[w] for w in wanted if cache[w]}


def taught_frequencies() -> dict[str, int]:
    """The words :func:`add_words` taught this process, with their frequencies."""
    return _USER_WORDS


def word_frequencies(words: Iterable[str], cache: dict[str, int] | None = None
                     ) -> dict[str, int]:
    """jieba's frequency of each of ``words`` that has one, taught words included
    (with the frequency :func:`add_words` taught them with)."""
    wanted = set(words)
    found = dictionary_frequencies(wanted - _USER_WORDS.keys(), cache)
    found.update((w, _USER_WORDS[w]) for w in wanted if w in _USER_WORDS)
    return found


def add_words(words: Iterable[str], cache: dict[str, int] | None = None) -> None:
    """Teach the segmenter lay terms and disease names (血压高, 糖友) so they stay whole,
    with jieba's frequency or 2,000, whichever is higher (``cache``: as above)."""
    fresh = [w for w in words if HAS_CJK.search(w) and " " not in w and w not in _USER_WORDS]
    if not fresh:
        return
    known = dictionary_frequencies(fresh, cache)
    seg = segmenter()
    for word in fresh:
        freq = max(known.get(word, 0), 2000)
        _USER_WORDS[word] = freq
        seg.add_word(word, freq, None)
    # A new word changes how blocks containing it are cut.
    _BLOCK_TERMS.clear()
    _RUN_WORDS.clear()


# jieba cuts each run of these characters on its own (jieba's re_han_default),
# so the terms of a run do not depend on its neighbours and can be memoized.
# Pages repeat a lot of clauses (red flags, "按时服药", boilerplate): each
# distinct clause is segmented once per process.
_JIEBA_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_BLOCK_TERMS: dict[str, list[str]] = {}
_RUN_WORDS: dict[str, list[str]] = {}
_MEMO_LIMIT = 400_000  # entries; a bound on memory for very large sites


def _block_terms(block: str) -> list[str]:
    terms = _BLOCK_TERMS.get(block)
    if terms is None:
        terms = []
        for word in segmenter().cut_for_search(block, False):
            if HAS_CJK.search(word):
                if word not in ZH_STOP:
                    terms.append(intern(word))
            else:
                terms += [t for t in map(_LATIN_TERMS.__getitem__, LATIN_WORD.findall(word)) if t]
        if len(_BLOCK_TERMS) >= _MEMO_LIMIT:
            _BLOCK_TERMS.clear()
        _BLOCK_TERMS[block] = terms
    return terms


def index_terms(text: str) -> list[str]:
    """Every term a page's text is findable by (jieba search mode for Chinese).

    Terms are interned: a site's millions of term occurrences are a few tens of
    thousands of distinct strings, and the analysed records that the search
    writers send back (and the zero-server state keeps and pickles) then hold
    one string per term, not one per occurrence."""
    text = clean_text(text)
    if not HAS_CJK.search(text):
        return [term for term in map(_LATIN_TERMS.__getitem__, LATIN_WORD.findall(text)) if term]
    terms: list[str] = []
    # The same words jieba's cut_for_search(text) gives, block by block.
    for i, piece in enumerate(_JIEBA_BLOCK.split(text)):
        if i % 2:
            terms += _block_terms(piece)
        elif piece:
            # Outside jieba's blocks only rare CJK (extension A, compatibility
            # ideographs) is a term: jieba yields it one character at a time.
            terms += [intern(c) for c in piece if HAS_CJK.match(c) and c not in ZH_STOP]
    return terms


class _LatinTerms(dict):
    """word → its index term ("" for a stopword), memoized: an English page's
    words cost a dictionary lookup each instead of three calls."""

    def __missing__(self, word: str) -> str:
        if len(self) >= _MEMO_LIMIT:
            self.clear()
        term = self[word] = "" if is_stopword(word) else intern(normalize_word(word))
        return term


_LATIN_TERMS = _LatinTerms()


def _run_words(run: str) -> list[str]:
    words = _RUN_WORDS.get(run)
    if words is None:
        words = [intern(w) for w in segmenter().cut(run, False)
                 if len(w) > 1 and w not in ZH_STOP]
        if len(_RUN_WORDS) >= _MEMO_LIMIT:
            _RUN_WORDS.clear()
        _RUN_WORDS[run] = words
    return words


def display_words(text: str) -> list[str]:
    """Whole words (jieba default mode, not stemmed): the vocabulary for suggestions."""
    text = clean_text(text)
    words = []
    for cjk, latin in TEXT_PIECE.findall(text):
        if latin:
            if latin.isalpha() and not is_stopword(latin):
                words.append(latin.lower())
        else:
            words += _run_words(cjk)
    return words


class PreSegmentedTokenizer(Tokenizer):
    """Whoosh tokenizer for terms already made by :func:`index_terms`.

    The field accepts a list of terms or a string, which is segmented here.
    """

    def __eq__(self, other):
        return isinstance(other, PreSegmentedTokenizer)

    def terms(self, value) -> list[str]:
        return value if isinstance(value, (list, tuple)) else index_terms(value)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True,
                 mode="", **kwargs) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, term in enumerate(self.terms(value), start_pos):
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = pos
            yield token


class DisplayWordsTokenizer(PreSegmentedTokenizer):
    """Like PreSegmentedTokenizer, but a string becomes whole unstemmed words."""

    def __eq__(self, other):
        return isinstance(other, DisplayWordsTokenizer)

    def terms(self, value) -> list[str]:
        return value if isinstance(value, (list, tuple)) else display_words(value)


class TermCounts(tuple):
    """A field value already analysed and counted: (its distinct terms, their
    counts), two tuples.

    The indexer counts each field once and hands the same counts to Whoosh and
    to the zero-server index (static_state.py), so no text is segmented twice,
    and the two tuples are made once for both (kepu's posting writer takes them
    as they are; a tuple of pairs, 1.35 million per search writer at 10,000
    pages, was made and then split again). A tuple, so that Whoosh's own
    writer takes it too (TermCountFormat reads it).
    """

    __slots__ = ()

    def __new__(cls, counts: Mapping[str, int]):
        return super().__new__(cls, (tuple(counts), tuple(counts.values())))

    @property
    def words(self) -> tuple[str, ...]:
        return self[0]

    @property
    def counts(self) -> tuple[int, ...]:
        return self[1]

    def pairs(self) -> Iterator[tuple[str, int]]:
        return zip(self[0], self[1], strict=True)


class TermCountFormat(Frequency):
    """Whoosh's Frequency format, counting our term lists directly.

    Same postings as Frequency (every token has boost 1), without a Token
    object per word: on a 10,000-page build the token stream cost as much as
    writing the postings.
    """

    def word_values(self, value, analyzer, **kwargs):
        if not hasattr(analyzer, "terms"):
            return super().word_values(value, analyzer, **kwargs)
        fb = self.field_boost
        pairs = value.pairs() if isinstance(value, TermCounts) else Counter(analyzer.terms(value)).items()
        return ((w, n, n * fb, pack_uint(n)) for w, n in pairs)


def kepu_analyzer():
    return PreSegmentedTokenizer()


def spelling_analyzer():
    return DisplayWordsTokenizer()


# --- queries and highlights: a trimmed dictionary, no jieba import -----------

QUERY_DICT = "query-words.txt"


class QuerySegmenter:
    """jieba's segmentation (DAG + most probable route) over a small dictionary.

    The dictionary holds the Chinese words of the index with jieba's
    frequencies, so a query is cut the way the pages were cut. A word the index
    lacks is cut into smaller pieces it does have, which is what recall wants.
    """

    def __init__(self, freq: dict[str, int]):
        self.freq = dict(freq)
        self.maxlen = max((len(w) for w in self.freq), default=1)
        self.log_total = math.log(sum(self.freq.values()) or 1)
        self._memo: dict[str, list[tuple[int, int]]] = {}

    @classmethod
    def load(cls, index_dir: Path | None) -> QuerySegmenter:
        freq: dict[str, int] = {}
        path = Path(index_dir) / QUERY_DICT if index_dir else None
        if path and path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                word, _, count = line.partition("\t")
                if word:
                    freq[word] = int(count or 1)
        return cls(freq)

    def add(self, word: str, count: int = 2000) -> None:
        if word not in self.freq:
            self.freq[word] = count
            self.maxlen = max(self.maxlen, len(word))
            self._memo.clear()

    def _cut_run(self, run: str) -> list[tuple[int, int]]:
        # Snippets show the same clauses again and again: cut each one once.
        spans = self._memo.get(run)
        if spans is None:
            spans = self._memo[run] = self._route(run)
            if len(self._memo) > 50_000:
                self._memo.clear()
        return spans

    def _route(self, run: str) -> list[tuple[int, int]]:
        n = len(run)
        route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
        freq, log_total = self.freq, self.log_total
        for i in range(n - 1, -1, -1):
            best = (math.log(freq.get(run[i]) or 1) - log_total + route[i + 1][0], i + 1)
            for j in range(i + 2, min(n, i + self.maxlen) + 1):
                count = freq.get(run[i:j])
                if count:
                    score = math.log(count) - log_total + route[j][0]
                    if score > best[0]:
                        best = (score, j)
            route[i] = best
        spans, i = [], 0
        while i < n:
            j = route[i][1]
            spans.append((i, j))
            i = j
        return spans

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, kind) word spans; kind is 'zh' or 'en'."""
        out = []
        for m in TEXT_PIECE.finditer(text):
            if m.group(2):
                out.append((m.start(), m.end(), "en"))
            else:
                base = m.start()
                out.extend((base + a, base + b, "zh") for a, b in self._cut_run(m.group(1)))
        return out

    def words(self, text: str) -> list[str]:
        return [text[a:b] for a, b, _ in self.spans(text)]
