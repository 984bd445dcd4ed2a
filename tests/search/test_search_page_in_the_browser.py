"""The built site's search page works with the service and with no server at all."""

from __future__ import annotations

import threading

import pytest

from kepu.preview import make_server as make_site_server
from kepu.search.server import serve_in_thread
from tests.search.corpus import sample_pages

TODAY = "2026-06-01"


def _build(tmp, monkeypatch, **settings):
    from kepu.build import build_site
    from tests.contentfactory import write_content_tree

    monkeypatch.setenv("KEPU_SEARCH_INDEX_DIR", str(tmp / "var" / "search-index"))
    content = write_content_tree(tmp / "content", sample_pages())
    build_site(content, tmp / "output", settings_overrides={"KEPU_TODAY": TODAY, **settings})
    return tmp / "output"


def _serve_site(output):
    server = make_site_server(output, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _results(page, url):
    page.goto(url)
    page.wait_for_selector("#search[data-ready='1']", timeout=15_000)
    links = page.locator("#search-results .search-hit h2 a")
    return [links.nth(i).get_attribute("href") for i in range(links.count())], page


@pytest.mark.browser
def test_zero_server_search_page(page, tmp_path, monkeypatch):
    output = _build(tmp_path, monkeypatch)
    assert (output / "search" / "manifest.json").is_file()
    assert not (output / "search-index").exists()  # the Whoosh index is not deployed
    server, base = _serve_site(output)
    try:
        hrefs, page = _results(page, f"{base}/zh/search/?q=血压高")
        assert hrefs[0] == "/zh/gao-xue-ya/"
        assert "条结果" in page.locator("#search-status").inner_text()
        title = page.locator("#search-results .search-hit h2 a").first
        assert title.inner_text() == "高血压"
        assert title.locator("mark").count() == 1
        hrefs, _ = _results(page, f"{base}/en/search/?q=sugar%20in%20urine")
        assert hrefs[0] == "/en/tang-niao-bing/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_search_page_uses_the_service_when_configured(page, tmp_path, monkeypatch):
    from kepu.search.indexer import index_content_tree
    from tests.contentfactory import write_content_tree

    content = write_content_tree(tmp_path / "svc-content", sample_pages())
    index_content_tree(content, tmp_path / "svc-index")
    placeholder = "http://127.0.0.1:9"  # replaced below once the site's port is known
    api_server, _ = serve_in_thread(tmp_path / "svc-index", cors_origins=["*"])
    api = f"http://127.0.0.1:{api_server.server_address[1]}"
    output = _build(tmp_path, monkeypatch, KEPU_SEARCH_API=api)
    assert placeholder not in (output / "zh" / "search" / "index.html").read_text(encoding="utf-8")
    site, base = _serve_site(output)
    seen = []
    page.on("request", lambda r: seen.append(r.url))
    try:
        hrefs, page = _results(page, f"{base}/zh/search/?q=唐尿病")
        assert hrefs and hrefs[0].startswith("/zh/tang-niao-bing/")
        assert any(u.startswith(api + "/search?") for u in seen)
        assert not any("/search/manifest.json" in u for u in seen)
        assert "糖尿病" in page.locator("#search-status").inner_text()  # showing results for 糖尿病
    finally:
        site.shutdown()
        site.server_close()
        api_server.shutdown()
        api_server.server_close()
