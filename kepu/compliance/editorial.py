"""Page-level rules about how a page is made: alt text, references, graphic images."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .findings import Finding

_MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)[^)]*\)")
_HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_HTML_ALT = re.compile(r"\balt\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE)

_ALT_BASIS = "(GB/T 37668-2019, WCAG 1.1.1)"


def _panels(page: dict) -> Iterator[tuple[int, dict]]:
    for i, panel in enumerate(page.get("panels") or []):
        if isinstance(panel, dict):
            yield i, panel


def missing_alt_text(page: dict, body: str) -> Iterator[Finding]:
    # Patients who use screen readers (and many elderly readers with large-text
    # modes) get the comic only through its alt text; the bubbles are real text.
    for i, panel in _panels(page):
        if not str(panel.get("alt") or "").strip():
            yield Finding("ALT-TEXT-MISSING", "block",
                          f"panel {i + 1}'s illustration has no alt text; describe what it shows "
                          f"{_ALT_BASIS}", f"panels.{i}.alt", excerpt=str(panel.get("image") or ""))
    for m in _MD_IMAGE.finditer(body):
        if not m.group("alt").strip():
            yield Finding("ALT-TEXT-MISSING", "block",
                          f"image {m.group('src')} in the body has no alt text {_ALT_BASIS}",
                          "body", excerpt=m.group(), span=m.span())
    for m in _HTML_IMG.finditer(body):
        alt = _HTML_ALT.search(m.group())
        if alt is None or not "".join(g or "" for g in alt.groups()).strip():
            yield Finding("ALT-TEXT-MISSING", "block",
                          f"<img> in the body has no alt text {_ALT_BASIS}", "body",
                          excerpt=m.group()[:80], span=m.span())


def missing_references(page: dict) -> Iterator[Finding]:
    if page.get("type") != "explainer":
        return
    usable = [r for r in page.get("references") or []
              if isinstance(r, dict) and any(str(r.get(k) or "").strip()
                                             for k in ("title", "url", "doi"))]
    if not usable:
        yield Finding("REFERENCES-MISSING", "block",
                      "an explainer needs at least one reference (guideline, textbook or paper) "
                      "so the expert can check its claims against a source", "references")


def graphic_images(page: dict) -> Iterator[Finding]:
    for i, panel in _panels(page):
        marked = panel.get("graphic")
        if marked:
            kind = marked if isinstance(marked, str) else "graphic"
            yield Finding("GRAPHIC-IMAGE", "block",
                          f"panel {i + 1}'s illustration is marked {kind}; bloody or surgical "
                          "images must not be published for patients — use a schematic drawing "
                          "(网络信息内容生态治理规定 Art. 7(4))", f"panels.{i}.graphic",
                          excerpt=str(panel.get("image") or ""))
