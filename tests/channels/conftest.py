from __future__ import annotations

import pytest

from .sample import build, write_sample


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """(content dir, output dir) of one real Pelican build of the sample tree."""
    root = tmp_path_factory.mktemp("channels-site")
    content = write_sample(root / "content")
    out = root / "output"
    build(content, out)
    return content, out


@pytest.fixture(scope="session", autouse=True)
def private_var_dir(tmp_path_factory):
    """Image caches (var/cache/channels) go to a temp folder, never into the repo."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KEPU_VAR_DIR", str(tmp_path_factory.mktemp("var")))
        yield
