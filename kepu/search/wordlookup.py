"""The vocabulary's lookups for a whole index, done by a helper process (issue 9).

After the search writers of a full index have finished, the search process
works alone on one core: scoring, then the query dictionary and the pinyin
keys, then rendering the zero-server files. The vocabulary's lookups — jieba's
dictionary frequency of ~40,000 words (a pass over its 350,000-line dict.txt)
and the toneless pinyin of ~15,000 display words and ~4,000 characters — do
not depend on the scores. A fresh interpreter does them on the other core
while the index is scored, and pypinyin's tables (~56 MB of Python objects)
and dict.txt's lines then live in that process, which exits, instead of in
the search process at its largest.

The helper computes exactly what the search process would (the same functions
over the same words); the search process only fills its caches with the
answers (static_state: ``word_freq``, ``word_pinyin``, ``pinyin_chars``), so
the files are the same bytes either way (tests/search/
test_vocabulary_lookups_in_a_helper_match.py). Should the helper fail, the
search process does the lookups itself, as for a small update.
"""

from __future__ import annotations

import logging
import os
import pickle
import struct
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from kepu.incremental import parallel

log = logging.getLogger(__name__)

# Fewer words than this are looked up in the search process itself: starting an
# interpreter and importing pypinyin costs ~0.4 s of the other core.
HELPER_FROM = 2_000
# What the helper interpreter runs.
HELPER_CODE = "from kepu.search.wordlookup import main; main()"
# The answer's length, before it: an answer cut short is told from a whole one.
# (With a profiler attached, the parent read exactly one pipe's worth, 64 KB,
# of a longer answer from a helper that exited 0.)
_LENGTH = struct.Struct("<Q")


def word_pinyin(words: Iterable[str]) -> dict[str, str]:
    """The pinyin key of each word: its syllables, toneless, joined."""
    from pypinyin import lazy_pinyin

    return {w: "".join(lazy_pinyin(w)) for w in words}


def char_pinyin(chars: Iterable[str]) -> dict[str, str]:
    """Each character's toneless pinyin, letters only ("" when it has none)."""
    from pypinyin import lazy_pinyin

    return {c: "".join(p for p in lazy_pinyin(c) if p.isalpha()) for c in chars}


def look_up(freq_words: list[str], pinyin_words: list[str], chars: list[str]) -> tuple:
    """(jieba's dictionary frequency of each of ``freq_words``, 0 for none;
    pinyin keys of ``pinyin_words``; pinyin of ``chars``)."""
    from .analysis import _dictionary_text, dictionary_frequencies

    freq: dict[str, int] = {}
    dictionary_frequencies(freq_words, freq)
    _dictionary_text.cache_clear()  # 9 MB this process needs no more, before pypinyin's tables
    return freq, word_pinyin(pinyin_words), char_pinyin(chars)


class Lookup:
    """A helper process answering one look_up()."""

    def __init__(self, freq_words: list[str], pinyin_words: list[str], chars: list[str]):
        # The request goes through a file: through a pipe, this process would
        # wait for the helper to start before it could go on scoring.
        fd, self._request = tempfile.mkstemp(prefix="kepu-words-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((freq_words, pinyin_words, chars), fh, pickle.HIGHEST_PROTOCOL)
            # The same kepu, jieba dict.txt and pypinyin as this process.
            self._proc = subprocess.Popen(
                parallel.interpreter_argv(HELPER_CODE, self._request),
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=parallel.interpreter_env())
        except BaseException:
            Path(self._request).unlink(missing_ok=True)
            raise

    def result(self) -> tuple | None:
        """The answers, or None (logged) when the helper failed."""
        try:
            out, err = self._proc.communicate()
        finally:
            Path(self._request).unlink(missing_ok=True)  # the helper removes it once read
        if self._proc.returncode != 0 or not out:
            log.info("word lookup helper exited with %s; looking the words up here:\n%s",
                     self._proc.returncode, err.decode("utf-8", "replace")[-2000:])
            return None
        head = _LENGTH.size
        if len(out) < head or _LENGTH.unpack_from(out)[0] != len(out) - head:
            log.info("word lookup helper's answer was cut short (%d bytes); looking the words up here",
                     len(out))
            return None
        return pickle.loads(out[head:])  # noqa: S301 — our own child's whole answer


def start(freq_words: list[str], pinyin_words: list[str], chars: list[str]) -> Lookup | None:
    """A helper looking these words up, when there are enough of them to be worth it."""
    if len(freq_words) + len(pinyin_words) < HELPER_FROM:
        return None
    try:
        return Lookup(freq_words, pinyin_words, chars)
    except OSError as exc:
        log.info("word lookup helper not started (%s); looking the words up here", exc)
        return None


def main() -> None:
    with open(sys.argv[1], "rb") as fh:
        request = pickle.load(fh)  # noqa: S301 — written by our own parent
    # Gone even if the parent never asks for the answer (its build failed).
    Path(sys.argv[1]).unlink(missing_ok=True)
    answer = pickle.dumps(look_up(*request), pickle.HIGHEST_PROTOCOL)
    sys.stdout.buffer.write(_LENGTH.pack(len(answer)) + answer)
    sys.stdout.buffer.flush()
