"""Lay-term synonyms, expanded at query time.

Two sources: disease hubs' own names and synonyms (signed off with the hub, so
they travel in content/), and the shipped, editable list in data/synonyms.txt
(or a file named by ``KEPU_SEARCH_SYNONYMS``). Groups sharing a term merge, so
the file's 血压高 line joins the 高血压 hub and a query for 血压高 ranks that
hub first. Expanding queries rather than documents means editing the list
needs no re-index.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .analysis import HAS_CJK, LATIN_WORD, clean_text, normalize_word

SHIPPED = Path(__file__).parent / "data" / "synonyms.txt"
HUBS_FILE = "hub-synonyms.json"


@dataclass
class SynonymGroup:
    terms: list[str]
    diseases: set[str] = field(default_factory=set)


def read_synonym_file(path: Path) -> list[list[str]]:
    groups = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        terms = [clean_text(t).strip() for t in line.split("|")]
        terms = [t for t in terms if t]
        if len(terms) > 1:
            groups.append(terms)
    return groups


def hub_groups(pages) -> dict[str, list[str]]:
    """disease slug → the hub's title and lay synonyms, over all languages."""
    out: dict[str, list[str]] = {}
    for meta in pages:
        if meta.get("type") == "disease":
            names = [str(meta.get("title") or "")] + [str(s) for s in meta.get("synonyms") or []]
            out.setdefault(meta["disease"], []).extend(n for n in names if n.strip())
    return out


def _key(term: str) -> str:
    """Match key: Chinese as written, English as its stems (so 'heart attacks' matches)."""
    term = clean_text(term).strip()
    if HAS_CJK.search(term):
        return term.replace(" ", "")
    return " ".join(normalize_word(w) for w in LATIN_WORD.findall(term))


class SynonymTable:
    def __init__(self, file_groups: list[list[str]], hubs: dict[str, list[str]]):
        self.groups: list[SynonymGroup] = []
        by_key: dict[str, int] = {}

        def add(terms: list[str], disease: str | None) -> None:
            hits = sorted({by_key[k] for k in map(_key, terms) if k in by_key})
            if hits:
                target = self.groups[hits[0]]
                for other in hits[1:]:  # a group bridging two earlier groups merges them
                    target.terms += self.groups[other].terms
                    target.diseases |= self.groups[other].diseases
                    self.groups[other] = SynonymGroup([])
                    for k, v in by_key.items():
                        if v == other:
                            by_key[k] = hits[0]
                gid = hits[0]
            else:
                self.groups.append(SynonymGroup([]))
                gid = len(self.groups) - 1
            group = self.groups[gid]
            for t in terms:
                if _key(t) and _key(t) not in {_key(x) for x in group.terms}:
                    group.terms.append(t)
                by_key.setdefault(_key(t), gid)
            if disease:
                group.diseases.add(disease)

        for slug, names in sorted(hubs.items()):
            add(names, slug)
        for terms in file_groups:
            add(terms, None)
        self.by_key = by_key
        self.zh_maxlen = max((len(k) for k in by_key if HAS_CJK.search(k)), default=0)
        self.en_maxwords = max((k.count(" ") + 1 for k in by_key if not HAS_CJK.search(k)),
                               default=0)

    @classmethod
    def load(cls, index_dir: Path | None = None, extra_file: Path | None = None) -> SynonymTable:
        path = extra_file or os.environ.get("KEPU_SEARCH_SYNONYMS") or SHIPPED
        file_groups = read_synonym_file(Path(path)) if Path(path).is_file() else []
        hubs = {}
        if index_dir and (Path(index_dir) / HUBS_FILE).is_file():
            hubs = json.loads((Path(index_dir) / HUBS_FILE).read_text(encoding="utf-8"))
        return cls(file_groups, hubs)

    def group_for(self, key: str) -> SynonymGroup | None:
        gid = self.by_key.get(key)
        return self.groups[gid] if gid is not None else None

    def all_terms(self) -> set[str]:
        return {t for g in self.groups for t in g.terms}

    def to_json(self) -> dict:
        """The table for the zero-server search (the browser expands the same way)."""
        return {"groups": [{"terms": g.terms, "diseases": sorted(g.diseases)}
                           for g in self.groups if g.terms]}
