"""Admin wiring of publishing: the publish-run report and its menu item."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls


@hooks.register("register_admin_urls")
def register_publish_urls():
    return [path("kepu/publish/", include(admin_urls, namespace="kepu_publish"))]


class PublishRunsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("exporting.view_publishrun")


@hooks.register("register_admin_menu_item")
def register_publish_menu():
    return PublishRunsMenuItem("发布记录 Publish runs", reverse("kepu_publish:runs"),
                               icon_name="upload", order=9000)
