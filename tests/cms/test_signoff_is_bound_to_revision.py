"""A sign-off binds to the exact revision the expert saw; a later edit is not exportable."""

from cms.exporting.serialize import page_document
from cms.review.signoffs import exportable_signoff
from kepu.contentformat import content_hash

from .tree import edit, submit_and_sign


def test_signoff_binds_revision_and_hash_and_publishes(tree):
    submitted = tree.explainer.get_latest_revision()
    signoff = submit_and_sign(tree.explainer, tree)

    assert signoff.revision_id == submitted.pk
    assert signoff.content_hash == content_hash(*page_document(submitted.as_object()))
    assert signoff.expert == tree.expert and signoff.specialty == tree.specialty
    assert "medical accuracy" in signoff.meaning
    tree.explainer.refresh_from_db()
    assert tree.explainer.live, "the workflow publishes the signed revision"
    assert tree.explainer.live_revision_id == submitted.pk
    assert exportable_signoff(tree.explainer) == signoff


def test_edit_after_signoff_keeps_old_revision_exportable(tree):
    signoff = submit_and_sign(tree.explainer, tree)
    later = edit(tree.explainer, tree.editor, summary="改过但还没有签发的摘要。")

    current = exportable_signoff(tree.explainer)
    assert later.pk != signoff.revision_id
    assert current.revision_id == signoff.revision_id
    assert current.revision.as_object().summary == "在家管好血压的几件事。"


def test_next_review_defaults_to_36_months_for_explainers(tree):
    from django.utils import timezone

    signoff = submit_and_sign(tree.explainer, tree)
    today = timezone.localdate()
    assert signoff.next_review.year == today.year + 3
    assert signoff.next_review.month == today.month


def test_signoff_is_logged_with_its_revision(tree):
    from wagtail.models import PageLogEntry

    signoff = submit_and_sign(tree.explainer, tree)
    entry = PageLogEntry.objects.get(action="kepu.signoff", page=tree.explainer)
    assert entry.revision_id == signoff.revision_id
    assert entry.user == tree.expert_user
    assert entry.data["content_hash"] == signoff.content_hash


def test_signoff_fires_publish_requested(tree):
    from cms.review.signals import publish_requested

    seen = []

    def receiver(sender, page, reason, user, **kw):
        seen.append((page.pk, reason, user.username))

    publish_requested.connect(receiver)
    try:
        submit_and_sign(tree.explainer, tree)
    finally:
        publish_requested.disconnect(receiver)
    assert seen == [(tree.explainer.pk, "signoff", "drli")]
