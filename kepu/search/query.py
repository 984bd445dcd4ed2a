"""Searching: query parsing with synonym expansion, facets, suggestions, highlights.

Patients do not write query syntax, so there is none to get wrong: quotes,
brackets and AND/OR/NOT are treated as spaces, and every input — unbalanced
quotes, 10 KB of text, control characters — yields a result or a clear
QueryError, never an exception from the engine.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .analysis import (
    HAS_CJK,
    LATIN_WORD,
    ZH_STOP,
    QuerySegmenter,
    clean_text,
    is_stopword,
    normalize_word,
)
from .highlight import fragment, match_spans, render
from .indexer import PINYIN_FILE
from .schema import FIELD_BOOSTS
from .synonyms import SynonymTable, _key

MAX_QUERY_CHARS = 200
MAX_PAGE = 50
PAGE_SIZE = 10
FACETS = ("type", "disease", "lang")
LANGS = ("zh", "en")
TYPES = ("disease", "explainer", "case_story")
# Query syntax characters patients type by accident (or a client sends): spaces.
_SYNTAX = str.maketrans(dict.fromkeys("\"“”„«»'‘’()[]{}（）【】<>《》+:：^~*?\\/|&!！?？,，。;；、", " "))
_OPERATORS = {"AND", "OR", "NOT", "&&", "||"}


class QueryError(ValueError):
    """The request cannot be answered (page out of range, unknown facet value)."""


@dataclass
class Concept:
    """One thing the patient asked about: any alternative (all its terms) may match."""

    text: str
    alternatives: list[list[str]]
    diseases: set[str] = field(default_factory=set)
    optional: bool = False
    single: bool = False  # one Chinese character: likely a broken-up typo or unknown word


def parse(q: str, segmenter: QuerySegmenter, synonyms: SynonymTable) -> list[Concept]:
    text = clean_text(q)[:MAX_QUERY_CHARS].translate(_SYNTAX)
    text = " ".join(w for w in text.split() if w.upper() not in _OPERATORS)
    concepts: list[Concept] = []
    spans = segmenter.spans(text)
    i = 0
    while i < len(spans):
        # Longest synonym phrase starting here (a few words at most).
        for j in range(min(len(spans), i + 6), i, -1):
            a, b = spans[i][0], spans[j - 1][1]
            phrase = text[a:b]
            group = synonyms.group_for(_key(phrase))
            if group and (j - i > 1 or len(phrase) > 1):
                alts = [_terms(t, segmenter) for t in group.terms]
                concepts.append(Concept(phrase, [x for x in alts if x], set(group.diseases)))
                i = j
                break
        else:
            a, b, kind = spans[i]
            word = text[a:b]
            i += 1
            if is_stopword(word) or (kind == "zh" and word in ZH_STOP):
                continue
            term = normalize_word(word)
            single = kind == "zh" and len(word) == 1
            concepts.append(Concept(word, [[term]], optional=single, single=single))
    if concepts and all(c.optional for c in concepts):
        for c in concepts:
            c.optional = False
    return concepts


def _terms(text: str, segmenter: QuerySegmenter) -> list[str]:
    return [normalize_word(w) for w in segmenter.words(clean_text(text))
            if not is_stopword(w) and w not in ZH_STOP]


class SearchIndex:
    """A read-only view of an index folder, safe to share between threads.

    The searcher is reopened when a build commits a new generation, so a
    long-running server picks up new content without a restart.
    """

    def __init__(self, index_dir: Path, synonyms_file: Path | None = None):
        from whoosh import index as whoosh_index

        self.dir = Path(index_dir)
        if not whoosh_index.exists_in(str(self.dir)):
            raise FileNotFoundError(f"{self.dir}: no search index (run `kepu search index`)")
        self._ix = whoosh_index.open_dir(str(self.dir), readonly=True)
        self._synonyms_file = synonyms_file
        self._lock = threading.Lock()
        self._generation = -1
        self._state: dict[str, Any] = {}
        self._refresh()

    def _refresh(self) -> dict[str, Any]:
        generation = self._ix.latest_generation()
        if generation == self._generation:
            return self._state
        with self._lock:
            if generation != self._generation:
                from whoosh import index as whoosh_index

                ix = whoosh_index.open_dir(str(self.dir), readonly=True)
                searcher = ix.searcher()
                reader = searcher.reader()
                columns = {name: list(reader.column_reader(name)) for name in FACETS}
                segmenter = QuerySegmenter.load(self.dir)
                synonyms = SynonymTable.load(self.dir, self._synonyms_file)
                for term in synonyms.all_terms():
                    if HAS_CJK.search(term) and " " not in term:
                        segmenter.add(term)  # synonym phrases are matched whole
                pinyin_path = self.dir / PINYIN_FILE
                pinyin = (json.loads(pinyin_path.read_text(encoding="utf-8"))
                          if pinyin_path.is_file() else {})
                old = self._state.get("searcher")
                self._state = {"searcher": searcher, "columns": columns, "segmenter": segmenter,
                               "synonyms": synonyms, "pinyin": pinyin}
                self._generation = generation
                self._ix = ix
                if old is not None:
                    old.close()
        return self._state

    @property
    def doc_count(self) -> int:
        return self._refresh()["searcher"].doc_count()

    def search(self, q: str, lang: str | None = None, type: str | None = None,
               disease: str | None = None, page: int = 1, page_size: int = PAGE_SIZE) -> dict:
        if not isinstance(page, int) or page < 1 or page > MAX_PAGE:
            raise QueryError(f"page must be between 1 and {MAX_PAGE}")
        if lang not in (None, "", *LANGS):
            raise QueryError(f"lang must be one of {', '.join(LANGS)}")
        if type not in (None, "", *TYPES):
            raise QueryError(f"type must be one of {', '.join(TYPES)}")
        filters = {k: v for k, v in (("lang", lang), ("type", type), ("disease", disease)) if v}
        state = self._refresh()
        q = clean_text(q or "").strip()
        if len(q) > MAX_QUERY_CHARS:
            q = q[:MAX_QUERY_CHARS]
        concepts = parse(q, state["segmenter"], state["synonyms"])
        result = self._run(state, concepts, filters, page, page_size)
        result["query"] = q
        suggestion = self._suggest(state, q, concepts, result["total"])
        result["suggestion"] = suggestion
        result["corrected_from"] = None
        # Nothing but stray characters matched: the patient
        # almost certainly meant the suggestion (高血鸭 → 高血压).
        weak = bool(concepts) and all(c.single for c in concepts)
        if suggestion and (result["total"] == 0 or weak):
            corrected = self._run(state, parse(suggestion, state["segmenter"], state["synonyms"]),
                                  filters, page, page_size)
            if corrected["total"]:
                corrected.update(query=suggestion, suggestion=None, corrected_from=q)
                return corrected
        return result

    def _suggest(self, state, q: str, concepts: list[Concept], total: int) -> str | None:
        from .suggest import suggest

        if not q or len(q) > 60:
            return None
        searcher = state["searcher"]
        reader = searcher.reader()
        unknown_latin = any(
            w.isalpha() and len(w) > 2 and not is_stopword(w)
            and not reader.frequency("spell", w.lower())
            for c in concepts for w in LATIN_WORD.findall(c.text))
        doubtful = total == 0 or unknown_latin or any(c.single for c in concepts)
        if not doubtful:
            return None
        return suggest(q, searcher, state["pinyin"], set(state["segmenter"].freq))

    def _run(self, state, concepts: list[Concept], filters: dict[str, str], page: int,
             page_size: int) -> dict:
        from whoosh import query as wq

        searcher, columns = state["searcher"], state["columns"]
        empty = {"total": 0, "page": page, "pages": 0, "results": [],
                 "facets": {name: {} for name in FACETS}, "expanded": []}
        if not concepts:
            return empty

        def concept_query(c: Concept):
            alts = []
            for alt in c.alternatives:
                parts = [wq.Or([wq.Term(f, t, boost=b) for f, b in FIELD_BOOSTS.items()])
                         for t in alt]
                alts.append(parts[0] if len(parts) == 1 else wq.And(parts))
            return alts[0] if len(alts) == 1 else wq.Or(alts)

        required = [concept_query(c) for c in concepts if not c.optional]
        optional = [concept_query(c) for c in concepts if c.optional]
        diseases = {d for c in concepts for d in c.diseases}
        # A lay name of a disease ranks that disease's pages, and its hub first.
        optional += [wq.Term("disease", d, boost=2.0) for d in sorted(diseases)]
        optional += [wq.And([wq.Term("type", "disease"), wq.Term("disease", d)], boost=6.0)
                     for d in sorted(diseases)]
        main = required[0] if len(required) == 1 else wq.And(required)
        allowed, facets = _filter_and_count(set(main.docs(searcher)), columns, filters)
        if not allowed and len(required) > 1:
            main = wq.Or(required)  # nothing has every word: rank pages by how many they have
            allowed, facets = _filter_and_count(set(main.docs(searcher)), columns, filters)
        final = wq.AndMaybe(main, wq.Or(optional)) if optional else main
        total = len(allowed)
        result = {**empty, "total": total, "pages": -(-total // page_size), "facets": facets,
                  "expanded": sorted({t for c in concepts if len(c.alternatives) > 1
                                      for t in (" ".join(a) for a in c.alternatives)})}
        if not allowed or (page - 1) * page_size >= total:
            return result
        hits = searcher.search_page(final, page, pagelen=page_size, filter=allowed)
        zh_terms, en_stems = _highlight_terms(concepts)
        segmenter = state["segmenter"]
        for hit in hits:
            stored = hit.fields()
            title = stored.get("title_text", "")
            result["results"].append({
                "url": stored["url"], "title": title, "lang": stored["lang"],
                "type": stored["type"], "disease": stored["disease"],
                "expert": stored.get("expert_name", ""), "reviewed": stored.get("reviewed", ""),
                "score": round(hit.score, 3),
                "title_html": render(title, match_spans(title, zh_terms, en_stems, segmenter)),
                "summary_html": fragment(stored.get("summary_text", ""), zh_terms, en_stems,
                                         segmenter, width=160),
                "snippet_html": fragment(stored.get("body_text", ""), zh_terms, en_stems,
                                         segmenter),
            })
        return result


def _filter_and_count(matched: set[int], columns, filters: dict[str, str]):
    """Documents passing the filters, and facet counts.

    A facet counts what choosing its value would give under the *other*
    filters, so a patient who picked "explainer" still sees how many case
    stories there are.
    """
    facets: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    allowed = set()
    for docnum in matched:
        values = {name: columns[name][docnum] for name in FACETS}
        misses = [name for name, v in filters.items() if values[name] != v]
        if not misses:
            allowed.add(docnum)
        for name in FACETS:
            if not misses or misses == [name]:
                facets[name][values[name]] = facets[name].get(values[name], 0) + 1
    return allowed, facets


def _highlight_terms(concepts: list[Concept]) -> tuple[set[str], set[str]]:
    zh, en = set(), set()
    for c in concepts:
        for alt in c.alternatives:
            for t in alt:
                if HAS_CJK.search(t):
                    if len(t) > 1 or not c.optional:
                        zh.add(t)
                elif LATIN_WORD.fullmatch(t):
                    en.add(t)
    return zh, en
