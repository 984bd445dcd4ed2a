"""A fast reader for the block YAML that kepu's writer emits (issue 9).

PyYAML builds a node object per scalar and then constructs it in Python, even
with libyaml: about 0.7 ms a page file, most of reading a 10,000-page tree.
content/ files are written by ``writer.dump_yaml`` (block style, one-line
scalars, ``|`` blocks, ``[]``/``{}`` for empty collections), and that subset
can be read line by line much faster.

``load`` reads exactly that subset and raises ``NotBlockYaml`` on anything else
(comments, blank lines between entries, anchors, tags, flow collections,
multi-line plain or quoted scalars, tabs, unusual characters …): the caller
then uses PyYAML, so hand-written files still read exactly as YAML says.
Plain scalars are typed by PyYAML's own resolver and constructor, so ``yes``,
``2026-01-15`` or ``0x1F`` mean what they mean to PyYAML. tests/contentformat
checks that both readers agree.
"""

from __future__ import annotations

import re

import yaml


class NotBlockYaml(ValueError):
    """Outside the subset this reader is sure about: parse with PyYAML instead."""


# Anything libyaml rejects or treats as a line break (NEL, LS, PS), CR, tab, BOM:
# left to PyYAML.
_UNSURE_CHARS = re.compile("[^\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                           "\U00010000-\U0010ffff]")
_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$")
# First characters of a plain scalar that are indicators (or quotes, handled apart).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")

_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()
_SCALAR_TYPES = {
    "tag:yaml.org,2002:str": None,
    "tag:yaml.org,2002:null": _constructor.construct_yaml_null,
    "tag:yaml.org,2002:bool": _constructor.construct_yaml_bool,
    "tag:yaml.org,2002:int": _constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _constructor.construct_yaml_float,
    "tag:yaml.org,2002:timestamp": _constructor.construct_yaml_timestamp,
}
_plain_cache: dict[str, object] = {}  # values are immutable (str, int, bool, date …)
_MISSING = object()
# First characters of a value that scalar() reads itself (quotes, blocks, [] and {}).
_NOT_PLAIN = frozenset("'\"|[{")


def _plain(text: str):
    """A plain scalar as PyYAML would construct it."""
    try:
        return _plain_cache[text]
    except KeyError:
        pass
    head = text[0]
    # "-", "?" and ":" start a plain scalar when a non-space follows ("-3", "-x").
    indicator = head in _INDICATORS and not (head in "-?:" and text[1:2] not in ("", " "))
    if indicator or ": " in text or " #" in text or text.endswith((":", " ")):
        raise NotBlockYaml(text)
    tag = _resolver.resolve(yaml.ScalarNode, text, (True, False))
    if tag not in _SCALAR_TYPES:
        raise NotBlockYaml(text)  # merge key, "=" …
    construct = _SCALAR_TYPES[tag]
    value = text if construct is None else construct(yaml.ScalarNode(tag, text))
    if len(_plain_cache) < 100_000:
        _plain_cache[text] = value
    return value


def load(text: str):
    """The mapping a writer-style YAML document holds; NotBlockYaml if unsure."""
    if _UNSURE_CHARS.search(text):
        raise NotBlockYaml("character")
    lines = text.split("\n")
    while lines and lines[-1] == "":
        lines.pop()  # trailing line breaks end the document and mean nothing
    if not lines or lines[0][:1] in ("", " "):
        raise NotBlockYaml("empty or indented document")
    # Indentation of every line; -1 for blank ones, which are only ours inside "|" blocks.
    indents = [len(line) - len(rest) if (rest := line.lstrip(" ")) else -1 for line in lines]
    indents.append(-2)  # the end: shallower than anything
    reader = _Reader(lines, indents)
    data = reader.mapping(0, None)
    if reader.pos != len(lines):
        raise NotBlockYaml("text after the document")
    return data


class _Reader:
    """Recursive descent over the lines; ``indents[pos]`` is the current line's
    indentation (-1 blank, -2 past the end)."""

    def __init__(self, lines: list[str], indents: list[int]):
        self.lines, self.indents, self.pos = lines, indents, 0

    def mapping(self, indent: int, first: str | None) -> dict:
        """Keys at column ``indent``; ``first`` is the first entry's text when it
        shares its line with a sequence dash."""
        out = {}
        lines, indents = self.lines, self.indents
        if first is None:
            if indents[self.pos] != indent:
                raise NotBlockYaml("indentation")
            first = lines[self.pos][indent:]
        entry = first
        while True:
            match = _KEY_LINE.match(entry)
            if match is None:
                raise NotBlockYaml("not a simple key")
            self.pos += 1
            key, rest = match.groups()
            name = _plain_cache.get(key, _MISSING)
            if name is _MISSING:
                name = _plain(key)
            if not rest:
                out[name] = self.nested(indent)
            elif rest[0] in _NOT_PLAIN:
                out[name] = self.scalar(rest, indent)
            else:  # the common case, inlined: a plain one-line value seen before
                value = _plain_cache.get(rest, _MISSING)
                out[name] = _plain(rest) if value is _MISSING else value
                if indents[self.pos] > indent:
                    raise NotBlockYaml("multi-line scalar")
            here = indents[self.pos]
            if here != indent:
                if here == -1 or here > indent:
                    raise NotBlockYaml("blank line or indentation")
                return out
            entry = lines[self.pos][indent:]

    def nested(self, indent: int):
        """The value of ``key:`` with nothing after it: a deeper block, an
        indentless sequence, or null."""
        here = self.indents[self.pos]
        if here < indent:
            if here == -1:
                raise NotBlockYaml("blank line")
            return None
        line = self.lines[self.pos]
        if line.startswith("- ", here):
            return self.sequence(here)
        if here == indent:
            if line[here:] == "-":
                raise NotBlockYaml("empty sequence entry")
            return None
        return self.mapping(here, None)

    def sequence(self, indent: int) -> list:
        out = []
        lines, indents = self.lines, self.indents
        while True:
            line = lines[self.pos]
            text = line[indent + 2:]
            if text[:1] == " ":
                raise NotBlockYaml("wide sequence entry")
            if not text or text[0] == "-" and text[:2] in ("- ", "-"):
                raise NotBlockYaml("nested or empty sequence entry")
            if _KEY_LINE.match(text):
                out.append(self.mapping(indent + 2, text))
            else:
                self.pos += 1
                value = _MISSING if text[0] in _NOT_PLAIN else _plain_cache.get(text, _MISSING)
                if value is _MISSING:
                    out.append(self.scalar(text, indent))
                else:  # a plain one-line item seen before (scalar() inlined)
                    out.append(value)
                    if indents[self.pos] > indent:
                        raise NotBlockYaml("multi-line scalar")
            here = indents[self.pos]
            if here != indent or not lines[self.pos].startswith("- ", here):
                if here > indent or here == -1 or (here == indent and lines[self.pos][here:] == "-"):
                    raise NotBlockYaml("sequence entry")
                return out

    def scalar(self, text: str, indent: int):
        """A scalar written after ``key: `` or ``- `` on a line owned by ``indent``;
        the line itself has been consumed."""
        head = text[0]
        if head == "|":
            return self.literal(text, indent)
        if head == "'":
            inner = text[1:-1]
            if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
                raise NotBlockYaml("quoted scalar")
            value = inner.replace("''", "'")
        elif head == '"':
            inner = text[1:-1]
            if len(text) < 2 or text[-1] != '"' or '"' in inner or "\\" in inner:
                raise NotBlockYaml("double-quoted scalar")
            value = inner
        elif text == "[]":
            value = []
        elif text == "{}":
            value = {}
        else:
            value = _plain(text)
        # A deeper (or blank) line after a one-line scalar would continue it: not ours.
        if self.indents[self.pos] > indent:
            raise NotBlockYaml("multi-line scalar")
        return value

    def literal(self, header: str, indent: int) -> str:
        if header not in ("|", "|-"):
            # "|+" keeps trailing line breaks, which load() has trimmed; indicators.
            raise NotBlockYaml("block scalar header")
        lines, indents = self.lines, self.indents
        block = indents[self.pos]
        if block <= indent:  # also blank first line (-1) or none (-2)
            raise NotBlockYaml("empty block scalar or blank first line")
        body = []
        while True:
            here = indents[self.pos]
            if here >= block:
                body.append(lines[self.pos][block:])
            elif here == -1:
                if lines[self.pos] != "" and len(lines[self.pos]) > block:
                    raise NotBlockYaml("blank line with spaces in a block scalar")
                body.append(lines[self.pos][block:])
            else:
                break
            self.pos += 1
        while body and body[-1] == "":
            body.pop()
        text = "\n".join(body)
        return text + "\n" if header == "|" else text
