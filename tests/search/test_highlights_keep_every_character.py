"""Highlights never drop or duplicate a character (Whoosh's own drop 高 from 高血压)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kepu.search.analysis import QuerySegmenter
from kepu.search.highlight import fragment, match_spans, render

SEG = QuerySegmenter({"高血压": 3000, "血压": 5000, "高血": 10, "糖尿病": 3000, "糖尿": 50,
                      "尿病": 10, "测量": 2000, "量血压": 10})


def plain(html: str) -> str:
    return (re.sub(r"</?mark>", "", html).replace("&lt;", "<").replace("&gt;", ">")
            .replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&"))


def test_query_for_a_sub_word_keeps_the_whole_word():
    text = "高血压患者要坚持测量血压。"
    html = render(text, match_spans(text, {"血压"}, set(), SEG))
    assert plain(html) == text
    assert "高" in html and "<mark>高血压</mark>" in html
    assert html.count("<mark>") == 2  # 高血压 and 血压, each once


def test_service_result_keeps_高_of_高血压(search_index):
    result = search_index.search("血压", lang="zh")
    hub = next(r for r in result["results"] if r["url"] == "/zh/gao-xue-ya/")
    assert plain(hub["title_html"]) == "高血压"
    assert "<mark>" in hub["title_html"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="高血压糖尿病测量患者。, <&>ab", max_size=300),
       st.sets(st.sampled_from(["血压", "高血压", "尿病", "糖尿病", "测量", "压"]), max_size=3))
def test_fragments_are_verbatim_slices_of_the_text(text, terms):
    html = fragment(text, terms, set(), SEG, width=40)
    shown = plain(html).strip("…")
    assert shown in text.replace("\n", " ")
    assert html.count("<mark>") == html.count("</mark>")
    assert "<mark></mark>" not in html
