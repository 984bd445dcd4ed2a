"""content/ read once: unchanged page files are not parsed again.

``load_tree`` returns what kepu.contentformat.load_content_tree returns (and
raises the same ContentErrors), plus ``tree.digests``: {page path: SHA-256 of
the file's bytes}, the identity the build manifest keys pages by.

A page file is re-parsed when its size or modification time differs from the
cached entry (the rule make and Pelican's own cache use). The cache is kept in
memory (a long-running build worker pays nothing) and pickled to
var/content-cache.pickle (a fresh process reads one file instead of parsing
10,000). A cold first parse is split over both cores. Registries, withdrawn.yaml
and the cross-reference checks are always re-run: they are small, and they
decide what is published.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from kepu.contentformat import ContentErrors
from kepu.contentformat import reader as R

from .parallel import fork_map

CACHE_NAME = "content-cache.pickle"
CACHE_FORMAT = 1
_memory: dict[str, dict] = {}


def _page_files(root: Path) -> list[Path]:
    # The same files, in the same order, as load_content_tree reads them.
    return [p for lang in R.LANGUAGES for p in sorted((root / lang).rglob("*.md"))]


def _parse(args: tuple[str, str]):
    path, root = args
    data = Path(path).read_bytes()
    try:
        page = R.read_page_file(Path(path), Path(root))
    except ContentErrors as exc:
        return None, exc.errors, ""
    return page, None, hashlib.sha256(data).hexdigest()


def _load_disk(cache_file: Path) -> dict:
    try:
        with open(cache_file, "rb") as fh:
            data = pickle.load(fh)  # noqa: S301 (our own cache file in var/)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return {}
    return data.get("pages", {}) if data.get("format") == CACHE_FORMAT else {}


def _save_disk(cache_file: Path, pages: dict) -> None:
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache_file.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        pickle.dump({"format": CACHE_FORMAT, "pages": pages}, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, cache_file)


def load_tree(root, var_dir: Path | None = None) -> R.ContentTree:
    """load_content_tree with a parse cache; ``var_dir`` None keeps it in memory only."""
    root = Path(root).resolve()
    if not root.is_dir():
        return R.load_content_tree(root)  # its "folder does not exist" error
    key = str(root)
    cache_file = Path(var_dir) / CACHE_NAME if var_dir else None
    cached = _memory.get(key)
    if cached is None and cache_file is not None:
        cached = _load_disk(cache_file)
    cached = cached or {}

    fresh: dict[str, tuple] = {}
    todo: list[tuple[str, str, int, int]] = []
    for path in _page_files(root):
        rel = path.relative_to(root).as_posix()
        st = path.stat()
        hit = cached.get(rel)
        if hit is not None and hit[0] == st.st_size and hit[1] == st.st_mtime_ns:
            fresh[rel] = hit
        else:
            todo.append((rel, str(path), st.st_size, st.st_mtime_ns))
    errors = []
    parsed = fork_map(_parse, [(p, str(root)) for _, p, _, _ in todo])
    for (rel, _, size, mtime), (page, page_errors, sha) in zip(todo, parsed, strict=True):
        if page_errors:
            errors.extend(page_errors)
        else:
            fresh[rel] = (size, mtime, sha, page)

    tree = R.ContentTree(root)
    for kind in R.REGISTRY_KINDS:
        for path in sorted((root / kind).glob("*.yaml")):
            try:
                tree.registry(kind)[path.stem] = R.read_registry_file(path, kind, root)
            except ContentErrors as exc:
                errors.extend(exc.errors)
    order = [p.relative_to(root).as_posix() for p in _page_files(root)]
    tree.pages = [fresh[rel][3] for rel in order if rel in fresh]
    tree.digests = {fresh[rel][3].path: fresh[rel][2] for rel in order if rel in fresh}
    withdrawn = root / "withdrawn.yaml"
    if withdrawn.is_file():
        doc = R._parse_yaml("withdrawn.yaml", withdrawn.read_text(encoding="utf-8"), 0)
        if R._check_format(doc):
            tree.withdrawn = list(doc.data.get("pages") or [])
        errors.extend(doc.errors)
    if not errors:
        errors.extend(R._cross_references(tree))
    if errors:
        # Bad content: let the reader itself list every problem, in its order.
        return R.load_content_tree(root)
    _memory[key] = fresh
    if cache_file is not None and (todo or len(fresh) != len(cached)):
        _save_disk(cache_file, fresh)
    return tree
