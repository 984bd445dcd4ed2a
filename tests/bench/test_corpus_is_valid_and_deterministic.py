"""The benchmark corpus is real content: it passes the site's reader, and the
same seed always gives the same bytes (so kepu and Hugo runs compare like for like)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from kepu.bench.corpus import edit_page, generate_corpus, sample_page
from kepu.bench.yamlfast import dump_page_fast
from kepu.contentformat import dump_page, load_content_tree, read_page_file


def _digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_corpus_passes_the_content_reader_with_correct_signoff_hashes(tmp_path):
    stats = generate_corpus(tmp_path / "c", pages=60, seed=3)
    tree = load_content_tree(tmp_path / "c")
    assert len(tree.pages) == stats.pages == 60
    types = {p["type"] for p in tree.pages}
    assert types == {"disease", "explainer", "case_story"}
    assert {p["lang"] for p in tree.pages} == {"zh", "en"}
    assert len(tree.experts) >= 20 and tree.channels and tree.characters and tree.sponsors
    explainers = [p for p in tree.pages if p["type"] == "explainer"]
    assert all(3 <= len(p["panels"]) <= 5 for p in explainers)
    assert all(b["text"] for p in explainers for panel in p["panels"] for b in panel["bubbles"])
    stories = [p for p in tree.pages if p["type"] == "case_story"]
    assert all(len(p["timeline"]) >= 4 for p in stories)


def test_large_corpora_cover_thirty_plus_diseases_in_both_languages(tmp_path):
    from kepu.bench.corpus import plan_corpus

    plan, media, channels, groups = plan_corpus(1000, seed=1)
    assert len(plan.diseases) >= 30
    assert sum(len(g[4]) for g in groups) + 2 * len(plan.diseases) == 1000
    assert len(media) >= 10 and len(channels) >= 10


def test_same_seed_gives_a_byte_identical_tree_and_another_seed_does_not(tmp_path):
    a = _digest(generate_corpus(tmp_path / "a", pages=80, seed=7).root)
    b = _digest(generate_corpus(tmp_path / "b", pages=80, seed=7, workers=2).root)
    c = _digest(generate_corpus(tmp_path / "c", pages=80, seed=8).root)
    assert a == b
    assert a != c


def test_fast_front_matter_is_byte_identical_to_the_export_writer(tmp_path):
    import yaml

    from kepu.contentformat.reader import split_front_matter

    root = generate_corpus(tmp_path / "c", pages=120, seed=5).root
    for path in sorted(root.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        front, body, _ = split_front_matter(path.name, text)
        meta = yaml.safe_load(front)
        assert dump_page(meta, body) == text, path
        assert dump_page_fast(meta, body) == text, path


def test_quoting_matches_the_writer_for_awkward_strings():
    awkward = ["2026-01-15", "yes", "null", "12", "1.5", "a: b", "x #y", "- item", "#tag", "end:",
               "它说：好", "O'Brien", "", " lead", "trail ", "[x]", "@handle", "100%", "3 型", "NaN"]
    for text in awkward:
        meta = {"format": 1, "title": text, "topics": [text], "author": {"name": text}}
        assert dump_page_fast(meta, "") == dump_page(meta, ""), text


def test_an_edit_changes_the_text_and_keeps_the_page_signed(tmp_path):
    root = generate_corpus(tmp_path / "c", pages=40, seed=1).root
    rel = sample_page(root)
    before = read_page_file(root / rel, root)
    edit_page(root, rel, note="新增一句。")
    after = read_page_file(root / rel, root)  # raises if the hash did not follow the text
    assert after.body.endswith("新增一句。")
    assert after["signoff"]["content_hash"] != before["signoff"]["content_hash"]


def test_the_vocabulary_grows_like_real_text_and_passes_the_compliance_checks(tmp_path):
    """Real pages keep bringing new words; the phrase banks alone gave a
    240-page corpus 473 distinct search terms and 10,000 pages 949, which
    flattered every search figure of the benchmark."""
    from kepu.compliance.contentfiles import check_content_dir
    from kepu.compliance.termlists import default_brands
    from kepu.search.analysis import index_terms

    small = load_content_tree(generate_corpus(tmp_path / "s", pages=60, seed=3).root)
    large = load_content_tree(generate_corpus(tmp_path / "l", pages=240, seed=3).root)

    def vocabulary(tree) -> set[str]:
        return {t for p in tree.pages for t in index_terms(p.body + " " + p["summary"])}

    assert len(vocabulary(large)) > 3000
    assert len(vocabulary(large)) > 2 * len(vocabulary(small))
    findings, checked = check_content_dir(tmp_path / "l", brands=default_brands())
    assert checked == 240
    assert not [f for f in findings if f.severity == "block" or f.rule.startswith("ADLAW")]
