"""The HTTP API answers the shape the search page and channel tools rely on."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kepu.search.server import serve_in_thread

ORIGIN = "https://kepu.example.org"


@pytest.fixture(scope="module")
def api(sample_index):
    server, thread = serve_in_thread(sample_index, cors_origins=[ORIGIN])
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), json.loads(exc.read())


def search(api, **params):
    return get(f"{api}/search?{urllib.parse.urlencode(params)}")


def test_health_reports_documents(api):
    status, headers, body = get(f"{api}/health")
    assert status == 200 and body["status"] == "ok" and body["documents"] == 40
    assert headers["Content-Type"].startswith("application/json")


def test_search_returns_results_facets_and_highlights(api):
    status, _, body = search(api, q="高血压", lang="zh")
    assert status == 200
    assert body["total"] >= 4 and body["page"] == 1
    first = body["results"][0]
    assert first["url"] == "/zh/gao-xue-ya/" and first["type"] == "disease"
    assert "<mark>高血压</mark>" in first["title_html"]
    assert set(first) >= {"url", "title", "lang", "type", "disease", "expert", "reviewed",
                          "title_html", "summary_html", "snippet_html"}
    assert body["facets"]["lang"] == {"zh": body["total"], "en": body["facets"]["lang"]["en"]}
    assert body["facets"]["disease"]["gao-xue-ya"] == body["total"]


def test_filters_by_type_and_disease_and_facets_count_other_choices(api):
    _, _, body = search(api, q="高血压", lang="zh", type="explainer")
    assert body["results"] and all(r["type"] == "explainer" for r in body["results"])
    assert body["facets"]["type"].get("disease") == 1  # still offered as a choice
    _, _, body = search(api, q="血糖", lang="zh", disease="tang-niao-bing")
    assert body["results"] and all(r["disease"] == "tang-niao-bing" for r in body["results"])


def test_pages_beyond_the_results_are_empty_not_errors(api):
    status, _, body = search(api, q="diabetes", lang="en", page=5)
    assert status == 200 and body["results"] == [] and body["total"] > 0


def test_cors_allows_the_site_origin_only(api):
    _, headers, _ = get(f"{api}/search?q=asthma", headers={"Origin": ORIGIN})
    assert headers.get("Access-Control-Allow-Origin") == ORIGIN
    _, headers, _ = get(f"{api}/search?q=asthma", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in headers
    request = urllib.request.Request(f"{api}/search?q=x", method="OPTIONS",
                                     headers={"Origin": ORIGIN})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 204
        assert response.headers["Access-Control-Allow-Origin"] == ORIGIN


def test_unknown_path_is_a_json_404(api):
    status, _, body = get(f"{api}/admin")
    assert status == 404 and "error" in body
