"""The channels sample site: the factory tree plus what channel rules must handle —
a second disease and specialty, an expired explainer, a sponsored page and a
withdrawn page's tombstone."""

from __future__ import annotations

from pathlib import Path

from tests.contentfactory import default_pages, page, signoff, write_content_tree

SITEURL = "https://kepu.example.org"
TODAY = "2026-03-01"
WITHDRAWN = {"id": 990, "shortcode": "w990", "lang": "zh", "disease": "gao-xue-ya",
             "slug": "bei-che-hui-de-ye", "type": "explainer", "title": "撤回页面标题XYZZY",
             "reason": "复审发现错误", "withdrawn_at": "2026-02-20T09:00:00+08:00"}


def sample_pages(title_suffix: str = "") -> list[tuple[dict, str]]:
    # The factory numbers pages from a process-wide counter: pin ids and codes so the
    # sample is the same whichever tests ran first (id and shortcode are not signed).
    pages = [({**m, "id": 101 + i, "shortcode": f"c{101 + i}"}, b)
             for i, (m, b) in enumerate(default_pages())]
    if title_suffix:
        pages = [({**m, "title": m["title"] + title_suffix}, b) for m, b in pages]
        # A new title changes the signed text: re-sign with a fresh hash.
        from kepu.contentformat import content_hash
        for meta, body in pages:
            meta["signoff"] = {**meta["signoff"], "content_hash": content_hash(meta, body)}
    endo = signoff(expert="wang-fang", specialty="endocrinology")
    pages += [
        page("disease", "zh", disease="tang-niao-bing", title="糖尿病" + title_suffix,
             specialty="endocrinology", translation_key="tk-hub-tnb", signoff=endo,
             shortcode="t200", id=200, body="糖尿病是血糖长期偏高。"),
        page("explainer", "zh", disease="tang-niao-bing", slug="ce-xue-tang",
             title="怎样在家测血糖" + title_suffix, specialty="endocrinology", signoff=endo,
             translation_key="tk-tnb-1", shortcode="t201", id=201, sponsor="demo-pharma",
             body="测血糖前洗手。"),
        page("explainer", "zh", disease="tang-niao-bing", slug="di-xue-tang",
             title="低血糖怎么办" + title_suffix, specialty="endocrinology", signoff=endo,
             translation_key="tk-tnb-2", shortcode="t202", id=202, body="随身带糖。"),
        page("explainer", "zh", slug="guo-qi-ye", title="已过复审期的页面" + title_suffix,
             translation_key="tk-expired", shortcode="x300", id=300,
             signoff={"next_review": "2026-02-01"}, body="过期内容。"),
    ]
    return pages


def write_sample(root: Path, title_suffix: str = "") -> Path:
    return write_content_tree(root, sample_pages(title_suffix), withdrawn=[WITHDRAWN])


def build(content: Path, out: Path):
    from kepu.build import build_site

    return build_site(content, out, settings_overrides={"SITEURL": SITEURL, "KEPU_TODAY": TODAY})
