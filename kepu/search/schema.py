"""The Whoosh schema and how a published page becomes one search document.

Searched fields take term lists made by analysis.index_terms (jieba search
mode / Porter stems); what results display is stored separately as plain text,
so highlights are cut from the words the patient will read.
"""

from __future__ import annotations

import functools
import hashlib
import re
from typing import Any

from whoosh.fields import ID, STORED, TEXT, Schema

from .analysis import TermCountFormat, kepu_analyzer, spelling_analyzer

# Bump when the schema or the analysis changes: every document is then re-indexed.
SCHEMA_VERSION = "4"

# Searched fields and their weight: a word in the title or a lay synonym says
# more about what the page is for than the same word deep in the body.
FIELD_BOOSTS = {"title": 4.0, "synonyms": 3.0, "summary": 2.0, "panels": 1.2, "body": 1.0}


def _text(boost: float = 1.0, analyzer=None) -> TEXT:
    field = TEXT(analyzer=analyzer or kepu_analyzer(), phrase=False, field_boost=boost)
    field.format = TermCountFormat(field_boost=boost)  # same postings, counted faster
    return field


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        url=STORED,
        fingerprint=STORED,
        lang=ID(stored=True, sortable=True),
        type=ID(stored=True, sortable=True),
        disease=ID(stored=True, sortable=True),
        expert=ID(stored=True),
        reviewed=ID(stored=True),
        # What results show.
        title_text=STORED,
        summary_text=STORED,
        body_text=STORED,
        expert_name=STORED,
        # What queries match.
        **{name: _text(boost) for name, boost in FIELD_BOOSTS.items()},
        # Whole words, unstemmed: the vocabulary "did you mean" corrects towards.
        spell=_text(analyzer=spelling_analyzer()),
    )


_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_HTML_TAG = re.compile(r"<[^>]+>")
_MD_MARKS = re.compile(r"(?m)^\s{0,3}(?:#{1,6}\s*|>\s?|[-*+]\s+|\d+[.)]\s+)|[*_`~]{1,3}")


def markdown_to_text(markdown: str) -> str:
    """Readable plain text of a Markdown body (for searching and snippets only)."""
    text = _MD_IMAGE.sub(r"\1", markdown or "")
    text = _MD_LINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text)
    text = _MD_MARKS.sub("", text)
    return re.sub(r"[ \t]+", " ", re.sub(r"\n{2,}", "\n", text)).strip()


def default_url(meta: dict[str, Any]) -> str:
    if meta["type"] == "disease":
        return f"/{meta['lang']}/{meta['disease']}/"
    return f"/{meta['lang']}/{meta['disease']}/{meta['slug']}/"


def _panel_text(meta: dict[str, Any]) -> str:
    parts = []
    for panel in meta.get("panels") or []:
        parts += [str(panel.get("caption") or ""), str(panel.get("alt") or "")]
        parts += [str(b.get("text") or "") for b in panel.get("bubbles") or []]
    for key in ("key_points", "red_flags", "lessons"):
        parts += [str(x) for x in meta.get(key) or []]
    for step in meta.get("timeline") or []:
        parts.append(str(step.get("text") or ""))
    return "\n".join(dict.fromkeys(p for p in parts if p.strip()))


def page_document(meta: dict[str, Any], body: str, url: str | None = None,
                  hub_names: list[str] | None = None) -> dict[str, Any]:
    """The search document of one page, as plain strings (not yet segmented).

    ``hub_names`` are the disease hub's title and lay synonyms: every page of a
    disease is findable by them, not only the hub.
    """
    signoff = meta.get("signoff") or {}
    own_synonyms = [str(s) for s in meta.get("synonyms") or []]
    synonyms = " ".join(dict.fromkeys(own_synonyms + list(hub_names or [])))
    doc = {
        "id": str(meta["id"]),
        "url": url or default_url(meta),
        "lang": meta["lang"],
        "type": meta["type"],
        "disease": meta["disease"],
        "expert": str(signoff.get("expert") or ""),
        "expert_name": str(signoff.get("expert_name") or ""),
        "reviewed": str(signoff.get("signed_at") or "")[:10],
        "title": str(meta.get("title") or ""),
        "summary": str(meta.get("summary") or ""),
        "synonyms": synonyms,
        "panels": _panel_text(meta),
        # As written: made plain text by indexer.whoosh_fields in the search writers,
        # which run on every core (in the build's main process it was ~0.5 s of
        # 10,000 pages).
        "body_markdown": body or "",
    }
    # The fingerprint decides whether an incremental build re-indexes the page:
    # the signed content hash covers the text, the rest covers what we add to it.
    basis = "\x1f".join([SCHEMA_VERSION, str(signoff.get("content_hash") or ""),
                         doc["url"], doc["expert_name"], doc["reviewed"], synonyms,
                         doc["title"], doc["summary"], doc["panels"], doc["body_markdown"]])
    doc["fingerprint"] = hashlib.sha1(basis.encode("utf-8")).hexdigest()
    return doc


def full_document(doc: dict[str, Any]) -> dict[str, Any]:
    """A document documents_from_pages left as id + fingerprint, made whole."""
    make = doc.get("_make")
    return make() if make is not None else doc


_stubs: dict[str, dict] = {}  # key → the stub made for it by the last build


def documents_from_pages(pages, url_for=None, withdrawn=(), *, known: dict | None = None,
                         digests: dict | None = None) -> list[dict[str, Any]]:
    """Search documents for ``pages`` ((meta, body) pairs or objects with .meta/.body).

    Withdrawn pages (tombstones in content/withdrawn.yaml) never get in, even if a
    stale file is still lying around: integrity rule 1.

    With ``digests`` ({page path: SHA-256 of its file}) and ``known`` (a dict kept
    between builds), a page whose file, URL and hub names are those of a known
    page becomes only {"id", "fingerprint", "_make"}: its text is not converted
    and hashed again, and full_document() makes it whole if the indexer needs
    it. ``known`` is updated to this build's pages.
    """
    pairs = [(p.meta, p.body, getattr(p, "path", None)) if hasattr(p, "meta") else (*p, None)
             for p in pages]
    gone_ids = {str(t.get("id")) for t in withdrawn if isinstance(t, dict) and t.get("id")}
    gone_keys = {(t.get("lang"), t.get("disease"), t.get("slug"))
                 for t in withdrawn if isinstance(t, dict)}
    gone_urls = {t.get("url") for t in withdrawn if isinstance(t, dict) and t.get("url")}
    hubs: dict[tuple[str, str], list[str]] = {}
    all_names: dict[str, list[str]] = {}
    for meta, _, _ in pairs:
        if meta["type"] == "disease":
            names = [str(meta.get("title") or "")] + [str(s) for s in meta.get("synonyms") or []]
            hubs[(meta["lang"], meta["disease"])] = names
            all_names.setdefault(meta["disease"], []).extend(names)
    docs = []
    seen = {}
    stubs = {}
    names_of: dict[tuple[str, str], tuple[list[str], str]] = {}
    screened = bool(gone_ids or gone_keys or gone_urls)
    for meta, body, path in pairs:
        if screened and (str(meta["id"]) in gone_ids
                         or (meta["lang"], meta["disease"], meta["slug"]) in gone_keys):
            continue
        url = url_for(meta) if url_for else None
        if screened and (url or default_url(meta)) in gone_urls:
            continue
        where = (meta["lang"], meta["disease"])
        named = names_of.get(where)
        if named is None:
            names = hubs.get(where) or all_names.get(meta["disease"], [])
            named = names_of[where] = (names, "".join("\x1f" + n for n in names))
        names = named[0]
        sha = digests.get(path) if digests is not None and known is not None else None
        if sha is None:
            docs.append(page_document(meta, body, url, names))
            continue
        # "\x1f".join([SCHEMA_VERSION, sha, path, url, *names]), the names joined once a hub.
        key = f"{SCHEMA_VERSION}\x1f{sha}\x1f{path}\x1f{url or ''}{named[1]}"
        hit = known.get(key)
        if hit is None or hit[0] != str(meta["id"]):
            doc = page_document(meta, body, url, names)
            hit = (doc["id"], doc["fingerprint"])
            docs.append(doc)
        else:
            # The same stub as last build (a build worker): its file, URL and hub
            # names are those it was made from, so is the document it stands for.
            stub = _stubs.get(key)
            if stub is None or stub["fingerprint"] != hit[1]:
                stub = {"id": hit[0], "fingerprint": hit[1],
                        "_make": functools.partial(page_document, meta, body, url, names)}
            stubs[key] = stub
            docs.append(stub)
        seen[key] = hit
    if known is not None and digests is not None:
        known.clear()
        known.update(seen)
        _stubs.clear()
        _stubs.update(stubs)  # this build's pages only
    return docs
