"""Markdown bodies → sanitized HTML (DESIGN.md rule 5: Markdown allows raw HTML,
so everything an editor typed passes through nh3 before it reaches a patient)."""

from __future__ import annotations

import re

import markdown
import nh3

from .plainmarkdown import plain_markdown

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "sub", "sup", "small", "mark", "abbr",
    "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "hr", "h2", "h3", "h4", "h5", "h6",
    "a", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "caption", "img",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
# Age-friendly and light: any image an editor puts in a body loads lazily. Added
# after cleaning (nh3 strips any the editor wrote): nh3's own set_tag_attribute_values
# writes them in a random order, and an output must be the same bytes every build.
FORCED_IMG_ATTRIBUTES = ' loading="lazy" decoding="async"'
# nh3 writes ">" inside attribute values as "&gt;", so a tag ends at the first ">".
_IMG_TAG = re.compile(r"<img(\s[^>]*)?>")

_H1 = re.compile(r"<(/?)h1>")
_md = markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")

# Every inline pattern of "extra" + the core needs one of these to match (code `,
# escapes \, links and footnotes [, autolinks and HTML <, entities &, emphasis * _,
# the two-space line break). Most paragraphs of a patient page hold none of them,
# and trying all 16 patterns on each text was half of Markdown's time (issue 9).
_INLINE_TRIGGER = re.compile(r"[`\\\[<&*_]|  \n")
_KNOWN_INLINE = frozenset({"backtick", "escape", "footnote", "reference", "link", "image_link",
                           "image_reference", "short_reference", "short_image_ref", "autolink",
                           "automail", "linebreak", "html", "entity", "em_strong"})


class _QuickInlineProcessor(markdown.treeprocessors.InlineProcessor):
    """Markdown's inline processor, returning text that no pattern can match as is
    (what the full pass would return for it, without trying each pattern)."""

    def _InlineProcessor__handleInline(self, data, patternIndex=0):  # noqa: N802 - overrides a private method
        if patternIndex == 0 and not _INLINE_TRIGGER.search(data):
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)


# Only while the inline patterns are the ones the trigger characters were read from.
if {item.name for item in _md.inlinePatterns._priority} == _KNOWN_INLINE:
    _md.treeprocessors.register(_QuickInlineProcessor(_md), "inline", 20)


def render_markdown(text: str) -> str:
    """Sanitized HTML for a Markdown body. The page title is the only <h1>."""
    html = plain_markdown(text)
    if html is not None:
        # A plain body holds no "<", ">" or "&" (plain_markdown refuses them), so
        # its only tags are the <p>, <h2>–<h6>, <ul> and <li> just written, all
        # allowed and without attributes: there is nothing to sanitize, and nh3
        # would give back the same bytes, writing a no-break space as an entity
        # (tests/contentformat/test_plain_bodies_convert_without_markdown.py).
        # Skipping it was ~0.7 CPU-seconds of a 10,000-page build (issue 9).
        return _H1.sub(r"<\1h2>", html).replace("\xa0", "&nbsp;")
    _md.reset()
    return sanitize(_H1.sub(r"<\1h2>", _md.convert(text or "")))


def sanitize(html: str) -> str:
    """Only allowed tags, attributes and link schemes; images load lazily."""
    html = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto", "tel"},
                     link_rel="noopener noreferrer")
    if "<img" in html:
        html = _IMG_TAG.sub(lambda m: "<img" + (m.group(1) or "") + FORCED_IMG_ATTRIBUTES + ">", html)
    return html
