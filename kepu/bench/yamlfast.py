"""A fast emitter for the corpus' front matter, byte-identical to the writer's.

kepu.contentformat.writer.dump_page goes through PyYAML's pure-Python
representer and emitter (about 9 ms a page): 90 s for a 10,000-page corpus,
when the benchmark should set itself up in seconds. The corpus only holds
block mappings, sequences, ints, bools, None and one-line strings, so this
module emits exactly those, asking PyYAML's own emitter and resolver how each
string must be quoted (cached: phrase banks repeat). Anything else raises
``Unsupported`` and the caller falls back to dump_page. tests/bench checks the
two agree byte for byte.
"""

from __future__ import annotations

import io
from typing import Any

import yaml

from kepu.contentformat.writer import _ordered

_STR = "tag:yaml.org,2002:str"
_resolver = yaml.resolver.Resolver()
_analyzer = yaml.emitter.Emitter(io.StringIO(), allow_unicode=True)
_cache: dict[str, str] = {}


class Unsupported(ValueError):
    """A value this emitter does not write the way PyYAML would; use dump_page."""


# Punctuation that never makes a block scalar need quotes (":" and "#" can, so they
# are left to PyYAML's analysis), all printable in the sense of allow_unicode.
_PLAIN_PUNCT = frozenset(" ，。、？！；（）“”‘’《》—…,.;!?()'-/+%·：:#")


def _obviously_plain(text: str) -> bool:
    """Starts with a letter, digit or CJK character, ends without a space, and holds
    only letters, digits and harmless punctuation: PyYAML would write it plain,
    unless the resolver reads it as something else (checked by the caller)."""
    return (text[:1].isalnum() and not text.endswith((" ", ":"))
            and ": " not in text and " #" not in text
            and all(ch.isalnum() or ch in _PLAIN_PUNCT for ch in text))


def _string(text: str) -> str:
    cached = _cache.get(text)
    if cached is not None:
        return cached
    if "\n" in text or "\r" in text:
        raise Unsupported("multi-line string")  # the writer uses block style "|" for these
    if _obviously_plain(text):
        if not text[0].isascii() or _resolver.resolve(yaml.ScalarNode, text, (True, False)) == _STR:
            return _remember(text, text)
        # Reads back as a date, number or bool: PyYAML single-quotes it.
        return _remember(text, "'" + text.replace("'", "''") + "'")
    analysis = _analyzer.analyze_scalar(text)
    # Emitter.choose_scalar_style, block context: plain when the resolver would read
    # the text back as a string, else single quotes, else (non-printable) double.
    if (not analysis.empty and analysis.allow_block_plain
            and _resolver.resolve(yaml.ScalarNode, text, (True, False)) == _STR):
        out = text
    elif analysis.allow_single_quoted:
        out = "'" + text.replace("'", "''") + "'"
    else:
        raise Unsupported(f"string needs double quotes: {text!r}")
    return _remember(text, out)


def _remember(text: str, out: str) -> str:
    if len(_cache) < 500_000:  # bounded: corpora reuse phrases, but not forever
        _cache[text] = out
    return out


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return str(value)
    if type(value) is str:
        return _string(value)
    if isinstance(value, dict) and not value:
        return "{}"
    if isinstance(value, list) and not value:
        return "[]"
    raise Unsupported(f"value of type {type(value).__name__}")


def _mapping(data: dict, indent: int, out: list[str], first: str | None = None) -> None:
    pad = " " * indent
    for i, (key, value) in enumerate(data.items()):
        head = (first if i == 0 and first is not None else pad) + _string(str(key))
        if isinstance(value, dict) and value:
            out.append(head + ":")
            _mapping(value, indent + 2, out)
        elif isinstance(value, list) and value:
            out.append(head + ":")
            _sequence(value, indent, out)  # PyYAML writes a mapping's sequences unindented
        else:
            out.append(head + ": " + _scalar(value))


def _sequence(items: list, indent: int, out: list[str]) -> None:
    dash = " " * indent + "- "
    for item in items:
        if isinstance(item, dict) and item:
            _mapping(item, indent + 2, out, first=dash)
        elif isinstance(item, list) and item:
            raise Unsupported("nested sequence")
        else:
            out.append(dash + _scalar(item))


def dump_front_matter(page: dict[str, Any]) -> str:
    """The YAML between the --- lines, as writer.dump_yaml(_ordered(page)) writes it."""
    out: list[str] = []
    _mapping(_ordered(page), 0, out)
    return "\n".join(out) + "\n"


def dump_page_fast(page: dict[str, Any], body: str) -> str:
    """writer.dump_page, faster; falls back to it for values this module does not emit."""
    try:
        front = dump_front_matter(page)
    except Unsupported:
        from kepu.contentformat import dump_page

        return dump_page(page, body)
    body = body.strip()
    text = "---\n" + front + "---\n"
    if body:
        text += "\n" + body + "\n"
    return text
