"""Admin wiring of compliance: the findings page and its button on every kepu page."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from . import urls


@hooks.register("register_admin_urls")
def register_compliance_urls():
    return [path("kepu/compliance/", include(urls, namespace="kepu_compliance"))]


class FindingsButton(PageMenuItem):
    label = "合规检查 Compliance checks"
    icon_name = "warning"

    def is_shown(self, user):
        return (hasattr(self.page.specific_class, "kepu_type")
                and self.page.permissions_for_user(user).can_edit())

    @property
    def url(self):
        return reverse("kepu_compliance:page", args=(self.page.pk,))


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name, next_url=None):
    yield FindingsButton(page=page, priority=70)
