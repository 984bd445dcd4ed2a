"""Reading level: patients, often elderly, must understand the page on first read.

Chinese has no agreed grade formula, so two measurable proxies are used:
average sentence length in characters and the share of the title taken by
medical jargon. English uses the Flesch–Kincaid grade. Both are warnings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .findings import Finding
from .termlists import shipped
from .textfields import text_fields


@dataclass(frozen=True)
class ReadingTarget:
    """The plain-language targets; the CMS may pass its own (e.g. per audience)."""

    zh_sentence_chars: int = 25      # average characters per sentence
    zh_long_sentence_chars: int = 50  # any single sentence longer than this is reported
    title_jargon_share: float = 0.4  # share of the title's characters that are jargon
    en_grade: float = 8.0            # Flesch–Kincaid grade
    min_zh_chars: int = 40           # shorter texts are not measured: averages mean little
    min_en_words: int = 30


DEFAULT_TARGET = ReadingTarget()

_ZH_SENTENCE_END = re.compile(r"[。！？!?；;…\n]+")
_COUNTED = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_MARKDOWN = (
    (re.compile(r"```.*?```", re.DOTALL), " "),
    (re.compile(r"<[^>]+>"), " "),
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"^\s{0,3}(?:#{1,6}|[-*+]|\d+\.|>)\s*", re.MULTILINE), ""),
    (re.compile(r"[*_`]+"), ""),
)


def plain_text(markdown: str) -> str:
    for pattern, repl in _MARKDOWN:
        markdown = pattern.sub(repl, markdown)
    return markdown


# Running text a patient reads sentence by sentence: summary, captions, speech
# bubbles, timeline steps, body. Titles, alt text and timeline labels are not
# sentences; key points, red flags and lessons are short list items by design
# and would flatter the average.


def _running_text(page: dict, body: str) -> list[tuple[str, str]]:
    return [(tf.path, tf.text) for tf in text_fields(page, body)
            if tf.kind == "prose" and (tf.path in ("summary", "body")
                                       or tf.path.endswith((".caption", ".text")))]


def _sentences(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, counted characters) of each sentence."""
    start = 0
    for m in [*_ZH_SENTENCE_END.finditer(text), None]:
        end = m.start() if m else len(text)
        count = len(_COUNTED.findall(text, start, end))
        if count:
            yield start, end, count
        start = m.end() if m else end


def average_sentence_chars(parts: list[str]) -> tuple[float, int]:
    """(average counted characters per sentence, total counted characters)."""
    lengths = [n for part in parts for _s, _e, n in _sentences(part)]
    total = sum(lengths)
    return (total / len(lengths) if lengths else 0.0), total


@lru_cache(maxsize=1)
def _jargon() -> dict[str, str]:
    out = {}
    for line in shipped("medical_jargon.txt"):
        term, _, plain = line.partition("|")
        out[term.strip()] = plain.strip()
    return out


def title_jargon(title: str) -> tuple[float, list[str]]:
    """Share of the title's characters covered by jargon terms, and those terms."""
    counted = len(_COUNTED.findall(title))
    if not counted:
        return 0.0, []
    covered = [False] * len(title)
    terms = []
    lowered = title.lower()
    for term in sorted(_jargon(), key=len, reverse=True):
        start = lowered.find(term.lower())
        while start != -1:
            if not any(covered[start:start + len(term)]):
                terms.append(term)
                for k in range(start, start + len(term)):
                    covered[k] = True
            start = lowered.find(term.lower(), start + len(term))
    share = sum(1 for k, c in enumerate(title) if covered[k] and _COUNTED.match(c)) / counted
    return share, terms


@lru_cache(maxsize=1)
def _hyphenator():
    # pyphen, not textstat: textstat's English syllable count fetches NLTK's
    # cmudict from the network on first use, which a build must never do.
    import pyphen

    return pyphen.Pyphen(lang="en_US")


def flesch_kincaid_grade(text: str) -> tuple[float, int]:
    """(Flesch–Kincaid grade, word count) of English text."""
    words = re.findall(r"[A-Za-z]+(?:'[A-Za-z]+)?", text)
    if not words:
        return 0.0, 0
    sentences = max(1, len([s for s in re.split(r"[.!?]+(?:\s|$)|\n+", text)
                            if re.search(r"[A-Za-z]", s)]))
    hyph = _hyphenator()
    syllables = sum(len(hyph.positions(w.lower())) + 1 for w in words)
    grade = 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59
    return round(grade, 1), len(words)


def reading_level(page: dict, body: str, lang: str,
                  target: ReadingTarget = DEFAULT_TARGET) -> Iterator[Finding]:
    running = _running_text(page, body)
    if lang == "en":
        grade, words = flesch_kincaid_grade("\n".join(plain_text(t) for _p, t in running))
        if words >= target.min_en_words and grade > target.en_grade:
            yield Finding("READING-LEVEL", "warn",
                          f"Flesch–Kincaid grade {grade:.1f} is above the target of "
                          f"{target.en_grade:g}; use shorter sentences and everyday words", "")
    else:
        average, total = average_sentence_chars([plain_text(t) for _p, t in running])
        if total >= target.min_zh_chars and average > target.zh_sentence_chars:
            yield Finding("READING-LEVEL", "warn",
                          f"sentences average {average:.0f} characters, above the target of "
                          f"{target.zh_sentence_chars}; split long sentences", "")
        for path, text in running:
            for start, end, count in _sentences(text):
                if count > target.zh_long_sentence_chars:
                    yield Finding("READING-LEVEL", "warn",
                                  f"a sentence of {count} characters (target: average "
                                  f"{target.zh_sentence_chars}); split it", path,
                                  excerpt=text[start:start + 30] + "…", span=(start, end))
    if page.get("type") == "disease":
        # A disease hub is titled with the disease's proper name (高血压, Hypertension);
        # its lay synonyms are what patients search with.
        return
    title = page.get("title") if isinstance(page.get("title"), str) else ""
    share, terms = title_jargon(title)
    if share > target.title_jargon_share:
        plain = [f"{t} → {_jargon()[t]}" for t in terms if _jargon()[t]]
        hint = f" (plain words: {'; '.join(plain)})" if plain else ""
        yield Finding("READING-LEVEL", "warn",
                      f"{share:.0%} of the title is medical jargon ({', '.join(terms)}); patients "
                      f"search in everyday words{hint}", "title", excerpt=title)
