"""Export time from the CMS (`kepu export`, ORM path) for the demo and a 1,000-page CMS.

Each case runs in a fresh process on its own temporary SQLite database
(KEPU_SQLITE_PATH) and media folder: migrate, load the demo corpus through the
real review workflow (cms/base/demo_loader.py — every page submitted, checked
and signed off), then time ``export_content`` into an empty folder (first
export) and again into the same folder (nothing changed). The 1,000-page case
loads a copy of the demo corpus whose explainers and stories are repeated with
new slugs until there are at least 1,000 pages. Loading is not timed: it is the
editors' and experts' work, not the export's.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import yaml

from .measure import run_measured

_CASE = r"""
import json, sys, time
from pathlib import Path
from kepu.djangoenv import setup_django
setup_django()
from django.core.management import call_command
demo_dir, dest, runs = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
call_command("migrate", interactive=False, verbosity=0)
t = time.perf_counter()
call_command("load_demo", demo_dir=demo_dir, quiet_logins=True, verbosity=0)
loaded = time.perf_counter() - t
from cms.exporting.export import export_content
first, again = [], []
for _ in range(runs):
    if dest.exists():
        import shutil; shutil.rmtree(dest)
    t = time.perf_counter(); report = export_content(dest); first.append(time.perf_counter() - t)
    t = time.perf_counter(); export_content(dest); again.append(time.perf_counter() - t)
print(json.dumps({"pages": report.pages, "load_seconds": loaded, "first": first, "unchanged": again}))
"""


def _demo_dir() -> Path:
    # cms/base/demo_loader.DEMO_DIR, found without starting Django.
    import importlib.util

    return Path(importlib.util.find_spec("cms.base").submodule_search_locations[0]) / "demo"


def scaled_demo(target_pages: int, dest: Path) -> int:
    """Copy the demo corpus, repeating explainers and stories up to ``target_pages`` pages."""
    shutil.copytree(_demo_dir(), dest)
    files = sorted((dest / "diseases").glob("*.yaml"))
    docs = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in files]

    def count() -> int:
        return sum(2 + sum(sum(1 for lang in ("zh", "en") if lang in item)
                           for kind in ("explainers", "case_stories") for item in d.get(kind) or [])
                   for d in docs)

    originals = [{kind: list(d.get(kind) or []) for kind in ("explainers", "case_stories")} for d in docs]
    copy = 0
    while count() < target_pages:
        copy += 1
        for doc, items in zip(docs, originals, strict=True):
            for kind, pages in items.items():
                for page in pages:
                    clone = json.loads(json.dumps(page, default=str))
                    clone["slug"] = f"{page['slug']}-{copy}"
                    for lang, suffix in (("zh", f"（{copy}）"), ("en", f" ({copy})")):
                        if lang in clone and clone[lang].get("title"):
                            clone[lang]["title"] += suffix
                    doc.setdefault(kind, []).append(clone)
    for path, doc in zip(files, docs, strict=True):
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return count()


def export_benchmark(pages: int, seed: int, work: Path, runs: int,
                     say: Callable[[str], None]) -> dict:
    """{"demo": {...}, "1000 pages": {...}}: median first and unchanged export seconds."""
    del pages, seed  # the CMS cases are fixed sizes, whatever the site corpus size
    results = {}
    for name, target in (("demo", 0), ("1000 pages", 1000)):
        case = Path(work) / name.replace(" ", "-")
        shutil.rmtree(case, ignore_errors=True)
        case.mkdir(parents=True)
        demo = case / "demo"
        if target:
            scaled_demo(target, demo)
        else:
            shutil.copytree(_demo_dir(), demo)
        env = {**os.environ, "KEPU_SQLITE_PATH": str(case / "cms.sqlite3"),
               "KEPU_MEDIA_ROOT": str(case / "media"), "KEPU_PUBLISH_ON_SIGNOFF": "0",
               "KEPU_CONTENT_DIR": str(case / "content"), "KEPU_OUTPUT_DIR": str(case / "output"),
               "KEPU_VAR_DIR": str(case / "var")}
        measured = run_measured([sys.executable, "-c", _CASE, str(demo), str(case / "content"), str(runs)],
                                env=env)
        if measured.returncode:
            say(f"export benchmark ({name}) failed:\n{measured.output[-2000:]}")
            results[name] = None
            continue
        data = json.loads(measured.output.strip().splitlines()[-1])
        first, again = sorted(data["first"]), sorted(data["unchanged"])
        results[name] = {"pages": data["pages"], "load_seconds": round(data["load_seconds"], 2),
                         "seconds": [round(x, 3) for x in data["first"]],
                         "median_seconds": round(first[len(first) // 2], 3),
                         "unchanged_median_seconds": round(again[len(again) // 2], 3)}
        say(f"export ({name}, {data['pages']} pages): {results[name]['median_seconds']:.2f} s, "
            f"unchanged re-export {results[name]['unchanged_median_seconds']:.2f} s")
    return results

