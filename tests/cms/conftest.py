import os

import pytest

# Playwright's sync API keeps an event loop running in the test thread for the
# whole session (the chromium fixture); Django's async-safety guard would then
# refuse every later database call made by the tests themselves.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session", autouse=True)
def _media_in_tmp(tmp_path_factory):
    """Uploaded images go to a temp folder, never into the repo (also for setUpTestData)."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("cms-media"))):
        yield


@pytest.fixture
def tree(db):
    from .tree import build_tree

    return build_tree()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run this folder's live-server browser test last in the session.

    Its transactional database is flushed afterwards (migration data included);
    it restores what it needs itself (serialized_rollback), but a later
    transactional test elsewhere might not.
    """
    last = [i for i in items if i.nodeid.startswith("tests/cms/") and "live_server" in getattr(i, "fixturenames", ())]
    if last:
        items[:] = [i for i in items if i not in last] + last
