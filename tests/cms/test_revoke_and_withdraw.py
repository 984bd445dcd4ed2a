"""Revoking a sign-off and withdrawing a page take the page out of the export."""

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import PageLogEntry

from cms.review import services
from cms.review.signals import publish_requested
from cms.review.signoffs import exportable_signoff

from .tree import PASSWORD, submit_and_sign


@pytest.fixture
def published(tree):
    submit_and_sign(tree.explainer, tree)
    return tree


@pytest.fixture
def publish_requests():
    seen = []

    def receiver(sender, page, reason, **kw):
        seen.append(reason)

    publish_requested.connect(receiver)
    yield seen
    publish_requested.disconnect(receiver)


def test_revoke_makes_page_unexportable_and_is_logged(published, publish_requests):
    tree = published
    signoff = exportable_signoff(tree.explainer)
    services.revoke_signoff(signoff, tree.publisher, "引用的指南已更新。")
    assert exportable_signoff(tree.explainer) is None
    entry = PageLogEntry.objects.get(action="kepu.revoke", page=tree.explainer)
    assert entry.data["reason"] == "引用的指南已更新。" and entry.user == tree.publisher
    assert publish_requests == ["revoke"]


def test_revoke_needs_a_reason_and_permission(published):
    tree = published
    signoff = exportable_signoff(tree.explainer)
    with pytest.raises(PermissionDenied):
        services.revoke_signoff(signoff, tree.publisher, " ")
    with pytest.raises(PermissionDenied):
        services.revoke_signoff(signoff, tree.editor, "我想撤销")
    # the signer may withdraw their own signature
    services.revoke_signoff(signoff, tree.expert_user, "我发现一处错误。")
    assert exportable_signoff(tree.explainer) is None


def test_withdraw_unpublishes_and_lifting_needs_a_new_signoff(published, publish_requests):
    tree = published
    services.withdraw_page(tree.explainer, tree.publisher, "患者投诉，待核实。")
    tree.explainer.refresh_from_db()
    assert not tree.explainer.live
    assert exportable_signoff(tree.explainer) is None
    assert PageLogEntry.objects.filter(action="kepu.withdraw", page=tree.explainer).exists()

    services.lift_withdrawal(tree.explainer, tree.publisher, "已核实无误。")
    assert exportable_signoff(tree.explainer) is None, "the old signature does not survive a withdrawal"

    services.submit_for_review(tree.explainer, tree.editor)
    page = type(tree.explainer).objects.get(pk=tree.explainer.pk)
    services.sign_off(page, tree.expert_user, PASSWORD, "无利益冲突。")
    assert exportable_signoff(tree.explainer) is not None
    assert publish_requests == ["withdraw", "lift_withdrawal", "signoff"]


def test_only_publishers_withdraw_and_a_reason_is_required(published):
    tree = published
    for user in (tree.editor, tree.expert_user):
        with pytest.raises(PermissionDenied):
            services.withdraw_page(tree.explainer, user, "理由")
    with pytest.raises(PermissionDenied):
        services.withdraw_page(tree.explainer, tree.publisher, "")
    assert exportable_signoff(tree.explainer) is not None
