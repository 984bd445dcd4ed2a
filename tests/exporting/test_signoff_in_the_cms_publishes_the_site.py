"""The demo promise: an expert signs off, and the page is on the built site with no manual step."""

import pytest


@pytest.fixture
def world(db, media_root, settings, tmp_path):
    from tests.integrity.world import World

    settings.KEPU_CONTENT_DIR = tmp_path / "content"
    settings.KEPU_OUTPUT_DIR = tmp_path / "output"
    settings.KEPU_DEPLOY_TARGET = ""
    settings.KEPU_PUBLISH_ON_SIGNOFF = False  # the base world is signed before we watch
    world = World(World.create_base())
    settings.KEPU_PUBLISH_ON_SIGNOFF = True
    return world


def _site_text(settings) -> str:
    return "\n".join(p.read_text(encoding="utf-8")
                     for p in settings.KEPU_OUTPUT_DIR.rglob("*.html"))


def test_signing_off_publishes_and_withdrawing_removes(world, settings,
                                                      django_capture_on_commit_callbacks):
    from cms.exporting.models import PublishRun

    slot = world.create("case_story")
    title_marker = min(world.slots[slot].markers)  # the first marker is in the title
    with django_capture_on_commit_callbacks(execute=True):
        world.sign(slot)
    run = PublishRun.objects.get()
    assert run.status == "succeeded", run.error + run.log
    assert title_marker in _site_text(settings)

    with django_capture_on_commit_callbacks(execute=True):
        world.withdraw(slot)
    assert PublishRun.objects.filter(status="succeeded").count() == 2
    site = _site_text(settings)
    assert title_marker not in site
    assert "withdrawn for review" in site or "已撤回" in site
