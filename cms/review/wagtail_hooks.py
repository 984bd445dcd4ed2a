"""Admin wiring of review & sign-off: log actions, URLs, menu, page buttons."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem, SubmenuMenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter

from . import urls
from .eligibility import can_sign
from .models import ExpertSignOffTask
from .signoffs import is_withdrawn


@hooks.register("register_log_actions")
def register_kepu_log_actions(actions):
    class KepuFormatter(LogFormatter):
        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("reason", "")

    @actions.register_action("kepu.signoff")
    class SignOffFormatter(KepuFormatter):
        label = "签发 Sign-off"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return (f"Signed off revision #{data.get('revision_id')} by {data.get('expert')} "
                    f"({data.get('specialty')}); next review {data.get('next_review')}")

    @actions.register_action("kepu.revoke")
    class RevokeFormatter(KepuFormatter):
        label = "撤销签发 Revoke sign-off"

        def format_message(self, log_entry):
            return f"Revoked sign-off #{(log_entry.data or {}).get('signoff_id')}"

    @actions.register_action("kepu.withdraw")
    class WithdrawFormatter(KepuFormatter):
        label = "撤回 Withdraw"
        message = "Withdrawn from the site, feeds, search and short links"

    @actions.register_action("kepu.lift_withdrawal")
    class LiftFormatter(KepuFormatter):
        label = "解除撤回 Lift withdrawal"
        message = "Withdrawal lifted; a new sign-off is needed to publish"

    @actions.register_action("kepu.override")
    class OverrideFormatter(KepuFormatter):
        label = "合规例外 Compliance override"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return f"Overrode {data.get('rule')} [{data.get('field')}]"


@hooks.register("register_admin_urls")
def register_review_urls():
    return [path("kepu/review/", include(urls, namespace="kepu_review"))]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_review_menu():
    from wagtail.admin.menu import Menu

    menu = Menu(items=[
        PermissionMenuItem("签发记录 Sign-offs", reverse("kepu_review:signoffs"), icon_name="tick-inverse",
                           permission="review.view_signoff", order=100),
        PermissionMenuItem("审计日志 Audit log", reverse("kepu_review:audit"), icon_name="history",
                           permission="review.export_audit_log", order=200),
    ])
    return SubmenuMenuItem("审核 Review", menu, icon_name="tick-inverse", name="kepu-review", order=250)


def _signoff_task_state(page):
    task_state = page.current_workflow_task_state
    if task_state and isinstance(task_state.task.specific, ExpertSignOffTask):
        return task_state
    return None


class SignOffLinkMenuItem(ActionMenuItem):
    """In the page editor, the expert's way to the sign-off page (the page is locked for them)."""

    label = "审核并签发… Review & sign off…"
    name = "action-kepu-signoff"
    icon_name = "tick-inverse"

    def is_shown(self, context):
        page = context.get("page")
        if context["view"] != "edit" or page is None:
            return False
        return _signoff_task_state(page) is not None and can_sign(page, context["request"].user)

    def get_url(self, parent_context):
        return reverse("kepu_review:signoff", args=(_signoff_task_state(parent_context["page"]).pk,))


@hooks.register("register_page_action_menu_item")
def register_signoff_menu_item():
    return SignOffLinkMenuItem(order=5)


class WithdrawButton(PageMenuItem):
    label = "撤回… Withdraw…"
    icon_name = "warning"

    def is_shown(self, user):
        return (user.has_perm("review.add_withdrawal") and hasattr(self.page.specific_class, "kepu_type")
                and not is_withdrawn(self.page))

    @property
    def url(self):
        return reverse("kepu_review:withdraw", args=(self.page.pk,))


class LiftWithdrawalButton(PageMenuItem):
    label = "解除撤回… Lift withdrawal…"
    icon_name = "undo"

    def is_shown(self, user):
        return user.has_perm("review.change_withdrawal") and is_withdrawn(self.page)

    @property
    def url(self):
        return reverse("kepu_review:lift", args=(self.page.pk,))


class SignOffButton(PageMenuItem):
    label = "审核并签发… Review & sign off…"
    icon_name = "tick-inverse"

    def is_shown(self, user):
        return _signoff_task_state(self.page) is not None and can_sign(self.page, user)

    @property
    def url(self):
        return reverse("kepu_review:signoff", args=(_signoff_task_state(self.page).pk,))


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name, next_url=None):
    yield SignOffButton(page=page, priority=5)
    yield WithdrawButton(page=page, priority=80)
    yield LiftWithdrawalButton(page=page, priority=81)


@hooks.register("register_page_listing_more_buttons")
def page_listing_more_buttons(page, user, next_url=None):
    yield WithdrawButton(page=page, priority=45)
    yield LiftWithdrawalButton(page=page, priority=46)
