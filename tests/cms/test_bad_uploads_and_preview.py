"""Bad uploads give form errors and save nothing; preview renders the page for the editor."""

from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images.models import Image

from .tree import png_file


def _upload(client, name, content, content_type):
    return client.post("/admin/images/add/", {
        "title": "upload", "file": SimpleUploadedFile(name, content, content_type=content_type),
        "collection": 1, "tags": "",
    })


def test_a_file_that_is_not_an_image_is_refused(tree, client):
    before = Image.objects.count()
    client.force_login(tree.editor)
    response = _upload(client, "notes.txt", b"not an image", "text/plain")
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    response = _upload(client, "fake.png", b"plain text pretending", "image/png")
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert Image.objects.count() == before


def test_an_oversized_image_is_refused(tree, client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    before = Image.objects.count()
    client.force_login(tree.editor)
    big = png_file(size=(400, 400)).read()
    response = _upload(client, "big.png", big, "image/png")
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert "100" in errors or "B" in errors  # the message names the limit
    assert Image.objects.count() == before


def test_preview_shows_the_draft_text_to_the_editor(tree, client):
    client.force_login(tree.editor)
    revision = tree.explainer.get_latest_revision()
    response = client.get(f"/admin/pages/{tree.explainer.pk}/revisions/{revision.pk}/view/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "高血压怎么办" in html
    assert "每天早晚各量一次血压" in html  # the speech bubble, as real text


def test_live_page_url_serves_only_signed_text(tree, client):
    from .tree import edit, submit_and_sign

    submit_and_sign(tree.explainer, tree)
    edit(tree.explainer, tree.editor, summary="未签发的新摘要")
    from django.test import RequestFactory

    page = type(tree.explainer).objects.get(pk=tree.explainer.pk)
    response = page.serve(RequestFactory().get("/"))
    assert response.status_code == 200
    response.render() if hasattr(response, "render") else None
    body = response.content.decode()
    assert "在家管好血压的几件事" in body and "未签发的新摘要" not in body
