"""Markdown bodies → sanitized HTML (DESIGN.md rule 5: Markdown allows raw HTML,
so everything an editor typed passes through nh3 before it reaches a patient)."""

from __future__ import annotations

import re

import markdown
import nh3

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
# Age-friendly and light: any image an editor puts in a body loads lazily.
FORCED_ATTRIBUTES = {"img": {"loading": "lazy", "decoding": "async"}}

_H1 = re.compile(r"<(/?)h1>")
_md = markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")


def render_markdown(text: str) -> str:
    """Sanitized HTML for a Markdown body. The page title is the only <h1>."""
    _md.reset()
    html = _md.convert(text or "")
    html = _H1.sub(r"<\1h2>", html)
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     set_tag_attribute_values=FORCED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto", "tel"},
                     link_rel="noopener noreferrer")
