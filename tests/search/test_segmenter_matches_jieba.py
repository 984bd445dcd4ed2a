"""The indexing segmenter (jieba-rs) cuts text the way Python jieba does.

Pages, queries (QuerySegmenter, trained on jieba's frequencies) and the CMS's
admin search (Python jieba) must agree on where words end: if a jieba or
rjieba upgrade made them diverge, a query for 血压高 would stop finding the page
that says it. So the two are compared on real page text, with taught words too.
"""

from __future__ import annotations

import pytest

from kepu.bench.corpus import generate_corpus
from kepu.contentformat import load_content_tree
from kepu.search import analysis


@pytest.fixture(scope="module")
def clauses(tmp_path_factory) -> list[str]:
    root = generate_corpus(tmp_path_factory.mktemp("corpus") / "c", pages=120, seed=11).root
    found: dict[str, None] = {}
    for page in load_content_tree(root).pages:
        text = analysis.clean_text(page.body + "\n" + page["title"] + "\n" + page["summary"])
        for i, piece in enumerate(analysis._JIEBA_BLOCK.split(text)):
            if i % 2 and analysis.HAS_CJK.search(piece):
                found[piece] = None
    return list(found)


@pytest.fixture(scope="module")
def python_jieba():
    """Python jieba taught what the indexing segmenter was taught in this process
    (other tests index pages with synonyms), with the same frequencies."""
    tokenizer = analysis.jieba_tokenizer()
    for word, freq in analysis.taught_frequencies().items():
        tokenizer.add_word(word, freq=freq)
    return tokenizer


def test_search_mode_and_default_mode_give_python_jiebas_words(clauses, python_jieba):
    assert len(clauses) > 500
    segmenter = analysis.segmenter()
    for clause in clauses:
        assert segmenter.cut_for_search(clause, False) == list(
            python_jieba.cut_for_search(clause, HMM=False)), clause
        assert segmenter.cut(clause, False) == list(python_jieba.cut(clause, HMM=False)), clause


def test_taught_words_stay_whole_with_the_same_frequency(python_jieba):
    words = ["尿里有糖", "控糖互助会", "喘不上气"]
    analysis.add_words(words)
    for word in words:
        freq = max(python_jieba.FREQ.get(word) or 0, 2000)
        python_jieba.add_word(word, freq=freq)
        assert analysis.word_frequencies([word]) == {word: freq}
    text = "他最近尿里有糖，还总是喘不上气，就去了控糖互助会。"
    assert analysis.segmenter().cut(text, False) == list(python_jieba.cut(text, HMM=False))
    assert {"尿里有糖", "喘不上气", "控糖互助会"} <= set(analysis.index_terms(text))


def test_dictionary_frequencies_match_jiebas_table(clauses, python_jieba):
    words = {w for clause in clauses[:400] for w in python_jieba.cut(clause, HMM=False)}
    words |= {"高血压", "糖尿病", "不在词典里的词语"}
    expected = {w: python_jieba.FREQ[w] for w in words if python_jieba.FREQ.get(w)}
    few = sorted(words)[:50]
    # Both ways of reading dict.txt: a scan per word (a publish) and one pass (a full build).
    assert analysis.word_frequencies(few) == {w: expected[w] for w in few if w in expected}
    assert len(words) > 200
    assert analysis.word_frequencies(words) == expected
