"""load_demo goes through the real workflow and a second run changes nothing."""

import shutil
from io import StringIO

import pytest
from django.core.management import call_command

from cms.base.demo_loader import DEMO_DIR


def _counts():
    from wagtail.images.models import Image
    from wagtail.models import Page, Revision

    from cms.review.models import SignOff

    return {"pages": Page.objects.count(), "revisions": Revision.objects.count(),
            "signoffs": SignOff.objects.count(), "images": Image.objects.count()}


def _run(demo_dir):
    out = StringIO()
    call_command("load_demo", demo_dir=str(demo_dir), stdout=out, stderr=out)
    return out.getvalue()


def _check_signed_through_the_workflow():
    from wagtail.models import PageLogEntry

    from cms.content.models import KepuPage
    from cms.review.models import SignOff
    from cms.review.signoffs import exportable_signoff

    pages = list(KepuPage.objects.all())
    assert pages
    for page in pages:
        signoff = exportable_signoff(page)
        assert signoff is not None, page.title
        assert signoff.signed_by != page.owner
        assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.start").exists()
    assert PageLogEntry.objects.filter(action="kepu.signoff").count() == SignOff.objects.count()


@pytest.fixture
def one_disease(tmp_path):
    demo = tmp_path / "demo"
    shutil.copytree(DEMO_DIR, demo)
    for path in (demo / "diseases").glob("*.yaml"):
        if path.name != "gao-xue-ya.yaml":
            path.unlink()
    return demo


def test_one_disease_loads_signed_and_translated_and_reloads_as_a_no_op(db, one_disease):
    from cms.content.models import Explainer

    output = _run(one_disease)
    assert "expert-li" in output and "kepu-expert" in output, "demo logins are printed"
    _check_signed_through_the_workflow()
    zh = Explainer.objects.get(slug="zai-jia-liang-xue-ya", locale__language_code="zh-hans")
    en = Explainer.objects.get(slug="zai-jia-liang-xue-ya", locale__language_code="en")
    assert zh.translation_key == en.translation_key
    assert zh.panels[0].value["bubbles"][0]["text"]

    before = _counts()
    again = _run(one_disease)
    assert "already loaded" in again and "nothing changed" in again
    assert _counts() == before


@pytest.mark.slow
def test_whole_demo_corpus_loads_through_the_workflow(db):
    from cms.content.models import CaseStory, DiseaseHub, Explainer
    from cms.people.models import Expert

    _run(DEMO_DIR)
    assert DiseaseHub.objects.filter(locale__language_code="zh-hans").count() >= 6
    assert Explainer.objects.filter(locale__language_code="zh-hans").count() >= 12
    assert Explainer.objects.filter(locale__language_code="en").count() >= 4
    assert CaseStory.objects.count() >= 6
    assert Expert.objects.count() >= 4
    _check_signed_through_the_workflow()
    before = _counts()
    assert "nothing changed" in _run(DEMO_DIR)
    assert _counts() == before
