"""kepu_search: at build time, index every published page for search.

Writes the Whoosh index (incrementally: only changed pages are re-indexed) to
$KEPU_SEARCH_INDEX_DIR, else KEPU_SEARCH["index_dir"], else var/search-index
beside the output folder — never inside what is deployed; `kepu search serve`
reads it from there — and the
zero-server index into <output>/search/ for the static search page.

Setting (one dict, all keys optional):

    KEPU_SEARCH = {"index_dir": "/srv/kepu/search-index", "static": True}
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from pelican import signals

log = logging.getLogger(__name__)
PREFIX = "kepu_search:"
KNOWN = {"index_dir", "static", "procs"}


def settings_of(pelican_settings) -> dict:
    raw = pelican_settings.get("KEPU_SEARCH") or {}
    if not isinstance(raw, dict):
        log.warning("%s KEPU_SEARCH must be a dict, not %r; using defaults", PREFIX, raw)
        raw = {}
    for key in sorted(set(raw) - KNOWN):
        log.warning("%s unknown KEPU_SEARCH key %r (known: %s)", PREFIX, key,
                    ", ".join(sorted(KNOWN)))
    return raw


def build_search(generators) -> None:
    context = next((g.context for g in generators if "kepu_site" in g.context), None)
    if context is None:
        log.warning("%s no kepu_site in the build context; search index not written", PREFIX)
        return
    site = context["kepu_site"]
    gen = generators[0]
    conf = settings_of(gen.settings)

    import os

    index_dir = Path(os.environ.get("KEPU_SEARCH_INDEX_DIR") or conf.get("index_dir")
                     or _default_index_dir(Path(gen.output_path)))
    ledger = _ledger(context, gen.settings) if conf.get("static", True) else None
    known = _known_documents(index_dir)
    before = dict(known)
    # Made here even when the index is made in a child: made there, the documents
    # would also copy every page of the site model they read (reference counts
    # are writes), ~70 MB at 10,000 pages. ``known`` is brought up to date here too.
    docs = _documents(site, known)
    to_save = known if known != before else None
    if len(site.pages) - len(before) < FORK_FROM:
        _index_site(_hubs(site), index_dir, docs, to_save, conf, Path(gen.output_path), ledger)
        return
    # A full index (a first build, a new kepu version): jieba's dictionary and
    # every page's analysed terms are ~260 MB at 10,000 pages that nothing after
    # this phase needs. Made in a child process, they go when it exits instead of
    # staying for the rest of the build and being copied into its forked workers.
    from kepu.incremental.parallel import in_child

    recorder = _RecordingLedger(ledger) if ledger is not None else None
    # Only what the child needs of the site model, picked here: walking every page
    # there would copy most of the model's memory pages into it (a reference count
    # is a write).
    asked = in_child(_index_site, _hubs(site), index_dir, docs, to_save, conf, Path(gen.output_path),
                     recorder)
    del docs
    for rel, key in asked or ():
        ledger.reuse(rel, key)  # as the child's ledger answered: same previous build
    # The zero-server index's state this process may remember is older than the index now.
    from kepu.search import static_state

    static_state.forget(index_dir)


# Pages without a known search document from which the index is made in a child process.
FORK_FROM = 400


def _documents(site, known: dict) -> list[dict]:
    from kepu.search.schema import documents_from_pages

    urls = {id(p.meta): p.url for p in site.pages}
    # Unchanged pages are recognised by their file's hash (from the content
    # cache): their text is not converted and fingerprinted again each build.
    return documents_from_pages(site.pages, url_for=lambda meta: urls[id(meta)], known=known,
                                digests=getattr(site, "_kepu_digests", None))


def _hubs(site) -> list[dict]:
    """The disease hubs' metadata: their titles and lay synonyms expand queries."""
    return [p.meta for p in site.pages if p.type == "disease"]


def _index_site(hubs: list[dict], index_dir: Path, docs: list[dict], known: dict | None, conf: dict,
                output_path: Path, ledger):
    """Update the Whoosh index (and save ``known``, if given) and write the
    zero-server index; returns what the ledger was asked, when it is a
    _RecordingLedger. ``hubs``: the disease hubs' metadata (_hubs)."""
    from kepu.search.indexer import update_index
    from kepu.search.static_index import build_static_index

    started = time.perf_counter()
    static = conf.get("static", True)
    stats = update_index(index_dir, docs, hub_pages=hubs,
                         procs=conf.get("procs"), static_next=static)
    if known is not None:
        _save_known(index_dir, known)
    log.info("%s index %s: %s", PREFIX, index_dir, stats)
    if static:
        files: list = []
        manifest = build_static_index(index_dir, output_path / "search", ledger=ledger,
                                      files_out=files)
        log.info("%s zero-server index: %d pages, %d shards in %.1f s", PREFIX,
                 manifest["docs"], manifest["shards"], time.perf_counter() - started)
        from kepu.incremental.filewriter import hand_off

        # In a child (a full index), the build goes on to the pages with the
        # ledger's answers while this process, made small, writes the files
        # (kepu/incremental/filewriter.py); elsewhere they are written here.
        # Answering before the state is saved let the child's few hundred MB
        # overlap the pages' workers: +40-100 MB of peak memory for ~0.35 s.
        hand_off(files, getattr(ledger, "asked", None))
    return getattr(ledger, "asked", None)


class _RecordingLedger:
    """The build's ledger as the search child uses it, noting each file it asks
    about so that the parent's ledger can record the same answers."""

    def __init__(self, ledger):
        self.ledger, self.asked = ledger, []

    def key(self, *parts: str) -> str:
        return self.ledger.key(*parts)

    def reuse(self, rel: str, key: str) -> bool:
        self.asked.append((rel, key))
        return self.ledger.reuse(rel, key)


KNOWN_FILE = "page-documents.pickle"
_KNOWN: dict[str, dict] = {}  # a build worker keeps them in memory


def _known_documents(index_dir: Path) -> dict:
    import pickle

    key = str(index_dir.resolve())
    if key not in _KNOWN:
        try:
            with open(index_dir / KNOWN_FILE, "rb") as fh:
                _KNOWN[key] = pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError):
            _KNOWN[key] = {}
    return _KNOWN[key]


def _save_known(index_dir: Path, known: dict) -> None:
    import os
    import pickle

    index_dir.mkdir(parents=True, exist_ok=True)
    tmp = index_dir / (KNOWN_FILE + ".tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(known, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, index_dir / KNOWN_FILE)


def _ledger(context, settings):
    """The build's output ledger: unchanged search files are left in place."""
    try:
        from kepu_content import incremental
    except ImportError:  # kepu_content not loaded: write every file
        return None
    return incremental.ledger(context, settings)


def _default_index_dir(output: Path) -> Path:
    """Beside the output, never inside what is deployed: var/search-index."""
    import os

    if os.environ.get("KEPU_VAR_DIR"):
        return Path(os.environ["KEPU_VAR_DIR"]) / "search-index"
    return output.resolve().parent / "var" / "search-index"


def finish_search(pelican) -> None:
    """Wait for a search child still writing its files (they must be in the
    output before the build is finished); raise its failure."""
    from kepu.incremental.parallel import finish_children

    finish_children()


def register():
    signals.all_generators_finalized.connect(build_search)
    signals.finalized.connect(finish_search)
