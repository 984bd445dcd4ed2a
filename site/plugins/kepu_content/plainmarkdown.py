"""The plain subset of Markdown most patient pages are written in, converted
without Python-Markdown (issue 9: its block and tree processors were a quarter
of the HTML pages' time).

A body qualifies when every block is one of:

- a paragraph: lines of text with no Markdown syntax in them at all;
- a heading: one line, ``#`` to ``######``, one space, text with no ``#``;
- a tight bullet list: every line ``- `` and an item of such text.

Anything else — a character any inline pattern or extension of "extra" could
act on, a line that could start another kind of block, leading or trailing
whitespace, two lists with only a blank line between — and ``plain_markdown``
returns None, and the caller converts the body with Python-Markdown as before.
For every body it accepts the result is Python-Markdown's own output, byte for
byte (tests/contentformat/test_plain_bodies_convert_without_markdown.py compares the two on fuzzed
bodies and on every corpus body), so the pages do not change.
"""

from __future__ import annotations

import re

# Characters some inline pattern, extension or the serializer acts on wherever
# they are: code, escapes, links/footnotes/abbreviations, raw HTML and
# entities (escaped on output), emphasis, attribute lists, tables; and control
# characters (Markdown's placeholders are STX/ETX; tabs are expanded; a CR is
# a line end).
_SYNTAX_ANYWHERE = re.compile(r"[`\\\[\]<>&*_{}|\x00-\x09\x0b-\x1f\x7f]")
# What may start another block (or a setext underline, rule, definition,
# fence, ordered list) when it begins a line of a paragraph or an item.
_BLOCK_START = frozenset("#-+=:~!") | frozenset("0123456789")
_HEADING = re.compile(r"(#{1,6}) ([^#]+)")


def _plain_line(line: str) -> bool:
    return not (line[0] in _BLOCK_START or line[0].isspace() or line[-1].isspace())


def plain_markdown(text: str) -> str | None:
    """Python-Markdown's HTML for a plain body, or None when it is not one."""
    if not text or _SYNTAX_ANYWHERE.search(text):
        return None
    out: list[str] = []
    block: list[str] = []
    last_was_list = False

    def close() -> bool:
        nonlocal last_was_list
        first = block[0]
        if first[0] == "#":
            m = _HEADING.fullmatch(first)
            if len(block) > 1 or not m or m.group(2)[0].isspace() or m.group(2)[-1].isspace():
                return False
            level = len(m.group(1))
            out.append(f"<h{level}>{m.group(2)}</h{level}>")
            last_was_list = False
        elif first.startswith("- "):
            if last_was_list:  # Markdown would join the two into one loose list
                return False
            items = []
            for line in block:
                item = line[2:]
                if not line.startswith("- ") or not item or not _plain_line(item):
                    return False
                items.append(f"<li>{item}</li>")
            out.append("<ul>\n" + "\n".join(items) + "\n</ul>")
            last_was_list = True
        else:
            if not all(_plain_line(line) for line in block):
                return False
            out.append("<p>" + "\n".join(block) + "</p>")
            last_was_list = False
        block.clear()
        return True

    for line in text.split("\n"):
        if line:
            block.append(line)
        elif block and not close():
            return None
    if block and not close():
        return None
    return "\n".join(out) if out else None
