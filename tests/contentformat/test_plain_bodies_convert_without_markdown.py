"""Plain page bodies (paragraphs, headings, tight bullet lists) are converted
without Python-Markdown (site/plugins/kepu_content/plainmarkdown.py). A patient
must get the same page either way: every body the shortcut accepts has to give
Python-Markdown's own HTML byte for byte, and anything it is unsure of has to be
left to Python-Markdown."""

import random
import sys
from pathlib import Path

import markdown
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "site" / "plugins"))

from kepu_content import markup  # noqa: E402
from kepu_content.plainmarkdown import plain_markdown  # noqa: E402

from kepu.bench import phrases  # noqa: E402


def full_markdown(text: str) -> str:
    # A fresh converter with neither shortcut: what the site rendered before.
    return markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html").convert(text)


# Lines chosen to sit on every edge the shortcut must see: block starts, inline
# syntax, whitespace Markdown strips or keeps, headings it would not accept.
TEXT = ["在家量血压前，先安静坐 5 分钟。", "Take your tablets at the same time each day.",
        "血压 140/90 mmHg 以上要复查", "It's \"fine\" — really.", "a # in the middle",
        "ends with a hash #", "question?", "数字 1. 在中间", "x - y + z = 0", "Ａ全角", "e.g. 3 times"]
EDGES = ["", "", "", " ", "   ", "\t", "\u3000", "- ", "-", "--", "---", "***", "___", "===", "- - -",
         "* item", "+ item", "1. one", "2) two", "10. ten", "> quote", "    code", "\tcode", "```", "~~~",
         ": definition", "Term", "| a | b |", "|---|---|", "{: .cls }", "*[BMI]: body mass", "[^1]: note",
         "[ref]: https://example.org", "<div>", "</div>", "&amp;", "&", "a  ", "a ", " a", "\u3000缩进",
         "结尾空格\u3000", "a\xa0", "\xa0a", "#", "#no space", "# h1", "## h2", "###### h6", "####### seven",
         "## ends #", "##  two spaces", "## trailing ", "##\u3000全角", "- - nested", "- # heading item",
         "- 1. ordered", "- > quote", "-  two", "- item", "- 项目", "- a\u3000", "!bang", "![img](x.svg)",
         "~tilde", "=equals", "+plus", "#hash", "\r", "a\rb", "\x02", "\ufeff bom", "@mention", "%percent",
         "a\u2028b", "a\x85b", "\u2029", "a\x0cb", "a\x0bb", "'quoted'", '"double"', "(paren)", "a: b",
         "a\xa0b", "- a\xa0b", "## a\xa0b", "\ufdd0", "\U0001f600", "\u200b", "=\"x\"", "a' b\"", "\u00ad"]


def random_body(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(1, 14)):
        r = rng.random()
        if r < 0.35:
            lines.append(rng.choice(TEXT))
        elif r < 0.55:
            lines.append("")
        elif r < 0.7:
            lines.append(rng.choice(["## ", "### ", "# ", "- "]) + rng.choice(TEXT))
        else:
            lines.append(rng.choice(EDGES))
    body = "\n".join(lines)
    if rng.random() < 0.2:
        body = "\n" * rng.randint(1, 3) + body
    if rng.random() < 0.3:
        body += "\n" * rng.randint(1, 3)
    return body


def test_every_fuzzed_body_the_shortcut_accepts_is_markdowns_own_html():
    rng = random.Random(9)
    accepted = 0
    for _ in range(6000):
        body = random_body(rng)
        quick = plain_markdown(body)
        if quick is not None:
            accepted += 1
            assert quick == full_markdown(body), repr(body)
    # The fuzz must exercise the shortcut, not only its refusals.
    assert accepted > 600


def full_page_html(text: str) -> str:
    # What a page showed before either shortcut: Markdown, then nh3.
    return markup.sanitize(markup._H1.sub(r"<\1h2>", full_markdown(text)))


def test_every_fuzzed_body_the_shortcut_accepts_needs_no_sanitizing():
    # render_markdown skips nh3 for a body the shortcut accepts: nh3 must have
    # had nothing to do there (or only to write a no-break space as &nbsp;).
    rng = random.Random(11)
    accepted = spaced = 0
    for _ in range(6000):
        body = random_body(rng)
        if plain_markdown(body) is not None:
            accepted += 1
            spaced += "\xa0" in body
            assert markup.render_markdown(body) == full_page_html(body), repr(body)
    assert accepted > 600 and spaced > 10


def corpus_bodies():
    from kepu.bench.corpus import _body

    rng = random.Random(3)
    for lang in ("zh", "en"):
        for d in list(phrases.DISEASES)[:12]:
            name = phrases.DISEASES[d][0 if lang == "zh" else 1]
            for paragraphs in (1, 2, 3, 4):
                yield _body(rng, lang, name, paragraphs)


def test_corpus_bodies_take_the_shortcut_and_match():
    bodies = list(corpus_bodies())
    assert bodies
    for body in bodies:
        quick = plain_markdown(body)
        assert quick is not None, body
        assert quick == full_markdown(body)
        assert markup.render_markdown(body) == full_page_html(body)


def demo_bodies():
    # Every "body" the demo corpus gives its pages (cms/base/demo/diseases/*.yaml).
    import yaml

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "body" and isinstance(value, str):
                    yield value.strip()
                else:
                    yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    root = Path(__file__).resolve().parents[2] / "cms" / "base" / "demo" / "diseases"
    for path in sorted(root.glob("*.yaml")):
        for body in walk(yaml.safe_load(path.read_text(encoding="utf-8"))):
            yield path.name, body


def test_every_demo_body_renders_as_before():
    seen = taken = 0
    for path, body in demo_bodies():
        seen += 1
        quick = plain_markdown(body)
        if quick is not None:
            taken += 1
            assert quick == full_markdown(body), path
        assert markup.render_markdown(body) == full_page_html(body), path
    assert seen > 20 and taken


@pytest.mark.parametrize("body", [
    "para\n\n- a\n- b\n\n- c",          # two lists with a blank line: one loose list
    "para\n- a",                         # a list line inside a paragraph stays text
    "## heading\nnext line",             # a heading with a line after it
    "a\n===",                            # setext heading
    "a & b", "x < y", "x > y", "a_b", "a*b", "[a]", "{a}", "a|b",
])
def test_bodies_the_shortcut_leaves_to_markdown(body):
    assert plain_markdown(body) is None


def test_render_markdown_gives_the_same_page_either_way():
    body = "在家量血压前，先安静坐 5 分钟。\n\n## 每天要做的事\n\n- 按时吃药\n- 少吃盐\n\n# 大标题"
    assert plain_markdown(body) is not None
    fast = markup.render_markdown(body)
    saved = markup.plain_markdown
    try:
        markup.plain_markdown = lambda text: None
        slow = markup.render_markdown(body)
    finally:
        markup.plain_markdown = saved
    assert fast == slow
    assert "<h2>大标题</h2>" in fast and "<h1>" not in fast
