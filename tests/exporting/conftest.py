import pytest


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded illustrations go to a temp folder, never into the repo."""
    settings.MEDIA_ROOT = tmp_path / "cms-media"
    return settings.MEDIA_ROOT


@pytest.fixture
def tree(db, media_root):
    from .pagetree import build_tree

    return build_tree()


@pytest.fixture(autouse=True)
def _build_state_in_tmp(monkeypatch, tmp_path):
    """A real build writes its search index under var/: keep it in the test's temp folder."""
    monkeypatch.setenv("KEPU_SEARCH_INDEX_DIR", str(tmp_path / "search-index"))
    monkeypatch.setenv("KEPU_VAR_DIR", str(tmp_path / "var"))
