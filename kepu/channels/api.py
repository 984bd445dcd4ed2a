"""The static JSON API: /api/pages/<id>.json and /api/pages/index.json.

For partner apps and mini-programs (in the spirit of the NHS website content
API): each document carries the full signed content — exactly the fields the
expert's signature covers (kepu.contentformat SIGNED_FIELDS) plus the Markdown
body — and the sign-off record, so a partner can re-compute the content hash
and prove it shows what was approved. A withdrawn page's id answers with a
withdrawal status and no content, so partners can drop cached copies.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from kepu.contentformat import content_hash, signed_view

from .entries import Entry
from .shortlinks import NOTICE, short_path

API_VERSION = 1


def page_path(page_id) -> str:
    return f"api/pages/{page_id}.json"


INDEX_PATH = "api/pages/index.json"


def _dates(entry: Entry) -> dict:
    return {"lastReviewed": entry.reviewed.isoformat() if entry.reviewed else None,
            "nextReview": entry.next_review.isoformat() if entry.next_review else None}


def page_document(entry: Entry, absolute: Callable[[str], str], *, body_html: str | None = None,
                  expert: dict | None = None, sponsor: dict | None = None,
                  translations: list[Entry] = (), expired: bool = False) -> dict:
    meta = entry.meta
    signoff = dict(meta.get("signoff") or {})
    signed = signed_view(meta, entry.body)
    public_expert = None
    if expert:
        public_expert = {k: expert.get(k) for k in ("slug", "name", "name_en", "title", "hospital",
                                                    "specialties", "licence_number", "disclosure")
                         if expert.get(k) is not None}
    return {
        "apiVersion": API_VERSION,
        "id": entry.id, "type": entry.type, "lang": entry.lang,
        "url": absolute(entry.url), "shortUrl": absolute(short_path(entry.shortcode)),
        "shortcode": entry.shortcode, "translationKey": entry.translation_key,
        "title": entry.title, "summary": entry.summary, "disease": entry.disease,
        "specialty": entry.specialty, "topics": list(entry.topics),
        "author": meta.get("author"), "firstPublished": str(meta.get("first_published") or "") or None,
        **_dates(entry), "expired": expired,
        "signed": signed,
        "bodyHtml": body_html,
        "media": sorted({absolute("/" + p["image"]) for p in meta.get("panels") or [] if p.get("image")}),
        "signoff": signoff,
        # Re-computed here from the same fields the reader verified: a partner can do the same.
        "contentHashVerified": content_hash(meta, entry.body) == signoff.get("content_hash"),
        "reviewer": public_expert,
        "sponsor": sponsor,
        "translations": [{"lang": t.lang, "id": t.id, "url": absolute(t.url),
                          "api": absolute("/" + page_path(t.id))} for t in translations],
    }


def withdrawn_document(page_id, lang: str = "zh") -> dict:
    title, body, _ = NOTICE.get(lang, NOTICE["zh"])
    return {"apiVersion": API_VERSION, "id": page_id, "status": "withdrawn", "lang": lang,
            "notice": body}


def index_row(entry: Entry, absolute: Callable[[str], str]) -> dict:
    """One page's line in the index."""
    return {"id": entry.id, "type": entry.type, "lang": entry.lang, "title": entry.title,
            "url": absolute(entry.url), "api": absolute("/" + page_path(entry.id)),
            "shortcode": entry.shortcode, "translationKey": entry.translation_key,
            "disease": entry.disease, **_dates(entry)}


def index_document(entries: list[Entry], absolute: Callable[[str], str],
                   withdrawn_ids: list = ()) -> dict:
    return {
        "apiVersion": API_VERSION, "count": len(entries),
        "pages": [index_row(e, absolute) for e in sorted(entries, key=lambda e: (str(e.id), e.url))],
        "withdrawn": sorted(withdrawn_ids, key=str),
    }


def dumps(doc: dict) -> str:
    # Compact separators keep json on its C encoder (``indent`` falls back to pure
    # Python, ~10x slower); the keys and values are the same either way.
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":")) + "\n"
