#!/usr/bin/env python3
"""Print MRR@10 and Recall@5 of search over the judged query set.

Indexes a content/ tree into a temporary folder (or uses --index-dir) and runs
every query of kepu/search/data/judged_queries.yaml. With no demo corpus in
content/ yet, it uses the test corpus of tests/search/corpus.py.

\b
Usage:
  .venv/bin/python scripts/search_eval.py                 # content/ or the sample corpus
  .venv/bin/python scripts/search_eval.py --content content --verbose
  .venv/bin/python scripts/search_eval.py --static         # also the zero-server index
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description="MRR@10 and Recall@5 over the judged queries")
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--sample", action="store_true", help="use the test corpus")
    parser.add_argument("--verbose", "-v", action="store_true", help="one line per query")
    parser.add_argument("--static", action="store_true",
                        help="also score the zero-server index (Python port of search.js)")
    args = parser.parse_args()

    from kepu.search.evaluation import evaluate, load_judged, service_ranker
    from kepu.search.indexer import update_index
    from kepu.search.query import SearchIndex
    from kepu.search.schema import documents_from_pages

    work = Path(tempfile.mkdtemp(prefix="kepu-search-eval-"))
    if args.sample or not list(args.content.glob("*/*/*.md")):
        from tests.contentfactory import write_content_tree
        from tests.search.corpus import sample_pages

        print("corpus: tests/search/corpus.py (no pages in content/)")
        args.content = write_content_tree(work / "content", sample_pages())
    from kepu.contentformat import load_content_tree

    tree = load_content_tree(args.content)
    docs = documents_from_pages(tree.pages, withdrawn=tree.withdrawn)
    update_index(work / "index", docs, full=True, hub_pages=[p.meta for p in tree.pages])
    index = SearchIndex(work / "index")
    judged = load_judged()
    all_urls = [(d["url"], d["lang"]) for d in docs]
    scores = evaluate(judged, service_ranker(index), all_urls)
    print(f"queries: {len(scores.per_query)} judged, {len(docs)} pages")
    print(f"service      MRR@10 {scores.mrr10:.3f}   Recall@5 {scores.recall5:.3f}   "
          f"recall (top 20) {scores.recall_all:.3f}")
    if args.verbose:
        for j, rr, r5, _ in scores.per_query:
            print(f"  {rr:4.2f} {r5:4.2f}  [{j.lang} {j.kind:10}] {j.q}")
    if args.static:
        from kepu.search.static_index import build_static_index, static_ranker

        build_static_index(work / "index", work / "static")
        st = evaluate(judged, static_ranker(work / "static"), all_urls)
        print(f"zero-server  MRR@10 {st.mrr10:.3f}   Recall@5 {st.recall5:.3f}   "
              f"recall (top 20) {st.recall_all:.3f}   "
              f"= {100 * st.recall_all / max(scores.recall_all, 1e-9):.0f} % of the service")
        if args.verbose:
            for j, rr, r5, _ in st.per_query:
                print(f"  {rr:4.2f} {r5:4.2f}  [{j.lang} {j.kind:10}] {j.q}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
