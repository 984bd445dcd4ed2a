"""Who can edit, submit, publish, sign and withdraw — the roles created by migration."""

import pytest
from django.contrib.auth.models import Group

from cms.review import services
from cms.review.eligibility import can_sign


def test_the_four_roles_exist(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Editor", "Expert", "Publisher", "Administrator"} <= names


@pytest.mark.parametrize("who, edit, submit, publish, withdraw", [
    ("editor", True, True, False, False),
    ("expert_user", False, False, False, False),
    ("publisher", True, True, False, True),
])
def test_page_permissions_by_role(tree, who, edit, submit, publish, withdraw):
    user = getattr(tree, who)
    perms = tree.explainer.permissions_for_user(user)
    assert perms.can_edit() is edit
    assert services.may_submit(tree.explainer, user) is submit
    assert perms.can_publish() is publish, "publishing happens only through sign-off"
    assert user.has_perm("review.add_withdrawal") is withdraw


def test_only_the_qualified_expert_can_sign(tree):
    services.submit_for_review(tree.explainer, tree.editor)
    page = type(tree.explainer).objects.get(pk=tree.explainer.pk)
    assert can_sign(page, tree.expert_user)
    for user in (tree.editor, tree.other_expert_user, tree.publisher):
        assert not can_sign(page, user)


def test_editor_cannot_submit_without_permission(tree):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.submit_for_review(tree.explainer, tree.expert_user)


def test_publishers_manage_channels_and_people_editors_only_view(tree):
    assert tree.publisher.has_perm("channels.change_channel")
    assert tree.publisher.has_perm("people.add_expert")
    assert not tree.editor.has_perm("channels.change_channel")
    assert tree.editor.has_perm("people.view_character")


def _denied(response):
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with a message.
    return response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")


def test_admin_pages_respect_roles(tree, client):
    client.force_login(tree.editor)
    assert client.get(f"/admin/pages/{tree.explainer.pk}/edit/").status_code == 200
    assert _denied(client.get(f"/admin/kepu/review/pages/{tree.explainer.pk}/withdraw/"))
    assert _denied(client.get("/admin/kepu/review/audit/"))
    client.force_login(tree.expert_user)
    assert _denied(client.get(f"/admin/pages/{tree.explainer.pk}/edit/"))
    client.force_login(tree.publisher)
    assert client.get(f"/admin/kepu/review/pages/{tree.explainer.pk}/withdraw/").status_code == 200
    assert client.get("/admin/snippets/channels/channel/").status_code == 200
