"""clean_text's faster NFKC gives exactly unicodedata's NFKC.

Search terms are made from clean_text at index time and at query time; if the
two disagreed on one character, a page would stop being findable by it.
"""

from __future__ import annotations

import unicodedata

from kepu.bench.corpus import generate_corpus
from kepu.search.analysis import clean_text, nfkc

TRICKY = [
    "血压高，怎么办？（请先量血压）：早晚各一次；别慌！达标率５０％。",
    "全角字母ＡＢＣ１２３和　全角空格……省略号",
    "＞\u0338 combines after NFKC decomposes the full-width sign",
    "ligature ﬁne, circled ①②, units ㎏ ㎡, roman Ⅳ, half-width ｶﾀｶﾅ, ideograph 㐀 and 兀",
    "e\u0301 (combining acute) and already composed é",
    "plain ASCII text, nothing to do",
    "",
]


def test_matches_unicodedata_on_tricky_text():
    for text in TRICKY:
        assert nfkc(text) == unicodedata.normalize("NFKC", text), text
    assert clean_text("a\u200bb\x07c，") == "a b c,"


def test_matches_unicodedata_on_corpus_pages(tmp_path):
    root = generate_corpus(tmp_path / "c", pages=60, seed=3).root
    pages = [p.read_text(encoding="utf-8") for p in root.rglob("*.md")]
    assert len(pages) >= 60
    for text in pages:
        assert nfkc(text) == unicodedata.normalize("NFKC", text)
