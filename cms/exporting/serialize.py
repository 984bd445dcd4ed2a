"""One page revision → one content-format document (docs/content-format.md).

``page_document`` is the single definition of "what a page says" outside the
CMS. The review workflow calls it on the revision being signed to compute
``SignOff.content_hash``; export calls it again on the same revision and
refuses to write the page if the hash differs. So everything in the signed
view (kepu.contentformat.model.SIGNED_FIELDS) must come from the revision
alone; only routing fields (id, slug, shortcode, topics, first_published) and
the ``signoff`` block may look elsewhere.

Every value is a JSON-native type (str, int, list, dict, None): the API sends
these dicts as JSON and the remote exporter must rebuild the same bytes.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
from pathlib import PurePosixPath
from typing import Any

from django.utils import timezone

from kepu.contentformat import FORMAT_VERSION

# Image bytes are hashed once per process: a 1,000-page export touches the same
# illustrations many times. Keyed by pk and file name, so a replaced file is rehashed.
_media_names: dict[tuple[int, str], str] = {}


# Within one export, hubs, sponsors, owners and experts are looked up once, not
# once per page (a 1,000-page export would otherwise spend most of its time on
# these queries). Outside ``lookup_cache()`` nothing is cached.
_lookups: contextvars.ContextVar[dict | None] = contextvars.ContextVar("kepu_lookups",
                                                                        default=None)


@contextlib.contextmanager
def lookup_cache():
    token = _lookups.set(_lookups.get() if _lookups.get() is not None else {})
    try:
        yield
    finally:
        _lookups.reset(token)


def _cached(key, compute):
    cache = _lookups.get()
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def _text(value) -> str:
    """Normalise newlines: files are read back with universal newlines, and the
    hash must survive the round trip (a CR would make the signature fail)."""
    return str(value or "").replace("\r\n", "\n").replace("\r", "\n")


def _lines(value) -> list[str]:
    return [line.strip() for line in _text(value).split("\n") if line.strip()]


def lang_of(page) -> str:
    def compute():
        code = page.locale.language_code.lower()
        return "zh" if code.startswith("zh") else code.split("-")[0]

    return _cached(("locale", page.locale_id), compute)


def media_name(image) -> str:
    """``media/<sha256 prefix>.<ext>``: content-addressed, so a new picture is a new name."""
    key = (image.pk, image.file.name)
    if key not in _media_names:
        digest = hashlib.sha256(read_image_bytes(image)).hexdigest()[:16]
        ext = PurePosixPath(image.file.name).suffix.lower().lstrip(".") or "bin"
        _media_names[key] = f"media/{digest}.{ext}"
    return _media_names[key]


def read_image_bytes(image) -> bytes:
    with image.file.open("rb") as fh:
        return fh.read()


def _hub(page):
    from cms.content.models import DiseaseHub

    if isinstance(page, DiseaseHub):
        return page
    return _cached(("hub", page.path[:-page.steplen]), lambda: page.get_parent().specific)


def _references(page) -> list[dict[str, Any]]:
    refs = []
    for block in page.references or []:
        value = block.value
        ref = {}
        for name in ("title", "publisher", "year", "url", "doi"):
            item = value.get(name)
            if item in (None, ""):
                continue
            ref[name] = int(item) if name == "year" else _text(item).strip()
        if ref:
            refs.append(ref)
    return refs


def _panels(page) -> list[dict[str, Any]]:
    panels = []
    for block in page.panels or []:
        value = block.value
        image = value.get("image")
        panel: dict[str, Any] = {
            "image": media_name(image) if image else None,
            "width": image.width if image else None,
            "height": image.height if image else None,
            "alt": _text(value.get("alt")).strip(),
            "caption": _text(value.get("caption")).strip(),
            "bubbles": [],
        }
        for bubble in value.get("bubbles") or []:
            character = bubble.get("character")
            panel["bubbles"].append({"character": character.slug if character else None,
                                     "text": _text(bubble.get("text")).strip()})
        panels.append(panel)
    return panels


def _timeline(page) -> list[dict[str, Any]]:
    return [{"stage": block.value.get("stage"), "when": _text(block.value.get("when")).strip(),
             "text": _text(block.value.get("text")).strip()}
            for block in page.timeline or []]


def _author(page) -> dict[str, str] | None:
    def compute():
        owner = page.owner
        return owner.get_full_name().strip() if owner else ""

    name = _cached(("owner", page.owner_id), compute)
    return {"name": name} if name else None


def _slug_of(page, field: str) -> str | None:
    """The slug of a related registry entry (sponsor, treating doctor), or None."""
    pk = getattr(page, f"{field}_id")
    if pk is None:
        return None
    return _cached((field, pk), lambda: getattr(page, field).slug)


def _local_date(value) -> str | None:
    if value is None:
        return None
    return timezone.localtime(value).date().isoformat()


def _first_published(page) -> str | None:
    if page.first_published_at:
        return _local_date(page.first_published_at)
    # Signed but not yet marked live in Wagtail: the first sign-off is when it
    # became publishable. Stable once set, so later exports do not churn.
    from django.db.models import Min

    from cms.review.models import SignOff

    if _lookups.get() is not None:  # one query for the whole export
        firsts = _cached("first_signed", lambda: dict(
            SignOff.objects.values_list("page_id").annotate(first=Min("signed_at"))))
        return _local_date(firsts.get(page.pk))
    first = SignOff.objects.filter(page_id=page.pk).order_by("signed_at", "pk").first()
    return _local_date(first.signed_at) if first else None


def signoff_record(signoff) -> dict[str, Any]:
    """The sign-off block of a page file: who signed what, when, as what, until when."""
    expert = signoff.expert
    return {
        "id": signoff.pk,
        "expert": expert.slug,
        "expert_name": expert.name,
        "credentials": f"{expert.title}，{expert.hospital}",
        "specialty": signoff.specialty.slug,
        "signed_at": timezone.localtime(signoff.signed_at).isoformat(timespec="seconds"),
        "revision_id": signoff.revision_id,
        "content_hash": signoff.content_hash,
        "meaning": signoff.meaning,
        "next_review": signoff.next_review.isoformat(),
        "declaration": _text(signoff.declaration).strip(),
    }


def page_document(page, *, signoff=None) -> tuple[dict[str, Any], str]:
    """``(meta, body)`` of a specific page instance, e.g. ``revision.as_object()``.

    ``content_hash(meta, body)`` of the result is what an expert signs.
    """
    if not hasattr(page, "kepu_type"):
        page = page.specific
    ptype = page.kepu_type
    hub = _hub(page)
    meta: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "id": page.pk,
        "type": ptype,
        "lang": lang_of(page),
        "translation_key": str(page.translation_key),
        "disease": hub.slug,
        "slug": page.slug,
        "title": _text(page.title).strip(),
        "summary": _text(page.summary).strip(),
        "audience": _text(page.audience).strip(),
        "specialty": (_cached(("specialty", hub.specialty_id), lambda: hub.specialty.slug)
                      if hub.specialty_id else None),
        "topics": list(dict.fromkeys(str(t).strip() for t in page.topics or [] if str(t).strip())),
        "author": _author(page),
        "sponsor": _slug_of(page, "sponsor"),
        "ai_disclosure": _text(page.ai_disclosure).strip(),
        "references": _references(page),
        "shortcode": page.shortcode,
        "first_published": _first_published(page),
        "signoff": signoff_record(signoff) if signoff is not None else None,
    }
    if ptype == "disease":
        meta.update(synonyms=page.synonym_list(), icd10=page.icd10 or None,
                    icd11=page.icd11 or None)
    elif ptype == "explainer":
        meta.update(panels=_panels(page), key_points=_lines(page.key_points),
                    red_flags=_lines(page.red_flags),
                    characters=sorted(c.slug for c in page.characters.all()))
    elif ptype == "case_story":
        meta.update(patient={"age_band": page.age_band, "sex": page.sex},
                    timeline=_timeline(page), lessons=_lines(page.lessons),
                    consent_ref=_text(page.consent_ref).strip(),
                    treating_doctor=_slug_of(page, "treating_doctor"))
    return meta, _text(page.body).strip()


def signed_hash(revision) -> str:
    """The hash to store in ``SignOff.content_hash`` when ``revision`` is signed."""
    from kepu.contentformat import content_hash

    meta, body = page_document(revision.as_object())
    return content_hash(meta, body)


def page_media(page) -> dict[str, Any]:
    """media path → image, for every illustration the page document names."""
    if not hasattr(page, "kepu_type"):
        page = page.specific
    images = {}
    for block in getattr(page, "panels", None) or []:
        image = block.value.get("image")
        if image is not None:
            images[media_name(image)] = image
    return images
