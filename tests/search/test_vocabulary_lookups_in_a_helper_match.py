"""A full index looks its new words up in a helper process (kepu/search/
wordlookup.py): jieba's dictionary frequencies and the pinyin keys. The query
dictionary, the pinyin keys and the zero-server files must be the same bytes as
when the search process looks the words up itself — and stay so when the
helper fails."""

from __future__ import annotations

import logging
from pathlib import Path

from kepu.search import static_state, wordlookup
from kepu.search.analysis import QUERY_DICT
from kepu.search.indexer import PINYIN_FILE, update_index
from kepu.search.schema import documents_from_pages
from kepu.search.static_index import build_static_index
from tests.search.corpus import sample_pages


def _index(tmp_path: Path, name: str) -> dict[str, bytes]:
    pages = sample_pages()
    ix, out = tmp_path / f"ix-{name}", tmp_path / f"out-{name}"
    static_state._MEMORY.clear()
    update_index(ix, documents_from_pages(pages), hub_pages=[m for m, _ in pages], full=True)
    build_static_index(ix, out)
    files = {f"index/{n}": (ix / n).read_bytes() for n in (QUERY_DICT, PINYIN_FILE)}
    files.update({p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    return files


def _count_helpers(monkeypatch) -> list:
    answered = []
    result = wordlookup.Lookup.result

    def counted(self):
        answer = result(self)
        answered.append(answer is not None)
        return answer

    monkeypatch.setattr(wordlookup.Lookup, "result", counted)
    return answered


def test_a_helpers_lookups_give_the_same_files(tmp_path, monkeypatch):
    monkeypatch.setattr(wordlookup, "HELPER_FROM", 10**9)
    here = _index(tmp_path, "here")
    answered = _count_helpers(monkeypatch)
    monkeypatch.setattr(wordlookup, "HELPER_FROM", 1)
    helped = _index(tmp_path, "helped")
    assert answered == [True]  # the helper ran and answered
    assert "pinyin.json" in helped and any(name.startswith("t/") for name in helped)
    assert sorted(helped) == sorted(here)
    for name in here:
        assert helped[name] == here[name], name


def test_a_failed_helper_leaves_the_lookups_to_the_search_process(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(wordlookup, "HELPER_FROM", 10**9)
    here = _index(tmp_path, "here")
    answered = _count_helpers(monkeypatch)
    monkeypatch.setattr(wordlookup, "HELPER_FROM", 1)
    monkeypatch.setattr(wordlookup, "HELPER_CODE", "raise SystemExit(3)")
    with caplog.at_level(logging.INFO, logger="kepu.search.wordlookup"):
        failed = _index(tmp_path, "failed")
    assert answered == [False]
    assert "exited with 3" in caplog.text
    assert failed == here


def test_an_answer_cut_short_leaves_the_lookups_to_the_search_process(tmp_path, monkeypatch, caplog):
    """A helper that exits 0 having written only part of its answer (seen with a
    profiler attached: one pipe's worth, 64 KB) must not fail the build."""
    monkeypatch.setattr(wordlookup, "HELPER_FROM", 10**9)
    here = _index(tmp_path, "here")
    answered = _count_helpers(monkeypatch)
    monkeypatch.setattr(wordlookup, "HELPER_FROM", 1)
    whole = "import pickle; a = pickle.dumps(({}, {}, {}), 5); "
    monkeypatch.setattr(wordlookup, "HELPER_CODE", whole + (
        "import sys, struct; sys.stdout.buffer.write(struct.pack('<Q', len(a) + 100) + a)"))
    with caplog.at_level(logging.INFO, logger="kepu.search.wordlookup"):
        cut = _index(tmp_path, "cut")
    assert answered == [False]
    assert "cut short" in caplog.text
    assert cut == here
