"""The checks step: blocking findings send the page back; an override with a reason
lets it through, is logged, and is shown to the expert at sign-off."""

from wagtail.models import PageLogEntry, TaskState, WorkflowState

from cms.compliance.checks import latest_report
from cms.compliance.overrides import override_finding
from cms.review import services

from .tree import PASSWORD, edit


def test_clean_page_passes_checks_and_reaches_the_expert(tree):
    services.submit_for_review(tree.explainer, tree.editor)
    page = type(tree.explainer).objects.get(pk=tree.explainer.pk)
    assert page.current_workflow_task.specific.__class__.__name__ == "ExpertSignOffTask"
    report = latest_report(page, page.get_latest_revision())
    assert report.passed


def test_cure_rate_claim_is_rejected_with_the_rule_in_the_comment(tree):
    edit(tree.explainer, tree.editor, summary="本方法治愈率高达95%，无效退款。")
    state = services.submit_for_review(tree.explainer, tree.editor)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    rejected = TaskState.objects.filter(workflow_state=state).get()
    assert rejected.status == TaskState.STATUS_REJECTED
    assert "summary" in rejected.comment and "block" in rejected.comment
    report = latest_report(tree.explainer)
    assert report.blocking_count >= 1
    assert any(f["field"] == "summary" and f["blocking"] for f in report.findings)


def test_override_with_reason_lets_the_page_through_and_the_expert_sees_it(tree, client):
    edit(tree.explainer, tree.editor, summary="本方法治愈率高达95%。")
    services.submit_for_review(tree.explainer, tree.editor)
    report = latest_report(tree.explainer)
    for f in report.findings:
        if f["blocking"]:
            override_finding(tree.explainer, tree.editor, f["rule"], f["field"], f["message"],
                             "引用指南原文中的统计数字，不是广告。")
    assert PageLogEntry.objects.filter(action="kepu.override", page=tree.explainer).exists()

    services.submit_for_review(tree.explainer, tree.editor)
    page = type(tree.explainer).objects.get(pk=tree.explainer.pk)
    task_state = page.current_workflow_task_state
    assert task_state is not None and task_state.task.specific.__class__.__name__ == "ExpertSignOffTask"

    client.force_login(tree.expert_user)
    response = client.get(f"/admin/kepu/review/sign-off/{task_state.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "引用指南原文中的统计数字" in html
    assert "Overridden" in html

    signoff = services.sign_off(page, tree.expert_user, PASSWORD, "无利益冲突。")
    assert signoff.revision_id == task_state.revision_id
