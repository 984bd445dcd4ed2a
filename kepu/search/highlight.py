"""Highlights that never drop or duplicate a character.

Whoosh's highlighter works from the index's tokens; jieba's search mode emits
overlapping ones (高血, 血压, 高血压) and the fragmenter then loses or repeats
characters — 高血压 comes out as 血压. Here matches are found in the stored
text itself and grown to whole words of a *non-overlapping* segmentation, so
the fragment with its tags removed is always a verbatim slice of the page.
"""

from __future__ import annotations

from html import escape

from .analysis import QuerySegmenter, normalize_word

ELLIPSIS = "…"


def match_spans(text: str, zh_terms: set[str], en_stems: set[str],
                segmenter: QuerySegmenter) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) character spans to mark in ``text``."""
    raw: list[tuple[int, int]] = []
    for term in zh_terms:
        start = text.find(term)
        while start != -1:
            raw.append((start, start + len(term)))
            start = text.find(term, start + 1)
    if en_stems or raw:
        for a, b, kind in segmenter.spans(text):
            if kind == "en":
                if normalize_word(text[a:b]) in en_stems:
                    raw.append((a, b))
            elif raw:
                # Grow Chinese matches to the whole word they sit in: 血压 inside
                # 高血压 marks 高血压, never a split word.
                for s, e in raw:
                    if s < b and a < e and (a < s or b > e):
                        raw.append((min(a, s), max(b, e)))
                        break
    return _merge(raw)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def render(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None) -> str:
    """HTML of text[start:end] with <mark> around spans; everything else escaped."""
    end = len(text) if end is None else end
    out, pos = [], start
    for a, b in spans:
        a, b = max(a, start), min(b, end)
        if a >= b:
            continue
        out += [escape(text[pos:a]), "<mark>", escape(text[a:b]), "</mark>"]
        pos = b
    out.append(escape(text[pos:end]))
    return "".join(out)


def fragment(text: str, zh_terms: set[str], en_stems: set[str], segmenter: QuerySegmenter,
             width: int = 110) -> str:
    """The best ``width``-character window of ``text`` with its matches marked."""
    text = text.replace("\n", " ")
    if len(text) <= width:
        return render(text, match_spans(text, zh_terms, en_stems, segmenter))
    # Find where matches cluster using plain substring search (cheap), then
    # segment only the window: segmenting a whole page per hit is too slow.
    probe = sorted(p for t in zh_terms for p in _positions(text, t))
    if en_stems:
        lowered = text.lower()
        probe += sorted(p for s in en_stems for p in _positions(lowered, s))
        probe.sort()
    if not probe:
        window_start = 0
    else:
        best, best_count, j = probe[0], 0, 0
        for i, p in enumerate(probe):
            while probe[j] < p - width // 2:
                j += 1
            if i - j + 1 > best_count:
                best, best_count = probe[j], i - j + 1
        window_start = max(0, min(best - width // 4, len(text) - width))
    window_end = min(len(text), window_start + width)
    window = text[window_start:window_end]
    html = render(window, match_spans(window, zh_terms, en_stems, segmenter))
    return (ELLIPSIS if window_start else "") + html + (ELLIPSIS if window_end < len(text) else "")


def _positions(text: str, term: str, limit: int = 50) -> list[int]:
    out, start = [], text.find(term)
    while start != -1 and len(out) < limit:
        out.append(start)
        start = text.find(term, start + 1)
    return out
