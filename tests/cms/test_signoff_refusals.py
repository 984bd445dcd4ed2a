"""Who may not sign: wrong specialty, the author, the last editor, a wrong password."""

import pytest
from django.core.exceptions import PermissionDenied

from cms.review import services
from cms.review.models import SignOff

from .tree import PASSWORD, edit, make_user


def _submitted(tree):
    services.submit_for_review(tree.explainer, tree.editor)
    return tree.explainer


def test_expert_of_another_specialty_is_refused(tree):
    page = _submitted(tree)
    with pytest.raises(PermissionDenied, match="specialty"):
        services.sign_off(page, tree.other_expert_user, PASSWORD, "无利益冲突。")
    assert not SignOff.objects.exists()


def test_expert_cannot_sign_a_page_they_wrote(tree):
    tree.explainer.owner = tree.expert_user
    tree.explainer.save()
    page = _submitted(tree)
    with pytest.raises(PermissionDenied, match="wrote"):
        services.sign_off(page, tree.expert_user, PASSWORD, "无利益冲突。")


def test_expert_cannot_sign_a_page_they_edited_last(tree):
    edit(tree.explainer, tree.expert_user, summary="专家顺手改了一句。")
    page = _submitted(tree)
    with pytest.raises(PermissionDenied, match="edited this page last"):
        services.sign_off(page, tree.expert_user, PASSWORD, "无利益冲突。")


def test_wrong_password_is_refused(tree):
    page = _submitted(tree)
    with pytest.raises(services.WrongPassword):
        services.sign_off(page, tree.expert_user, "not-my-password", "无利益冲突。")
    with pytest.raises(services.WrongPassword):
        services.sign_off(page, tree.expert_user, "", "无利益冲突。")
    assert not SignOff.objects.exists()


def test_declaration_is_required(tree):
    page = _submitted(tree)
    with pytest.raises(PermissionDenied, match="declaration"):
        services.sign_off(page, tree.expert_user, PASSWORD, "  ")


def test_user_without_expert_profile_is_refused_even_if_superuser(tree):
    admin = make_user("boss", is_superuser=True, is_staff=True)
    page = _submitted(tree)
    with pytest.raises(PermissionDenied, match="expert"):
        services.sign_off(page, admin, PASSWORD, "无利益冲突。")


def test_page_not_in_review_cannot_be_signed(tree):
    with pytest.raises(PermissionDenied, match="not awaiting"):
        services.sign_off(tree.explainer, tree.expert_user, PASSWORD, "无利益冲突。")


def test_wagtail_workflow_actions_are_offered_only_to_qualified_experts(tree):
    page = _submitted(tree)
    task = page.current_workflow_task
    assert [a[0] for a in task.get_actions(page, tree.expert_user)] == ["reject", "approve"]
    assert task.get_actions(page, tree.other_expert_user) == []
    assert task.get_actions(page, tree.editor) == []
    assert task.user_can_access_editor(page, tree.expert_user)
    assert task.locked_for_user(page, tree.editor), "nobody edits text waiting for a signature"
