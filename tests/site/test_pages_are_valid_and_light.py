"""Every page parses as conforming HTML, and a content page stays within 30 KB compressed."""

from __future__ import annotations

import gzip
import re

import html5lib
import pytest

WEIGHT_BUDGET = 30 * 1024


def html_pages(output):
    return sorted(output.rglob("*.html"))


def test_every_page_parses_without_html5_errors(output):
    pages = html_pages(output)
    assert len(pages) >= 20
    problems = {}
    for path in pages:
        parser = html5lib.HTMLParser(strict=False)
        parser.parse(path.read_bytes(), transport_encoding="utf-8")
        if parser.errors:
            problems[str(path.relative_to(output))] = parser.errors[:3]
    assert problems == {}


@pytest.mark.parametrize("url", ["/zh/gao-xue-ya/liang-xue-ya/", "/zh/gao-xue-ya/wang-bo-de-gu-shi/",
                                 "/zh/gao-xue-ya/", "/zh/"])
def test_page_html_css_js_within_30kb_compressed(output, url):
    html = (output / url.strip("/") / "index.html").read_bytes()
    assets = re.findall(rb'(?:href|src)="(/theme/[^"]+\.(?:css|js))"', html)
    total = len(gzip.compress(html, 9)) + sum(
        len(gzip.compress((output / a.decode().lstrip("/")).read_bytes(), 9)) for a in assets)
    assert {a.decode() for a in assets} >= {"/theme/css/kepu.css", "/theme/js/kepu.js"}
    assert total <= WEIGHT_BUDGET, f"{url}: {total} bytes compressed"


def test_illustrations_have_size_and_load_lazily_after_the_first(output):
    html = (output / "zh/gao-xue-ya/liang-xue-ya/index.html").read_text(encoding="utf-8")
    for img in re.findall(r"<img [^>]+>", html):
        assert "width=" in img and "height=" in img and 'decoding="async"' in img


def test_base_font_is_at_least_18px_and_targets_are_44px(output):
    css = (output / "theme/css/kepu.css").read_text()
    assert re.search(r":root \{[^}]*font-size: 112\.5%", css)      # 18px at the browser default
    assert "min-height: 2.75rem" in css                             # 49.5px at 18px base


@pytest.mark.slow
def test_nu_html_checker_finds_no_errors(output):
    """The Nu Html Checker (vnu.jar from the vnu-jar npm package), when it is on this machine."""
    import os
    import shutil
    import subprocess

    jar = os.environ.get("KEPU_VNU_JAR", "")
    if not (jar and os.path.exists(jar) and shutil.which("java")):
        pytest.skip("set KEPU_VNU_JAR to vnu.jar (npm pack vnu-jar) and install java to run")
    result = subprocess.run(["java", "-jar", jar, "--errors-only", "--skip-non-html",
                             *map(str, html_pages(output))], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[:3000]
