"""Running every rule over one page: the entry point for the CMS, the editor UI and CLI."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from . import advertising, editorial, personal_info
from .findings import Finding, Hit, excerpt
from .readability import DEFAULT_TARGET, ReadingTarget, reading_level
from .rules import RULES
from .textfields import text_fields


def _text_hits(text: str, kind: str, page_type: str | None, brands: tuple[str, ...]
               ) -> Iterator[Hit]:
    yield from advertising.purchase_links(text)
    if kind != "prose":
        return
    yield from advertising.efficacy_claims(text)
    yield from advertising.absolute_terms(text)
    if brands:
        yield from advertising.brand_names(text, brands)
    # PIPL: only a case story is about a real patient; an explainer's "王伯"
    # is a cartoon character and a doctor's phone number may be public.
    if page_type == "case_story":
        yield from personal_info.identifiers(text)


def _finding(hit: Hit, field: str, text: str) -> Finding:
    return Finding(hit.rule, hit.severity or RULES[hit.rule].severity, hit.message, field,
                   excerpt=excerpt(text, hit.span, hit.sensitive), span=hit.span)


def check_text(text: str, *, field: str = "body", page_type: str | None = "explainer",
               brands: Iterable[str] = ()) -> list[Finding]:
    """The text rules for one field as the editor types it (no page-level rules)."""
    hits = sorted(_text_hits(text, "prose", page_type, tuple(brands)), key=lambda h: h.span)
    return [_finding(h, field, text) for h in hits]


def check_page(page: dict, body: str = "", *, brands: Iterable[str] = (), lang: str | None = None,
               reading_target: ReadingTarget = DEFAULT_TARGET) -> list[Finding]:
    """Every finding for one page, in field order.

    ``page`` is the content-format dict (kepu/contentformat/model.py) and
    ``body`` its Markdown body. ``brands`` is the configured brand/product list
    (see load_brands); ``lang`` overrides ``page["lang"]`` for the reading-level
    rule. Findings carry no ``location``; the caller knows where the page lives.
    """
    brands = tuple(b for b in brands if b)
    page_type = page.get("type")
    lang = lang or page.get("lang") or "zh"
    findings: list[Finding] = []
    for tf in text_fields(page, body):
        hits = sorted(_text_hits(tf.text, tf.kind, page_type, brands), key=lambda h: h.span)
        findings += [_finding(h, tf.path, tf.text) for h in hits]
    findings += editorial.missing_alt_text(page, body)
    findings += editorial.graphic_images(page)
    findings += editorial.missing_references(page)
    findings += reading_level(page, body, lang, reading_target)
    return findings
