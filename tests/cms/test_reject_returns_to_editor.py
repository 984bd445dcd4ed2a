"""Request changes sends the page back to its editor with the reviewer's comment."""

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import TaskState, WorkflowState

from cms.review import services
from cms.review.models import SignOff

from .tree import PASSWORD, edit


def test_reject_returns_page_with_comment_and_resubmission_restarts_checks(tree):
    state = services.submit_for_review(tree.explainer, tree.editor)
    task_state = tree.explainer.current_workflow_task_state
    services.reject(task_state, tree.expert_user, "请补充何时需要就医。")

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    rejected = TaskState.objects.get(pk=task_state.pk)
    assert rejected.status == TaskState.STATUS_REJECTED
    assert rejected.comment == "请补充何时需要就医。"
    assert rejected.finished_by == tree.expert_user
    assert not SignOff.objects.exists()

    edit(tree.explainer, tree.editor, red_flags="胸痛、说话不清、一侧手脚无力时立即就医")
    services.submit_for_review(tree.explainer, tree.editor)
    page = type(tree.explainer).objects.get(pk=tree.explainer.pk)
    signoff = services.sign_off(page, tree.expert_user, PASSWORD, "无利益冲突。")
    assert "说话不清" in signoff.revision.as_object().red_flags


def test_reject_needs_a_comment_and_a_qualified_reviewer(tree):
    services.submit_for_review(tree.explainer, tree.editor)
    task_state = tree.explainer.current_workflow_task_state
    with pytest.raises(PermissionDenied):
        services.reject(task_state, tree.expert_user, "")
    with pytest.raises(PermissionDenied):
        services.reject(task_state, tree.other_expert_user, "不对")
