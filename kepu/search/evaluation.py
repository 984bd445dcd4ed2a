"""Relevance measures over the judged query set (MRR@10, Recall@5).

Recall@5 is capped: a query with 12 relevant pages scores 1.0 when its top 5
are all relevant (|relevant ∩ top 5| / min(|relevant|, 5)), so broad disease
queries are not punished for having many good answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

JUDGED = Path(__file__).parent / "data" / "judged_queries.yaml"


@dataclass
class Judged:
    q: str
    lang: str
    kind: str
    disease: str
    slugs: list[str] | None = None
    type: str | None = None

    def is_relevant(self, url: str, lang: str) -> bool:
        """Relevance by URL shape /<lang>/<disease>/[<slug>/]."""
        parts = [p for p in url.split("/") if p]
        if len(parts) < 2 or parts[0] != lang or parts[1] != self.disease or lang != self.lang:
            return False
        slug = parts[2] if len(parts) > 2 else parts[1]
        is_hub = len(parts) == 2
        if self.type == "disease":
            return is_hub
        return self.slugs is None or slug in self.slugs

    def relevant_urls(self, all_urls: list[tuple[str, str]]) -> set[str]:
        return {u for u, lang in all_urls if self.is_relevant(u, lang)}


def load_judged(path: Path = JUDGED) -> list[Judged]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    out = []
    for item in data["queries"]:
        rel = item["relevant"]
        out.append(Judged(q=str(item["q"]), lang=item["lang"], kind=item.get("kind", ""),
                          disease=rel["disease"], slugs=rel.get("slugs"), type=rel.get("type")))
    return out


@dataclass
class Scores:
    mrr10: float
    recall5: float
    recall_all: float
    per_query: list[tuple[Judged, float, float, float]]


def evaluate(judged: list[Judged], ranked_urls: Callable[[Judged], list[str]],
             all_urls: list[tuple[str, str]]) -> Scores:
    """``ranked_urls(j)`` returns the result URLs for j.q in rank order (any length)."""
    rows = []
    for j in judged:
        relevant = j.relevant_urls(all_urls)
        if not relevant:
            continue
        ranked = ranked_urls(j)
        rr = next((1 / (i + 1) for i, u in enumerate(ranked[:10]) if u in relevant), 0.0)
        r5 = len(relevant & set(ranked[:5])) / min(len(relevant), 5)
        r_all = len(relevant & set(ranked)) / len(relevant)
        rows.append((j, rr, r5, r_all))
    n = len(rows) or 1
    return Scores(sum(r[1] for r in rows) / n, sum(r[2] for r in rows) / n,
                  sum(r[3] for r in rows) / n, rows)


def service_ranker(index, depth: int = 20) -> Callable[[Judged], list[str]]:
    """Rank with the Whoosh service (first ``depth`` results)."""
    def rank(j: Judged) -> list[str]:
        urls: list[str] = []
        page = 1
        while len(urls) < depth:
            result = index.search(j.q, lang=j.lang, page=page)
            urls += [r["url"] for r in result["results"]]
            if page >= result["pages"]:
                break
            page += 1
        return urls[:depth]
    return rank
