"""The sign-off page in the admin: password re-entry, refusals, reject, and the way there."""

import pytest
from wagtail.models import TaskState

from cms.review import services
from cms.review.models import SignOff

from .tree import PASSWORD


@pytest.fixture
def awaiting(tree):
    services.submit_for_review(tree.explainer, tree.editor)
    page = type(tree.explainer).objects.get(pk=tree.explainer.pk)
    tree.task_state = page.current_workflow_task_state
    tree.url = f"/admin/kepu/review/sign-off/{tree.task_state.pk}/"
    return tree


def _form(password, **extra):
    return {"action-sign": "1", "password": password, "meaning": "我已审核本内容的医学准确性。",
            "declaration": "无利益冲突。", "next_review": "2029-06-30", "comment": "", **extra}


def test_wrong_password_shows_a_form_error_and_signs_nothing(awaiting, client):
    client.force_login(awaiting.expert_user)
    response = client.post(awaiting.url, _form("guess"))
    assert response.status_code == 200
    assert "Wrong password" in response.content.decode()
    assert not SignOff.objects.exists()


def test_expert_signs_with_password_and_chosen_next_review(awaiting, client):
    client.force_login(awaiting.expert_user)
    page = client.get(awaiting.url).content.decode()
    assert 'type="password"' in page and "无利益冲突" in page  # declaration prefilled from the profile
    default = services.default_next_review(awaiting.explainer)
    assert f'value="{default.isoformat()}"' in page  # <input type=date> needs ISO dates
    response = client.post(awaiting.url, _form(PASSWORD))
    assert response.status_code == 302
    signoff = SignOff.objects.get()
    assert signoff.revision_id == awaiting.task_state.revision_id
    assert signoff.next_review.isoformat() == "2029-06-30"
    listing = client.get("/admin/kepu/review/sign-offs/").content.decode()
    assert "高血压怎么办" in listing and "李明" in listing


def test_other_specialty_sees_the_refusal_and_cannot_post(awaiting, client):
    client.force_login(awaiting.other_expert_user)
    page = client.get(awaiting.url).content.decode()
    assert "does not hold the page" in page
    assert "data-kepu-signoff-form" not in page
    response = client.post(awaiting.url, _form(PASSWORD))
    assert response.status_code in (302, 403)
    assert not SignOff.objects.exists()


def test_request_changes_from_the_signoff_page(awaiting, client):
    client.force_login(awaiting.expert_user)
    response = client.post(awaiting.url, {"action-reject": "1", "comment": "第二格的说法不准确。"})
    assert response.status_code == 302
    state = TaskState.objects.get(pk=awaiting.task_state.pk)
    assert state.status == TaskState.STATUS_REJECTED and state.comment == "第二格的说法不准确。"


def test_expert_finds_the_page_on_the_dashboard_and_in_the_editor(awaiting, client):
    client.force_login(awaiting.expert_user)
    dashboard = client.get("/admin/").content.decode()
    assert "高血压怎么办" in dashboard
    editor = client.get(f"/admin/pages/{awaiting.explainer.pk}/edit/").content.decode()
    assert awaiting.url in editor, "the locked editor offers the way to the sign-off page"
    modal = client.get(f"/admin/pages/workflow/action/{awaiting.explainer.pk}/approve/{awaiting.task_state.pk}/")
    assert awaiting.url in modal.json()["html"]


def test_wagtail_approve_action_without_password_is_refused(awaiting, client):
    client.force_login(awaiting.expert_user)
    url = f"/admin/pages/workflow/action/{awaiting.explainer.pk}/approve/{awaiting.task_state.pk}/"
    client.post(url, {"password": "", "declaration": "x", "meaning": "m", "next_review": "2029-01-01"})
    assert not SignOff.objects.exists()
