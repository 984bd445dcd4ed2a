"""The fast front-matter reader (blockyaml) must give exactly what PyYAML gives,
or step aside: a page must never mean something else because it was read fast."""

import datetime as dt
import random

import pytest
import yaml

from kepu.contentformat import blockyaml, load_content_tree
from kepu.contentformat.writer import dump_page, dump_yaml
from tests.contentfactory import default_pages, write_content_tree

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

TRICKY = [
    "plain text", "在家怎么量血压", "yes", "No", "on", "OFF", "null", "Null", "~", "true", "TRUE",
    "2026-01-15", "2026-01-15T10:00:00+08:00", "2026-1-5", "1_000", "0x1F", "0o17", "017", "0b101",
    "1:30", "190:20:30", "3.5", ".inf", "-.INF", ".NaN", "-1", "+1", "1e3", "1.5e+3", "0", "-0",
    "a: b", "a:b", "a #b", "C#", "#x", "- x", "-x", "'q'", '"dq"', "it's", 'say "hi"',
    "trailing ", " leading", "", "多行\n文本", "line\n", "line\n\n", "\nlead", "  indented\nx",
    "tab\there", "x\u2028y", "x\x85y", "é", "a,b", "[x]", "{y}", "@at", "`bt", "%p", "!bang",
    "&amp", "*star", "|pipe", ">gt", "?q", ":colon", "key:", "<<", "=", "back\\slash",
    "ends with colon:", "BMI 24，腰围 ≥ 90 cm；", "<script>alert(1)</script>", "a\n\nb\n",
    "\ufeffbom", "x\r\ny", "emoji 🙂", "1,000", "12:30:00", "Yes, please", "~tilde",
]
NORMAL = ["在家怎么量血压", "Take your medicines as prescribed.", "media/e3c3.svg", "li-ming",
          "主任医师，示例市第一人民医院", "sha256:9f00", "https://example.org/a?b=1"]
KEYS = ["title", "a-b", "_x", "Key", "y", "n", "body", "list"]
ODD_KEYS = ["yes", "on", "null", "NO", "true", "2026-01-01", "1"]


def _key(rng: random.Random):
    return rng.choice(ODD_KEYS) if rng.random() < 0.05 else rng.choice(KEYS)


def _same(a, b) -> bool:
    """Equal with equal types all the way down (True == 1 and date == datetime would hide bugs)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return ([(type(k), k) for k in a] == [(type(k), k) for k in b]
                and all(_same(a[k], b[k]) for k in a))
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def _check(text: str) -> bool:
    """True when the fast reader took the text (and agreed with PyYAML)."""
    try:
        expected = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError:
        expected = yaml.YAMLError
    try:
        got = blockyaml.load(text)
    except blockyaml.NotBlockYaml:
        return False
    assert expected is not yaml.YAMLError, f"fast reader accepted invalid YAML:\n{text}"
    assert _same(got, expected), f"fast reader disagrees with PyYAML on:\n{text}\n{got!r}\n{expected!r}"
    return True


def _value(rng: random.Random, depth: int):
    roll = rng.random()
    if depth > 3 or roll < 0.45:
        pool = TRICKY if rng.random() < 0.15 else NORMAL
        return rng.choice(pool + [None, True, False, 0, 7, -3, 2.5, dt.date(2026, 1, 15), [], {}])
    if roll < 0.75:
        return [_value(rng, depth + 1) for _ in range(rng.randint(1, 4))]
    return {_key(rng): _value(rng, depth + 1) for _ in range(rng.randint(1, 4))}


def test_writer_output_reads_the_same_either_way():
    rng = random.Random(9)
    taken = 0
    for _ in range(3000):
        doc = {_key(rng): _value(rng, 0) for _ in range(rng.randint(1, 6))}
        taken += _check(dump_yaml(doc))
    assert taken > 600  # the fast path is really used for writer-shaped files


def test_example_pages_are_read_fast_and_identically():
    for meta, body in default_pages():
        text = dump_page(meta, body)
        front = text.split("---\n")[1]
        assert _check(front)


@pytest.mark.parametrize("text", [
    "a: 1\n# comment\nb: 2\n", "a: 1\n\nb: 2\n", "a: &x 1\nb: *x\n", "a: !!str 1\n",
    "a: multi\n  line\n", "a: |+\n  kept\n\n", "a: |2\n    indented\n", "a: >\n  folded\n",
    "a:\n  - x\n  - y\n", "a:\n- x\n-\n", "a:\n  b:\n    c: d\n", "- x\n- y\n", "a:\tb\n",
    "a: 'it''s'\n", "a: 'open\n  close'\n", 'a: "esc\\n"\n', "a: [1, 2]\n", "a: {b: 1}\n",
    "a: x # c\n", "a: 1\na: 2\n", "<<: {a: 1}\n", "a:\n  - - x\n", "a: |\n\n  late\n",
    "a: |\n  x\n   \n  y\n", "a: |-\n  x\n\n", "a:\n -   b: 1\n", "a: b\n  c: d\n", "'k': v\n",
    "a:   spaced\n", "a: 1\n b: 2\n", "a:\n    - x\n  b: y\n", "a: |\n  x\n b: 1\n",
])
def test_hand_written_yaml_is_read_exactly_or_left_to_pyyaml(text):
    _check(text)


def test_a_tree_reads_the_same_with_and_without_the_fast_path(tmp_path, monkeypatch):
    root = write_content_tree(tmp_path)
    fast = load_content_tree(root)

    def refuse(text):
        raise blockyaml.NotBlockYaml("test")

    monkeypatch.setattr(blockyaml, "load", refuse)
    slow = load_content_tree(root)
    assert [p.path for p in fast.pages] == [p.path for p in slow.pages]
    for a, b in zip(fast.pages, slow.pages, strict=True):
        assert _same(a.meta, b.meta) and a.body == b.body
    assert _same(fast.experts, slow.experts) and _same(fast.channels, slow.channels)


def _split_by_lines(text):
    """The reader's original front-matter split, line by line."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return "no start"
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]).strip(), 1
    return "no end"


@pytest.mark.parametrize("text", [
    "---\na: 1\n---\nbody\n", "---\n---\nbody", "---\na: 1\n---", "---\na: 1\n---\n",
    "--- \r\na: 1\r\n  ---\t\r\n\nbody\n", "---\na: 1\n----\nb: 2\n---\n\n text \n\n",
    "---\na: |\n  ---x\n---\n", "---\na: 1\n", "a: 1\n---\n", "\n---\na\n---\n", "---",
    "---\n\u2028---\u2028\nb", "---\na: 1\n \u3000---\nbody", "---\n\n\n---\n\n\n",
])
def test_front_matter_split_matches_the_line_by_line_split(text):
    from kepu.contentformat import ContentErrors
    from kepu.contentformat.reader import split_front_matter

    expected = _split_by_lines(text)
    try:
        got = split_front_matter("p.md", text)
    except ContentErrors as exc:
        got = "no start" if "must start" in str(exc) else "no end"
    assert got == expected
