"""Searching: query parsing with synonym expansion, facets, suggestions, highlights.

Patients do not write query syntax, so there is none to get wrong: quotes,
brackets and AND/OR/NOT are treated as spaces, and every input — unbalanced
quotes, 10 KB of text, control characters — yields a result or a clear
QueryError, never an exception from the engine.
"""

from __future__ import annotations

import heapq
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
from .scoring import TermScorer
from .synonyms import SynonymTable, _key

MAX_QUERY_CHARS = 200
MAX_PAGE = 50
PAGE_SIZE = 10
FACETS = ("type", "disease", "lang")
FACETS_KEY = ("lang", "type", "disease")  # the order of a document's key
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
                columns = [list(reader.column_reader(name)) for name in FACETS_KEY]
                keys = DocKeys(list(zip(*columns, strict=True)))
                by_disease: dict[str, list[int]] = {}
                for docnum, key in enumerate(keys):
                    if not reader.is_deleted(docnum):
                        by_disease.setdefault(key[2], []).append(docnum)
                segmenter = QuerySegmenter.load(self.dir)
                synonyms = SynonymTable.load(self.dir, self._synonyms_file)
                for term in synonyms.all_terms():
                    if HAS_CJK.search(term) and " " not in term:
                        segmenter.add(term)  # synonym phrases are matched whole
                pinyin_path = self.dir / PINYIN_FILE
                pinyin = (json.loads(pinyin_path.read_text(encoding="utf-8"))
                          if pinyin_path.is_file() else {})
                old = self._state.get("searcher")
                self._state = {"searcher": searcher, "keys": keys, "segmenter": segmenter,
                               "scorer": TermScorer(searcher), "by_disease": by_disease,
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
        from .scoring import intersection, union

        searcher, keys = state["searcher"], state["keys"]
        empty = {"total": 0, "page": page, "pages": 0, "results": [],
                 "facets": {name: {} for name in FACETS}, "expanded": []}
        if not concepts:
            return empty
        scorer = state["scorer"]

        def concept_scores(c: Concept) -> dict[int, float]:
            # Each word: an OR over the fields; an alternative: all its words;
            # a concept: any of its alternatives (lay synonyms).
            return scorer.combined(tuple(map(tuple, c.alternatives)), lambda: union(
                [intersection([scorer.term(t) for t in alt]) for alt in c.alternatives]))

        required = [concept_scores(c) for c in concepts if not c.optional]
        optional = [concept_scores(c) for c in concepts if c.optional]
        main = intersection(required)
        allowed_keys, facets = _filter_and_count(main, keys, filters)
        ranked = _passing(main, keys, allowed_keys, filters)
        if not ranked and len(required) > 1:
            main = union(required)  # nothing has every word: rank pages by how many they have
            allowed_keys, facets = _filter_and_count(main, keys, filters)
            ranked = _passing(main, keys, allowed_keys, filters)
        diseases = {d for c in concepts for d in c.diseases}
        total = len(ranked)
        result = {**empty, "total": total, "pages": -(-total // page_size), "facets": facets,
                  "expanded": sorted({t for c in concepts if len(c.alternatives) > 1
                                      for t in (" ".join(a) for a in c.alternatives)})}
        if not ranked or (page - 1) * page_size >= total:
            return result
        # Optional words and a lay name's disease raise a page, never admit one
        # (Whoosh's AndMaybe): a disease term scores 2, its hub 2 × 6 more.
        final = main
        if optional or diseases:
            final = dict(main)
            for doc, value in (union(optional) if optional else {}).items():
                if doc in final:
                    final[doc] += value
            for disease in diseases:
                for doc in state["by_disease"].get(disease, ()):
                    if doc in final:
                        final[doc] += 14.0 if keys[doc][1] == "disease" else 2.0
        # Best first; equal scores in index order, as Whoosh's collector does.
        best = heapq.nlargest(page * page_size, ranked, key=lambda d: (final[d], -d))
        hits = [(final[d], -d) for d in best[(page - 1) * page_size:]]
        zh_terms, en_stems = _highlight_terms(concepts)
        segmenter = state["segmenter"]
        for value, neg in hits:
            stored = searcher.stored_fields(-neg)
            title = stored.get("title_text", "")
            result["results"].append({
                "url": stored["url"], "title": title, "lang": stored["lang"],
                "type": stored["type"], "disease": stored["disease"],
                "expert": stored.get("expert_name", ""), "reviewed": stored.get("reviewed", ""),
                "score": round(value, 3),
                "title_html": render(title, match_spans(title, zh_terms, en_stems, segmenter)),
                "summary_html": fragment(stored.get("summary_text", ""), zh_terms, en_stems,
                                         segmenter, width=160),
                "snippet_html": fragment(stored.get("body_text", ""), zh_terms, en_stems,
                                         segmenter),
            })
        return result


class DocKeys(list):
    """docnum → (lang, type, disease), plus a small number per distinct key
    (counting ints is several times faster than counting tuples)."""

    def __init__(self, keys: list[tuple[str, str, str]]):
        super().__init__(keys)
        numbers: dict[tuple, int] = {}
        self.ids = [numbers.setdefault(k, len(numbers)) for k in keys]
        self.table = list(numbers)


def _passing(matched, keys, allowed_keys, filters) -> list[int]:
    if not filters:
        return list(matched)
    return [d for d in matched if keys[d] in allowed_keys]


def _filter_and_count(matched, keys, filters: dict[str, str]):
    """The (lang, type, disease) keys passing the filters, and facet counts.

    A facet counts what choosing its value would give under the *other*
    filters, so a patient who picked "explainer" still sees how many case
    stories there are. Counting keys first keeps this a C-speed loop.
    """
    from collections import Counter

    key_ids, key_table = keys.ids, keys.table
    per_key = {key_table[i]: n for i, n in Counter(map(key_ids.__getitem__, matched)).items()}
    facets: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    allowed = set()
    for key, count in per_key.items():
        values = dict(zip(FACETS_KEY, key, strict=True))
        misses = [name for name, v in filters.items() if values[name] != v]
        if not misses:
            allowed.add(key)
        for name in FACETS:
            if not misses or misses == [name]:
                facets[name][values[name]] = facets[name].get(values[name], 0) + count
    for name in FACETS:  # the order Whoosh's per-document loop gave: most common first
        facets[name] = dict(sorted(facets[name].items(), key=lambda kv: -kv[1]))
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
