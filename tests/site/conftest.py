"""A real `kepu build` of a small sample tree, shared by the site tests."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.contentfactory import default_pages, page, signoff, write_content_tree

TODAY = "2026-06-01"
WITHDRAWN = [{"lang": "zh", "disease": "gao-xue-ya", "slug": "che-hui-de-ye-mian",
              "type": "explainer", "title": "撤回的页面"}]


def sample_pages():
    return default_pages() + [
        page("explainer", "zh", slug="shao-chi-yan", title="每天少吃一勺盐", translation_key="tk-salt",
             sponsor="demo-pharma", ai_disclosure="初稿由人工智能辅助生成，经编辑逐句核对。",
             body="## 为什么要少吃盐\n\n盐吃多了血压会升高。"),
        page("explainer", "zh", slug="guo-qi-de-ye-mian", title="到期未复审的页面",
             translation_key="tk-expired", signoff={"next_review": "2026-03-01"},
             body="这一页已经过了复审日期。"),
        page("disease", "zh", disease="tang-niao-bing", title="糖尿病", translation_key="tk-hub-tnb",
             specialty="endocrinology", icd10="E11", synonyms=["血糖高", "尿里有糖"],
             signoff=signoff(expert="wang-fang", specialty="endocrinology"),
             body="2 型糖尿病是最常见的糖尿病类型。"),
    ]


def build(tmp: Path, pages=None, withdrawn=WITHDRAWN, **overrides):
    from kepu.build import build_site

    content = write_content_tree(tmp / "content", pages if pages is not None else sample_pages(),
                                 withdrawn=withdrawn)
    settings = {"KEPU_TODAY": TODAY, **overrides}
    return build_site(content, tmp / "output", settings_overrides=settings)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """(BuildReport, output folder) of the sample tree."""
    tmp = tmp_path_factory.mktemp("site")
    report = build(tmp)
    return report, tmp / "output"


@pytest.fixture(scope="session")
def output(built) -> Path:
    return built[1]


def read(output: Path, url: str) -> str:
    path = output / url.lstrip("/")
    if url.endswith("/"):
        path = path / "index.html"
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def site_url(output):
    """The built site served like the real host (directory index, 404.html)."""
    from kepu.preview import make_server

    server = make_server(output, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
