"""The export API: token required, only signed revisions, same bytes as the ORM export (issue 4.2)."""

import json

import pytest
from django.test import Client

from .pagetree import sign

TOKEN = "test-export-token"


class ClientTransport:
    """The Django test client as the remote exporter's HTTP transport."""

    def __init__(self):
        self.client = Client()
        self.urls = []

    def get(self, url, headers):
        self.urls.append(url)
        return self.client.get(url, headers=headers)


@pytest.fixture
def api(settings, tree):
    settings.KEPU_API_TOKEN = TOKEN
    return tree


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_the_api_needs_a_token(api, client):
    assert client.get("/api/kepu/pages/").status_code == 401
    bad = client.get("/api/kepu/pages/", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401
    ok = client.get("/api/kepu/pages/", headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200


def test_a_wagtail_api_token_of_an_admin_works_and_can_be_revoked(api, client, settings):
    from django.contrib.auth import get_user_model
    from wagtail.models import APIToken

    settings.KEPU_API_TOKEN = ""
    admin = get_user_model().objects.create_superuser("ops", password="x" * 12)
    token, plaintext = APIToken.create_token(user=admin, name="build server")
    auth = {"Authorization": f"Bearer {plaintext}"}
    assert client.get("/api/kepu/", headers=auth).status_code == 200
    token.revoke()
    assert client.get("/api/kepu/", headers=auth).status_code == 401
    _, editor_token = APIToken.create_token(user=api.editor, name="not an admin")
    assert client.get("/api/kepu/", headers={"Authorization": f"Bearer {editor_token}"}).status_code == 401


def test_the_api_serves_only_signed_revisions(api, client):
    sign(api.hub, api)
    sign(api.explainer, api)
    api.explainer.title = "UNSIGNED-DRAFT-TITLE"
    api.explainer.save_revision(user=api.editor)
    api.story.save_revision(user=api.editor)  # never signed
    response = client.get("/api/kepu/pages/", headers={"Authorization": f"Bearer {TOKEN}"})
    text = response.content.decode()
    assert "UNSIGNED-DRAFT-TITLE" not in text and "王伯的降压故事" not in text
    data = json.loads(text)
    assert [r["meta"]["type"] for r in data["results"]] == ["disease", "explainer"]
    assert data["results"][1]["meta"]["signoff"]["expert"] == "li-ming"


def test_pages_are_paginated(api, client):
    for page in (api.hub, api.explainer, api.story):
        sign(page, api)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    first = client.get("/api/kepu/pages/?page_size=2", headers=auth).json()
    assert first["count"] == 3 and len(first["results"]) == 2 and first["next"]
    second = client.get(first["next"], headers=auth).json()
    assert len(second["results"]) == 1 and second["next"] is None


def test_orm_and_api_exports_are_byte_identical(api, tmp_path):
    from cms.exporting.export import export_content
    from cms.exporting.remote import export_from_api
    from cms.review.models import Withdrawal

    for page in (api.hub, api.explainer, api.story):
        sign(page, api)
    Withdrawal.objects.create(page=api.story, reason="复核", withdrawn_by=api.editor)
    export_content(tmp_path / "orm")
    transport = ClientTransport()
    report = export_from_api(tmp_path / "api", "http://testserver/api/kepu/", TOKEN,
                             transport=transport)
    orm, remote = _files(tmp_path / "orm"), _files(tmp_path / "api")
    assert orm == remote
    assert any(p.startswith("media/") for p in orm) and "withdrawn.yaml" in orm
    assert report.pages == 2 and [t["reason"] for t in report.tombstones] == ["withdrawn"]
    assert any("/media/" in u for u in transport.urls)


def test_the_remote_export_refuses_a_wrong_token(api, tmp_path):
    from cms.exporting.remote import RemoteExportError, export_from_api

    with pytest.raises(RemoteExportError, match="refused the token"):
        export_from_api(tmp_path / "api", "http://testserver/api/kepu/", "wrong",
                        transport=ClientTransport())
    assert not (tmp_path / "api").exists()


def test_a_hash_mismatch_is_refused_over_the_api_too(api, tmp_path):
    from cms.exporting.remote import RemoteExportError, export_from_api
    from cms.review.models import SignOff

    sign(api.hub, api)
    SignOff.objects.update(content_hash="sha256:" + "0" * 64)
    with pytest.raises(RemoteExportError, match="refused to export"):
        export_from_api(tmp_path / "api", "http://testserver/api/kepu/", TOKEN,
                        transport=ClientTransport())
