"""Templates escape what they output exactly as Jinja's autoescape does, with
kepu's quicker escaper for plain strings (kepu_content/filters.py): text is
escaped once, markup built by a macro or a {% set %} block is not escaped again."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment
from markupsafe import Markup, escape

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "site" / "plugins"))

from kepu_content.filters import install_filters, output_escape  # noqa: E402


class Html:
    def __html__(self):
        return "<em>safe</em>"


@pytest.mark.parametrize("value", ["plain", "", "<b>\"it's\" & </b>", "中文<脚本>", Markup("<i>ok</i>"),
                                   Html(), 42, 3.5, None, ["<x>"]])
def test_output_escape_writes_what_markupsafe_writes(value):
    assert str(output_escape(value)) == str(escape(value))


TEMPLATES = {
    "page.html": (
        "{% macro bubble(text) %}<p class=\"b\">{{ text }}</p>{% endmacro %}"
        "{% set block %}<span>{{ title }}</span>{% endset %}"
        "<h1>{{ title }}</h1>{{ bubble(title) }}{{ block }}{{ safe }}{{ n }}"
        "{% include 'part.html' %}{{ title|e }}{{ joined }}"),
    "part.html": "<footer>{{ title }}</footer>",
}


def render(quick: bool) -> str:
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
    if quick:
        install_filters(env)
    return env.get_template("page.html").render(
        title="<script>alert('x')</script>&", safe=Markup("<b>kept</b>"), n=7,
        joined=["<a>", "b"])


def test_pages_render_the_same_bytes_with_the_quick_escaper():
    quick, plain = render(True), render(False)
    assert quick == plain
    assert "<script>" not in quick
    assert quick.count("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;") == 5
    assert "<p class=\"b\">&lt;script&gt;" in quick          # a macro's markup is not escaped twice
    assert "<b>kept</b>" in quick
