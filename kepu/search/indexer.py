"""Full and incremental indexing into a Whoosh index folder.

Each document carries a fingerprint of what was indexed; a build compares them
with the manifest of the previous build and touches only new, changed and
removed pages (``update_document`` / ``delete_by_term``), so one edited page
costs one document, not a re-index.

Segmenting Chinese and writing postings are both CPU-bound, so large batches
are split between worker processes forked after jieba is loaded (the
dictionary is shared), each writing its own segment (segments.py).
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import static_state, wordlookup
from .analysis import (
    HAS_CJK,
    QUERY_DICT,
    TermCounts,
    add_words,
    display_words,
    index_terms,
    taught_frequencies,
    word_frequencies,
)
from .schema import FIELD_BOOSTS, SCHEMA_VERSION, build_schema, full_document, markdown_to_text
from .synonyms import HUBS_FILE, SynonymTable, hub_groups

MANIFEST = "kepu-manifest.json"
PINYIN_FILE = "pinyin.json"
# Below this many changed pages, forking workers costs more than it saves.
PARALLEL_FROM = 400


@dataclass
class IndexStats:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    seconds: float = 0.0

    @property
    def touched(self) -> int:
        return len(self.added) + len(self.updated) + len(self.removed)

    def __str__(self) -> str:
        return (f"{len(self.added)} added, {len(self.updated)} updated, "
                f"{len(self.removed)} removed, {self.unchanged} unchanged "
                f"in {self.seconds:.2f} s")


def whoosh_fields(doc: dict[str, Any]) -> tuple[dict[str, Any], tuple]:
    """The Whoosh fields of one document, and its record for the zero-server index.

    The searched fields are segmented and counted here, once: Whoosh gets the
    counts (TermCounts) and so does static_state.
    """
    fields = {k: doc[k] for k in ("id", "url", "fingerprint", "lang", "type", "disease",
                                  "expert", "reviewed", "expert_name")}
    fields["title_text"] = doc["title"]
    fields["summary_text"] = doc["summary"]
    # Snippets come from the body and the panels' words, without repeating the
    # title and summary that the result already shows.
    shown = {doc["title"].strip(), doc["summary"].strip()}
    extra = [line for line in doc["panels"].split("\n") if line.strip() not in shown]
    body = markdown_to_text(doc["body_markdown"])  # searched and shown in snippets
    fields["body_text"] = "\n".join(x for x in [body, *extra] if x)
    counts = [TermCounts(Counter(index_terms(body if name == "body" else doc[name])))
              for name in FIELD_BOOSTS]
    for name, count in zip(FIELD_BOOSTS, counts, strict=True):
        fields[name] = count
    # Suggestions correct towards what a patient can see in titles, summaries
    # and panels, not every rare word of the bodies. Segmented once, here: Whoosh
    # takes the words, and the state keeps the Chinese ones (query dictionary, pinyin).
    spell = display_words(" ".join((doc["title"], doc["summary"], doc["synonyms"], doc["panels"])))
    fields["spell"] = spell
    display = tuple(sorted(w for w in set(spell) if HAS_CJK.search(w)))  # each word tested once
    return fields, static_state.record_of(doc, counts, display)


# {manifest file: ((mtime, size), its data)}: a build worker reads its own last
# write back from memory instead of parsing 10,000 fingerprints twice a build.
_manifests: dict[str, tuple[tuple, dict]] = {}


def read_manifest_file(path: Path) -> dict | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    stamp = (st.st_mtime_ns, st.st_size)
    hit = _manifests.get(str(path))
    if hit is not None and hit[0] == stamp:
        return hit[1]
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    _manifests[str(path)] = (stamp, data)
    return data


def _write_manifest_file(path: Path, data: dict) -> None:
    _write_json(path, data)
    st = os.stat(path)
    _manifests[str(path)] = ((st.st_mtime_ns, st.st_size), data)


def _read_manifest(index_dir: Path, ix) -> dict[str, str] | None:
    data = read_manifest_file(index_dir / MANIFEST)
    if data is None:
        return None
    if data.get("generation") != ix.latest_generation() or data.get("schema") != SCHEMA_VERSION:
        return None
    return data["fingerprints"]


def _write_json(path: Path, data) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def _synonym_words(synonyms: SynonymTable) -> set[str]:
    return {w for term in synonyms.all_terms()
            for w in display_words(term) + ([term] if HAS_CJK.search(term) else [])
            if HAS_CJK.search(w)}


def _pinyin_candidate(word: str) -> bool:
    return len(word) >= 2 and " " not in word


def _start_lookups(records: list[tuple], synonyms: SynonymTable, state) -> wordlookup.Lookup | None:
    """A helper process looking up the new words of ``records`` (wordlookup.py)
    while this process scores them; None for a handful of words."""
    words: set[str] = set()
    display: set[str] = set()
    for rec in records:
        for field_words, _ in rec[4]:
            words.update(field_words)
        display.update(rec[5])
    display |= _synonym_words(synonyms)
    taught = taught_frequencies()
    freq_words = sorted(w for w in (words | display) - state.word_freq.keys() - taught.keys()
                        if HAS_CJK.search(w))
    pinyin_words = sorted(w for w in display - state.word_pinyin.keys() if _pinyin_candidate(w))
    if len(freq_words) + len(pinyin_words) < wordlookup.HELPER_FROM:
        return None
    chars = static_state.common_chars() | {c for w in pinyin_words for c in w if HAS_CJK.match(c)}
    return wordlookup.start(freq_words, pinyin_words, sorted(chars - state.pinyin_chars.keys()))


def _vocabulary_files(index_dir: Path, synonyms: SynonymTable, state,
                      lookup: wordlookup.Lookup | None = None) -> None:
    """The query dictionary (Chinese words of the index + jieba frequencies) and pinyin keys.

    Both are made from the state's current words (every page's index terms and
    display words), so an incremental build writes the same files as a full one;
    only words new to this process's state are looked up in jieba's dictionary
    and in pypinyin. Neither is made again while no word came or went.
    ``lookup``: a helper's answers for new words, taken into the state's caches first.
    """
    answers = lookup.result() if lookup is not None else None
    if answers is not None:
        freq, pinyin, chars = answers
        state.word_freq.update(freq)
        state.word_pinyin.update(pinyin)
        state.pinyin_chars.update(chars)
    made = (state.vocab_version, tuple(sorted(synonyms.all_terms())))
    if state.vocab_made == made and (index_dir / QUERY_DICT).exists() \
            and (index_dir / PINYIN_FILE).exists():
        return
    terms = {t for t in state.post if HAS_CJK.search(t)}
    display = set(state.display)
    synonym_words = _synonym_words(synonyms)
    freq = word_frequencies(terms | display | synonym_words, state.word_freq)
    words = {w: freq.get(w) or 1 for w in terms | display}
    for w in synonym_words:
        words[w] = max(words.get(w, 0), freq.get(w) or 2000)
    display |= synonym_words
    _write_if_changed(index_dir / QUERY_DICT,
                      "".join(f"{w}\t{c}\n" for w, c in sorted(words.items())).encode("utf-8"))
    candidates = sorted(w for w in display if _pinyin_candidate(w))
    todo = [w for w in candidates if w not in state.word_pinyin]
    if todo:  # importing pypinyin alone costs most of a one-page update's second
        state.word_pinyin.update(wordlookup.word_pinyin(todo))
    keys: dict[str, str] = {}
    for w in candidates:
        keys.setdefault(state.word_pinyin[w], w)
    _write_if_changed(index_dir / PINYIN_FILE,
                      json.dumps(keys, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    state.vocab_made = made


def _write_if_changed(path: Path, data: bytes) -> None:
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def update_index(index_dir: Path, docs: list[dict[str, Any]], *, full: bool = False,
                 procs: int | None = None, synonyms_file: Path | None = None,
                 hub_pages: list[dict] | None = None, static_next: bool = False) -> IndexStats:
    """Bring the index at ``index_dir`` in line with ``docs`` (from schema.documents_from_pages).

    ``full`` rebuilds from nothing; otherwise only changed documents are written.
    ``hub_pages`` (page metadata) supplies the disease hubs' lay synonyms.
    ``static_next``: the caller runs build_static_index next, in this process;
    a recomputed state is then saved once, there, with its files rendered
    (37 MB pickled at 10,000 pages: ~0.7 s a save). Should it never run, the
    state on disk no longer matches the manifest and the next update starts again.
    """
    from whoosh import index as whoosh_index

    started = time.perf_counter()
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    stats = IndexStats()
    known: dict[str, str] = {}
    ix = None
    state = None
    if not full and whoosh_index.exists_in(str(index_dir)):
        ix = whoosh_index.open_dir(str(index_dir))
        manifest = _read_manifest(index_dir, ix)
        if manifest is None:
            full = True  # an index from another kepu version: start again
        else:
            known = manifest
            # The zero-server index is computed from every page's analysed terms;
            # without them (lost or stale), analyse everything again.
            state = static_state.load(index_dir, known)
            if state is None:
                full, known = True, {}
    if full or ix is None:
        full = True
        ix = whoosh_index.create_in(str(index_dir), build_schema())
        state = static_state.StaticState()

    hubs = hub_groups(hub_pages or [])
    _write_json(index_dir / HUBS_FILE, hubs)
    synonyms = SynonymTable.load(index_dir, synonyms_file)
    # Loads the segmenter (once per process) before any fork; the state remembers
    # the synonyms' dictionary frequencies, so a fresh process need not read dict.txt.
    add_words(synonyms.all_terms(), state.word_freq)

    wanted = {d["id"]: d for d in docs}
    changed = [full_document(d) for d in docs if known.get(d["id"]) != d["fingerprint"]]
    stats.removed = sorted(set(known) - set(wanted))
    stats.unchanged = len(docs) - len(changed)
    for d in changed:
        (stats.updated if d["id"] in known else stats.added).append(d["id"])

    procs = procs or min(2, os.cpu_count() or 1)
    # A new index is written even when it holds no page (a site whose every page
    # was revoked): the zero-server index is then built, empty, from its state.
    if changed or stats.removed or full:
        parallel = procs > 1 and len(changed) >= PARALLEL_FROM
        records = _write(ix, changed, stats.removed, full=full, procs=procs if parallel else 1)
        lookup = _start_lookups(records, synonyms, state)
        recomputed = state.apply(records, stats.removed)
        static_state.remember(index_dir, state)
        # Before the state is saved: it keeps the words' frequencies and pinyin.
        _vocabulary_files(index_dir, synonyms, state, lookup)
        if recomputed and static_next:
            pass  # build_static_index saves it (a recomputed state is all dirty)
        elif recomputed or state.log_entries >= static_state.COMPACT_AFTER:
            state.save(index_dir)
        else:
            state.log(index_dir, records, stats.removed)
    fingerprints = {i: d["fingerprint"] for i, d in wanted.items()}
    if state is not None and state.docs.keys() == fingerprints.keys():
        state.matched = fingerprints  # what it now holds: current() need not compare again
    _write_manifest_file(index_dir / MANIFEST, {"generation": ix.latest_generation(),
                                                "schema": SCHEMA_VERSION,
                                                "fingerprints": fingerprints})
    stats.seconds = time.perf_counter() - started
    return stats


def _write(ix, docs: list[dict], removed: list[str], *, full: bool, procs: int) -> list[tuple]:
    from .segments import write_documents

    # update_document = delete the old version by id, then add the new one.
    delete_ids = [] if full else [*removed, *(d["id"] for d in docs)]
    return write_documents(ix, docs, whoosh_fields, delete_ids=delete_ids, procs=procs, clear=full)


def index_content_tree(content_root: Path, index_dir: Path, **kwargs) -> IndexStats:
    """Index every published page of a content/ tree (the CLI's `kepu search index`)."""
    from kepu.contentformat import load_content_tree

    from .schema import documents_from_pages

    tree = load_content_tree(Path(content_root))
    docs = documents_from_pages(tree.pages, withdrawn=tree.withdrawn)
    return update_index(index_dir, docs, hub_pages=[p.meta for p in tree.pages], **kwargs)
