"""Publish on sign-off: one run at a time, triggers coalesce, failures are shown (issue 4.5)."""

import pytest

from .pagetree import sign


@pytest.fixture
def dirs(settings, tmp_path):
    settings.KEPU_CONTENT_DIR = tmp_path / "content"
    settings.KEPU_OUTPUT_DIR = tmp_path / "output"
    settings.KEPU_PUBLISH_ON_SIGNOFF = True
    settings.KEPU_DEPLOY_TARGET = ""
    return settings


@pytest.fixture
def fake_build(monkeypatch):
    """A stand-in for kepu.build.build_site that records calls (the real one is slow)."""
    import kepu.build

    calls = []

    class Report:
        def summary(self):
            return "built (fake)"

    def build_site(content_dir, output_dir, **kw):
        calls.append(sorted(p.name for p in (content_dir / "zh" / "gao-xue-ya").glob("*.md")))
        if hasattr(build_site, "during"):
            build_site.during()
        output_dir.mkdir(exist_ok=True)
        (output_dir / "index.html").write_text("site", encoding="utf-8")
        return Report()

    monkeypatch.setattr(kepu.build, "build_site", build_site)
    build_site.calls = calls
    return build_site


def test_a_signoff_signal_publishes_the_signed_page(tree, dirs, fake_build,
                                                    django_capture_on_commit_callbacks):
    from cms.exporting.models import PublishRun
    from cms.review.signals import publish_requested

    sign(tree.hub, tree)
    with django_capture_on_commit_callbacks(execute=True):
        publish_requested.send(sender=None, page=tree.hub, reason="signoff", user=tree.expert_user)
    [run] = PublishRun.objects.all()
    assert run.status == "succeeded" and run.pages == 1 and run.trigger == f"signoff: page {tree.hub.pk}"
    assert (dirs.KEPU_CONTENT_DIR / "zh/gao-xue-ya/index.md").is_file()
    assert "built (fake)" in run.log and fake_build.calls == [["index.md"]]


def test_triggers_during_a_run_coalesce_into_exactly_one_rerun(tree, dirs, fake_build,
                                                               django_capture_on_commit_callbacks):
    from cms.exporting.models import PublishRun
    from cms.exporting.tasks import request_publish

    sign(tree.hub, tree)

    def three_signoffs_meanwhile():
        del fake_build.during  # only during the first run
        sign(tree.explainer, tree)
        for _ in range(3):
            request_publish("signoff: meanwhile")

    fake_build.during = three_signoffs_meanwhile
    with django_capture_on_commit_callbacks(execute=True):
        request_publish("signoff: first")
    runs = list(PublishRun.objects.order_by("pk"))
    assert [(r.status, r.triggers) for r in runs] == [("succeeded", 1), ("succeeded", 3)]
    # the rerun saw the page signed during the first run
    assert fake_build.calls == [["index.md"], ["index.md", "liang-xue-ya.md"]]


def test_a_trigger_while_one_is_queued_joins_it(tree, dirs):
    from cms.exporting.models import PublishRun
    from cms.exporting.tasks import request_publish

    first = request_publish("a")  # on_commit never fires inside this test's transaction
    second = request_publish("b")
    assert first.pk == second.pk and second.triggers == 2
    assert PublishRun.objects.count() == 1


def test_a_failed_build_is_recorded_and_leaves_the_live_site(tree, dirs, fake_build, monkeypatch,
                                                             django_capture_on_commit_callbacks,
                                                             admin_client):
    import kepu.build
    from cms.exporting.models import PublishRun
    from cms.exporting.tasks import request_publish

    sign(tree.hub, tree)
    output = dirs.KEPU_OUTPUT_DIR
    output.mkdir(parents=True)
    (output / "index.html").write_text("live site", encoding="utf-8")

    def broken(content_dir, output_dir, **kw):
        raise RuntimeError("template error in page.html")

    monkeypatch.setattr(kepu.build, "build_site", broken)
    with django_capture_on_commit_callbacks(execute=True):
        request_publish("signoff: page 1")
    run = PublishRun.objects.get()
    assert run.status == "failed" and "template error" in run.error
    assert (output / "index.html").read_text(encoding="utf-8") == "live site"
    listing = admin_client.get("/admin/kepu/publish/")
    assert listing.status_code == 200
    assert "The latest publish failed" in listing.content.decode()
    detail = admin_client.get(f"/admin/kepu/publish/{run.pk}/")
    assert "template error in page.html" in detail.content.decode()


def test_an_export_refusal_fails_the_publish(tree, dirs, fake_build,
                                             django_capture_on_commit_callbacks):
    from cms.exporting.models import PublishRun
    from cms.exporting.tasks import request_publish
    from cms.review.models import SignOff

    sign(tree.hub, tree)
    SignOff.objects.update(content_hash="sha256:bad")
    with django_capture_on_commit_callbacks(execute=True):
        request_publish("signoff")
    run = PublishRun.objects.get()
    assert run.status == "failed" and run.error.startswith("export: export refused")
    assert fake_build.calls == []


def test_publish_on_signoff_can_be_switched_off(tree, dirs):
    from cms.exporting.models import PublishRun
    from cms.review.signals import publish_requested

    dirs.KEPU_PUBLISH_ON_SIGNOFF = False
    publish_requested.send(sender=None, page=tree.hub, reason="signoff", user=None)
    assert not PublishRun.objects.exists()


def test_publish_now_in_the_admin_queues_a_run(tree, dirs, admin_client):
    from cms.exporting.models import PublishRun

    response = admin_client.post("/admin/kepu/publish/now/")
    assert response.status_code == 302
    run = PublishRun.objects.get()
    assert run.trigger == "manual: admin" and run.requested_by.is_superuser
    assert "Publish runs" in admin_client.get("/admin/kepu/publish/").content.decode()


def test_editors_cannot_see_or_trigger_publishes(tree, dirs, client):
    client.force_login(tree.editor)
    assert client.get("/admin/kepu/publish/").status_code in (302, 403)
    assert client.post("/admin/kepu/publish/now/").status_code in (302, 403)
    from cms.exporting.models import PublishRun

    assert not PublishRun.objects.exists()


def test_publishers_see_the_publish_runs(tree, dirs, client):
    from django.contrib.auth.models import Group

    tree.editor.groups.add(Group.objects.get(name="Publisher"))
    client.force_login(tree.editor)
    assert client.get("/admin/kepu/publish/").status_code == 200
