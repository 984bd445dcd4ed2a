"""Malformed input answers 400 with a message or an empty result — never a 500."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kepu.search.server import serve_in_thread


@pytest.fixture(scope="module")
def api(sample_index):
    server, _ = serve_in_thread(sample_index)
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()


def status_and_body(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


ODD_QUERIES = ['"高血压', 'diabetes"', '"""', "AND", "OR", "NOT", "AND OR NOT", "高血压 AND",
               "(((", ")", "*", "?", "~", "^2", "field:value", "title:高血压", "\\", "-", "--",
               "\x00\x01\x02", "高\x00血\x1f压", "\u200b\u200b", "😀🩺", "' OR 1=1 --",
               "<script>alert(1)</script>", "%", "+-+-", "\t\n", "   ", ""]


@pytest.mark.parametrize("q", ODD_QUERIES)
def test_odd_queries_answer_200(api, q):
    status, body = status_and_body(f"{api}/search?" + urllib.parse.urlencode({"q": q}))
    assert status == 200, body
    assert isinstance(body["results"], list)
    html = " ".join(v for r in body["results"] for k, v in r.items() if k.endswith("_html"))
    assert "<script" not in html  # HTML fields are escaped; only <mark> is markup


def test_control_characters_are_ignored_not_fatal(api):
    status, body = status_and_body(f"{api}/search?" + urllib.parse.urlencode({"q": "高\x00血压"}))
    assert status == 200


@pytest.mark.parametrize("params,message", [
    ({"q": "x" * 10_240}, "too long"),
    ({"q": "高" * 201}, "too long"),
    ({"q": "asthma", "page": "0"}, "page"),
    ({"q": "asthma", "page": "51"}, "page"),
    ({"q": "asthma", "page": "-1"}, "page"),
    ({"q": "asthma", "page": "two"}, "page"),
    ({"q": "asthma", "page": "9" * 40}, "page"),
    ({"q": "asthma", "lang": "fr"}, "lang"),
    ({"q": "asthma", "type": "advert"}, "type"),
    ({"q": "asthma", "disease": "../../etc"}, "disease"),
])
def test_out_of_bounds_input_is_a_400_with_a_message(api, params, message):
    status, body = status_and_body(f"{api}/search?" + urllib.parse.urlencode(params))
    assert status == 400
    assert message in body["error"]


def test_broken_percent_encoding_is_not_an_error(api):
    status, body = status_and_body(f"{api}/search?q=%E9%AB%98%ZZ%FF")
    assert status == 200


def test_too_many_parameters_is_a_400(api):
    status, body = status_and_body(f"{api}/search?" + "&".join(f"p{i}=1" for i in range(50)))
    assert status == 400
