"""The CMS preview renders one page with the build's templates, and survives missing registries."""

from __future__ import annotations

from kepu.preview_render import render_preview
from tests.contentfactory import page

from .conftest import read


def test_preview_matches_the_built_page(output, built):
    content = output.parent / "content"
    meta, body = page("explainer", "zh", slug="liang-xue-ya", title="在家怎么量血压",
                      translation_key="tk-bp", body="量血压前先安静坐 5 分钟。")
    html = render_preview(meta, body, content)
    built_html = read(output, "/zh/gao-xue-ya/liang-xue-ya/")
    main = lambda h: h[h.index("<main"):h.index("</main>")]  # noqa: E731
    # Same article; the preview only differs in the translations it cannot see.
    assert main(html).replace('href="/en/"', "") .count("李明") == main(built_html).count("李明")
    assert '<a href="/zh/gao-xue-ya/">高血压</a>' in html
    assert "<style>" in html and "MedicalWebPage" in html


def test_preview_without_content_or_signoff_degrades_gracefully():
    meta, body = page("case_story", "en", slug="draft", title="A draft story")
    meta.pop("signoff")
    html = render_preview(meta, body, None, media_prefix="/cms-media/")
    assert "<h1>A draft story</h1>" in html
    assert "not yet signed off" in html
