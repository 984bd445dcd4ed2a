"""Whatever an editor types reaches patients escaped or sanitized (DESIGN.md rule 5)."""

from __future__ import annotations

from tests.contentfactory import default_pages, page

from .conftest import build, read


def test_script_in_title_body_bubble_and_reference_is_neutralised(tmp_path):
    evil = page("explainer", "zh", slug="e", title="<script>alert('t')</script>标题",
                body="正文 <script>alert('b')</script> <img src=x onerror=alert(1)> [x](javascript:alert(2))",
                references=[{"title": "<b>ref</b>", "url": "javascript:alert(3)"}])
    evil[0]["panels"][0]["bubbles"][0]["text"] = "<img src=x onerror=alert(4)>"
    from kepu.contentformat import content_hash

    evil[0]["signoff"]["content_hash"] = content_hash(*evil)
    build(tmp_path, default_pages() + [evil], withdrawn=None)
    html = read(tmp_path / "output", "/zh/gao-xue-ya/e/")
    body = html.split("</head>", 1)[1]
    assert "<script>alert" not in body
    assert "onerror" not in body.replace("onerror=alert(4)&gt;", "")
    assert "javascript:" not in body
    assert "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;标题" in body
    head = html.split("</head>", 1)[0]
    assert "</script>标题" not in head                       # JSON-LD cannot close its script
