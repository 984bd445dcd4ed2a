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
import time
from pathlib import Path

from kepu.contentformat import ContentErrors
from kepu.contentformat import reader as R

from .parallel import fork_map

CACHE_NAME = "content-cache.pickle"
CACHE_FORMAT = 2
# Page files a parse worker reads, then pickles, as one piece.
GROUP = 32
_memory: dict[str, dict] = {}
_trees: dict[str, tuple] = {}  # root → (what was read, the checked tree): for build workers


def _other_files(root: Path) -> tuple:
    """Size and mtime of the registries and withdrawn.yaml: any change re-reads them all."""
    paths = [p for kind in R.REGISTRY_KINDS for p in sorted((root / kind).glob("*.yaml"))]
    paths.append(root / "withdrawn.yaml")
    out = []
    for path in paths:
        try:
            st = path.stat()
        except FileNotFoundError:
            continue
        out.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(out)


# {content root: ({folder: mtime}, the page files found)}: while no folder's
# modification time changed, no page file was added, removed or renamed.
_file_lists: dict[str, tuple[dict[str, int], list]] = {}


def _folder_times(folders) -> dict[str, int] | None:
    try:
        return {folder: os.stat(folder).st_mtime_ns for folder in folders}
    except OSError:
        return None


def _page_files(root: Path) -> list[tuple[str, str]]:
    """(relative path, absolute path) of every page file, in load_content_tree's order
    (per language, sorted like sorted(Path.rglob()) sorts: by path parts)."""
    known = _file_lists.get(str(root))
    if known is not None and _folder_times(known[0]) == known[0]:
        return known[1]
    found, folders = [], [str(root)]
    for lang in R.LANGUAGES:
        in_lang = []
        for folder, _, names in os.walk(os.path.join(root, lang)):
            folders.append(folder)
            rel_folder = os.path.relpath(folder, root).replace(os.sep, "/")
            in_lang.extend((f"{rel_folder}/{name}", os.path.join(folder, name))
                           for name in names if name.endswith(".md"))
        found.extend(sorted(in_lang, key=lambda item: item[0].split("/")))
    times = _folder_times(folders)
    # A folder changed in the last two seconds could change again within the same
    # timestamp tick, unseen (git's "racily clean" entries): not remembered yet.
    recent = time.time_ns() - 2_000_000_000
    if times is not None and all(t < recent for t in times.values()):
        _file_lists[str(root)] = (times, found)
    else:
        _file_lists.pop(str(root), None)
    return found


def _parse(args: tuple[str, str]):
    path, root = args
    data = Path(path).read_bytes()
    try:
        page = R.read_page_file(Path(path), Path(root), data=data)  # read once
    except ContentErrors as exc:
        return None, exc.errors, ""
    # The field → line map is only read to report errors, and any error makes
    # load_tree hand over to the reader, which rebuilds it. Dropping it saves
    # about a third of the model's memory and of the cache file.
    page.lines = {}
    return page, None, hashlib.sha256(data).hexdigest()


def _parse_group(group: list[tuple[str, str, int, int]], root: str) -> bytes:
    """Parse a group of page files (rel, path, size, mtime); return their cache
    entries — (rel, size, mtime, sha, page), or (rel, errors) — pickled here.

    The parent unpickles them (as it would any worker's result) and, in a first
    build, writes these same bytes as the cache file: pickling 10,000 parsed
    pages again there took 0.28 s of the one process while both cores were idle
    (issue 9)."""
    out = []
    for rel, path, size, mtime in group:
        page, errors, sha = _parse((path, root))
        out.append((rel, errors) if errors else (rel, size, mtime, sha, page))
    return pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)


def _read_pickle(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)  # noqa: S301 (our own cache file in var/)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return {}
    return data if isinstance(data, dict) and data.get("format") == CACHE_FORMAT else {}


def _write_pickle(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        pickle.dump({"format": CACHE_FORMAT, **data}, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def _read_cache(path: Path) -> dict:
    """The base cache file: a header, then pickled groups of (rel, size, mtime,
    sha, page) entries (_parse_group's, or one group for a rewrite)."""
    pages = {}
    try:
        with open(path, "rb") as fh:
            head = pickle.load(fh)  # noqa: S301 (our own cache file in var/)
            if not isinstance(head, dict) or head.get("format") != CACHE_FORMAT:
                return {}
            for _ in range(head["groups"]):
                for rel, size, mtime, sha, page in pickle.load(fh):  # noqa: S301
                    pages[rel] = (size, mtime, sha, page)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
            KeyError, TypeError, ValueError):
        return {}
    return pages


def _write_cache(path: Path, groups: list[bytes]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        pickle.dump({"format": CACHE_FORMAT, "groups": len(groups)}, fh)
        for group in groups:
            fh.write(group)
    os.replace(tmp, path)


def _delta_file(cache_file: Path) -> Path:
    return cache_file.with_name(cache_file.stem + ".delta.pickle")


def _load_disk(cache_file: Path) -> dict:
    """The base cache with the delta of later builds applied."""
    pages = _read_cache(cache_file)
    delta = _read_pickle(_delta_file(cache_file))
    if pages and delta.get("base") == cache_file.stat().st_mtime_ns:
        pages = {**pages, **delta.get("pages", {})}
        for rel in delta.get("removed", ()):
            pages.pop(rel, None)
    return pages


def _save_disk(cache_file: Path, before: dict, pages: dict, parsed: list[bytes]) -> None:
    """Write only what changed (a delta beside the base) unless the delta has grown
    past a twentieth of the site: saving stays proportional to the edit.
    ``parsed``: the parse workers' pickled groups; when they hold every page (a
    first build), they are the new base as they are."""
    delta_file = _delta_file(cache_file)
    delta = _read_pickle(delta_file) if cache_file.is_file() else {}
    if delta.get("base") != (cache_file.stat().st_mtime_ns if cache_file.is_file() else None):
        delta = {}
    changed = {**delta.get("pages", {}), **{rel: v for rel, v in pages.items() if before.get(rel) is not v}}
    removed = (set(delta.get("removed", ())) | (before.keys() - pages.keys())) - pages.keys()
    if not cache_file.is_file() or len(changed) + len(removed) > max(50, len(pages) // 20):
        if not before and parsed:
            groups = parsed  # nothing came from a cache: every page was parsed just now
        else:
            groups = [pickle.dumps([(rel, *entry) for rel, entry in pages.items()],
                                   protocol=pickle.HIGHEST_PROTOCOL)]
        _write_cache(cache_file, groups)
        delta_file.unlink(missing_ok=True)
        return
    _write_pickle(delta_file, {"base": cache_file.stat().st_mtime_ns, "pages": changed,
                               "removed": sorted(removed)})


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
    files = _page_files(root)
    for rel, path in files:
        st = os.stat(path)
        hit = cached.get(rel)
        if hit is not None and hit[0] == st.st_size and hit[1] == st.st_mtime_ns:
            fresh[rel] = hit
        else:
            todo.append((rel, str(path), st.st_size, st.st_mtime_ns))
    others = _other_files(root)
    previous = _trees.get(key)
    if not todo and previous is not None and previous[0] == (files, others):
        # Nothing changed since the last build in this process (every file as the
        # cache that tree was made from has it): the same, checked tree.
        return previous[1]
    errors = []
    where = str(root)
    parsed = fork_map(lambda group: _parse_group(group, where),
                      [todo[i:i + GROUP] for i in range(0, len(todo), GROUP)], chunk=1, weight=GROUP)
    for group in parsed:
        for rel, *entry in pickle.loads(group):  # noqa: S301 (from our own workers)
            if len(entry) == 1:
                errors.extend(entry[0])
            else:
                fresh[rel] = tuple(entry)

    tree = R.ContentTree(root)
    for kind in R.REGISTRY_KINDS:
        for path in sorted((root / kind).glob("*.yaml")):
            try:
                tree.registry(kind)[path.stem] = R.read_registry_file(path, kind, root)
            except ContentErrors as exc:
                errors.extend(exc.errors)
    order = [rel for rel, _ in files]
    tree.pages = [fresh[rel][3] for rel in order if rel in fresh]
    tree.digests = {fresh[rel][3].path: fresh[rel][2] for rel in order if rel in fresh}
    withdrawn = root / "withdrawn.yaml"
    if withdrawn.is_file():
        doc = R._parse_yaml("withdrawn.yaml", withdrawn.read_text(encoding="utf-8"), 0)
        if R._check_format(doc):
            tree.withdrawn = list(doc.data.get("pages") or [])
        errors.extend(doc.errors)
    if not errors:
        # The last tree passed these checks: with the same registries, its pages
        # (the same parsed objects) need only the checks between pages again.
        checked = {id(p) for p in previous[1].pages} if previous and previous[0][1] == others else ()
        errors.extend(R._cross_references(tree, checked))
    if errors:
        # Bad content: let the reader itself list every problem, in its order.
        return R.load_content_tree(root)
    _memory[key] = fresh
    _trees[key] = ((files, others), tree)
    if cache_file is not None and (todo or len(fresh) != len(cached)):
        _save_disk(cache_file, cached, fresh, parsed)
    return tree
