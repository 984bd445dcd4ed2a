"""Page bodies render to exactly the HTML Python-Markdown's full inline pass gives:
the shortcut for text without Markdown punctuation (site/plugins/kepu_content/
markup.py) may only save time, never change a patient's page."""

import sys
from pathlib import Path

import markdown
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "site" / "plugins"))

from kepu_content import markup  # noqa: E402

BODIES = [
    "在家量血压前，先安静坐 5 分钟。\n\n## 每天要做的事\n\n- 按时吃药\n- 少吃盐",
    "Plain text with no markup at all.\n\nSecond paragraph.",
    "*em* and **strong** and _under_ and __dunder__ and snake_case_name",
    "`code` and ``double`` and \\*escaped\\* and a\\\\b",
    "[link](https://example.org) ![img](media/x.svg) [ref][1] [short]\n\n[1]: https://example.org/r",
    "<https://example.org> <mail@example.org> <b>raw</b> <script>x()</script> &amp; &copy; & alone",
    "line one  \nline two (two-space break)",
    "Footnote[^1].\n\n[^1]: The note.",
    "*[BMI]: Body mass index\n\nYour BMI matters.",
    "Term\n:   Definition\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    "# Title becomes h2\n\n```\nfenced *not em*\n```\n\n> quote with *em*",
    "1. one\n2. two\n\n3) three",
    "{: .cls } text with attr list\n\nPara {: #id }",
    "中文里的 * 星号和 _ 下划线 与 [方括号",
    "",
]


@pytest.mark.parametrize("body", BODIES)
def test_body_html_is_what_the_full_markdown_pass_gives(body):
    fast = markup.render_markdown(body)
    full = markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")
    saved = markup._md
    try:
        markup._md = full
        expected = markup.render_markdown(body)
    finally:
        markup._md = saved
    assert fast == expected


def test_the_shortcut_is_in_place():
    # If Python-Markdown's inline patterns change, the shortcut switches itself off
    # (correct but slower); this says so.
    assert isinstance(markup._md.treeprocessors["inline"], markup._QuickInlineProcessor)


def test_body_images_render_the_same_bytes_every_time():
    # nh3 adds forced attributes in a random order; an incremental build must match a full one.
    body = '![Chart](media/a.svg) <img src="media/b.svg" alt="b > c" loading="eager">'
    html = {markup.render_markdown(body) for _ in range(30)}
    assert len(html) == 1
    (one,) = html
    assert one.count('loading="lazy" decoding="async">') == 2 and "eager" not in one
