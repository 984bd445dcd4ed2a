"""A full index build splits its documents between writer processes by the work
their analysis takes, so a zh/en site keeps both cores busy to the end.

Documents arrive Chinese first. Split by character count, the Chinese pages
(short in characters, but each character a jieba lookup) all landed in one
writer, which ran almost twice as long as the other.
"""

from __future__ import annotations

from kepu.search.segments import split_evenly

ZH = "高血压患者应当按时服药，定期测量血压，如有头痛头晕请及时就医。" * 8
EN = ("People with high blood pressure should take their medicine on time, check "
      "their blood pressure regularly and see a doctor about headaches. ") * 5


def test_chinese_pages_are_shared_between_the_writers():
    docs = ([{"id": f"zh{i}", "lang": "zh", "body_markdown": ZH} for i in range(60)]
            + [{"id": f"en{i}", "lang": "en", "body_markdown": EN} for i in range(60)])
    assert len(EN) > 2.5 * len(ZH)  # the English pages are longer in characters, as on a real site

    first, second = split_evenly(docs, 2)

    assert first + second == docs  # every document once, in order
    # Work per writer as measured at 10,000 pages: 3.4 µs a Chinese character,
    # 1.0 µs a Latin one. Within a fifth of each other (the split by characters
    # gave one writer twice the work of the other).
    work = [sum(len(d["body_markdown"]) * (3.4 if d["lang"] == "zh" else 1.0) for d in part)
            for part in (first, second)]
    assert abs(work[0] - work[1]) < 0.2 * max(work), work
