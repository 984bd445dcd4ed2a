"""Patients' lay words and typos still find the right pages."""

from __future__ import annotations


def urls(result):
    return [r["url"] for r in result["results"]]


def test_lay_term_finds_the_disease_hub_first(search_index):
    result = search_index.search("血压高", lang="zh")
    assert urls(result)[0] == "/zh/gao-xue-ya/"
    assert "高血压" in result["expanded"]


def test_english_lay_phrase_finds_diabetes(search_index):
    result = search_index.search("sugar in urine", lang="en")
    assert urls(result)[0] == "/en/tang-niao-bing/"


def test_shipped_synonym_list_is_editable(sample_index, tmp_path):
    from kepu.search.query import SearchIndex

    custom = tmp_path / "synonyms.txt"
    custom.write_text("# local words\n哮喘 | 齁病\n", encoding="utf-8")
    index = SearchIndex(sample_index, synonyms_file=custom)
    assert urls(index.search("齁病", lang="zh"))[0] == "/zh/xiao-chuan/"


def test_misspelled_english_word_gets_a_suggestion(search_index):
    result = search_index.search("diabets", lang="en")
    assert result["suggestion"] == "diabetes"
    assert urls(result)[0] == "/en/tang-niao-bing/"


def test_chinese_homophone_typo_shows_results_for_the_right_word(search_index):
    result = search_index.search("唐尿病", lang="zh")
    assert result["corrected_from"] == "唐尿病" and result["query"] == "糖尿病"
    assert all(r["disease"] == "tang-niao-bing" for r in result["results"])


def test_pinyin_query_finds_the_chinese_word(search_index):
    result = search_index.search("gaoxueya", lang="zh")
    assert result["query"] == "高血压" and urls(result)[0] == "/zh/gao-xue-ya/"


def test_correct_words_get_no_suggestion(search_index):
    assert search_index.search("糖尿病饮食", lang="zh")["suggestion"] is None
    assert search_index.search("asthma inhaler", lang="en")["suggestion"] is None
