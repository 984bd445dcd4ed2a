"""In Chromium: an editor writes an explainer with a comic panel and submits it;
the expert signs it off in the admin with their password."""

import importlib

import pytest

from .tree import PASSWORD, build_tree


def _ensure_roles_and_workflow():
    """Put back what migrations created if an earlier transactional test flushed it."""
    from django.apps import apps
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, Locale, Page

    from cms.review.services import ensure_review_workflow

    if not Locale.objects.exists():
        Locale.objects.create(language_code="zh-hans")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.objects.first()))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if not Group.objects.filter(name="Editor").exists():
        migration = importlib.import_module("cms.review.migrations.0003_roles_and_workflow")
        migration.create_roles(apps, None)
    ensure_review_workflow()


def _login(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_editor_creates_and_submits_expert_signs_with_password(live_server, page, settings):
    from cms.content.models import Explainer
    from cms.review.models import SignOff

    # The live server shares the test's in-memory SQLite connection across its
    # request threads; autosave requests racing the submit would collide on it.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    _ensure_roles_and_workflow()
    tree = build_tree()
    base = live_server.url
    page.set_default_timeout(20_000)

    _login(page, base, "editor")
    page.goto(f"{base}/admin/pages/add/content/explainer/{tree.hub.pk}/")
    page.fill("#id_title", "血压计怎么选")
    page.fill("#id_summary", "选上臂式电子血压计，袖带大小合适。")

    panels = page.locator("[data-contentpath=panels]")
    panels.locator("button[title]").filter(has=page.locator("svg")).first.click()
    panels.locator("[data-chooser-action-choose]").first.click()
    page.locator(".modal-dialog a[data-chooser-modal-choice], .modal-dialog a.image-choice").first.click()
    page.wait_for_selector("#panels-0-value-alt")
    page.fill("#panels-0-value-alt", "小护拿着一台上臂式血压计")
    page.fill("#panels-0-value-caption", "上臂式比手腕式更准。")
    bubbles = page.locator("[data-contentpath=bubbles]")
    bubbles.locator("button").filter(has=page.locator("svg")).first.click()
    page.fill("#panels-0-value-bubbles-0-value-text", "袖带要和手臂粗细相配。")

    references = page.locator("[data-contentpath=references]")
    references.locator("button[title]").filter(has=page.locator("svg")).first.click()
    page.fill("#references-0-value-title", "中国家庭血压监测指南")

    page.locator("footer [data-w-dropdown-target=toggle], footer .dropdown-toggle").first.click()
    page.click("button[name=action-submit]")
    page.wait_for_url(lambda url: "/edit/" in url or "/pages/" in url)

    created = Explainer.objects.get(title="血压计怎么选")
    assert created.slug == "xue-ya-ji-zen-me-xuan"
    assert created.current_workflow_task is not None, "submitted and past the checks"

    page.context.clear_cookies()
    _login(page, base, "drli")
    page.goto(f"{base}/admin/pages/{created.pk}/edit/")
    page.locator("a[href*='/admin/kepu/review/sign-off/']").first.click()
    page.wait_for_selector("[data-kepu-signoff-form]")
    page.fill("#id_password", "wrong-password")
    page.click("button[name=action-sign]")
    page.wait_for_selector("text=Wrong password")
    assert not SignOff.objects.exists()

    page.fill("#id_password", PASSWORD)
    page.click("button[name=action-sign]")
    page.wait_for_url(f"{base}/admin/kepu/review/sign-offs/")
    assert page.locator("[data-kepu-signoffs]").inner_text().count("血压计怎么选") == 1

    signoff = SignOff.objects.get()
    created.refresh_from_db()
    assert signoff.revision_id == created.live_revision_id
    assert signoff.revision.as_object().panels[0].value["bubbles"][0]["text"] == "袖带要和手臂粗细相配。"
