"""`kepu export` (ORM and --from-api against a live CMS) and `kepu publish` with a real build."""

import pytest
from click.testing import CliRunner

from .pagetree import sign


@pytest.fixture
def signed(tree):
    for page in (tree.hub, tree.explainer, tree.story):
        sign(page, tree)
    return tree


def test_kepu_export_prints_counts_and_a_second_run_writes_nothing(signed, tmp_path):
    from kepu.commands.export import command

    dest = tmp_path / "content"
    first = CliRunner().invoke(command, ["--content", str(dest)])
    assert first.exit_code == 0, first.output
    assert "3 pages:" in first.output and "0 removed" in first.output
    second = CliRunner().invoke(command, ["--content", str(dest)])
    assert "0 files written" in second.output


def test_kepu_export_exits_1_on_a_hash_mismatch(signed, tmp_path):
    from cms.review.models import SignOff
    from kepu.commands.export import command

    SignOff.objects.filter(page=signed.story).update(content_hash="sha256:x")
    result = CliRunner().invoke(command, ["--content", str(tmp_path / "c")])
    assert result.exit_code == 1 and "not what li-ming signed" in result.output


@pytest.mark.django_db(transaction=True)
def test_kepu_export_from_a_live_cms_over_http(live_server, settings, media_root, tmp_path):
    from cms.exporting.export import export_content
    from kepu.commands.export import command

    from .pagetree import build_tree

    tree = build_tree()
    for page in (tree.hub, tree.explainer, tree.story):
        sign(page, tree)
    settings.KEPU_API_TOKEN = "live-token"
    export_content(tmp_path / "orm")
    result = CliRunner().invoke(command, ["--content", str(tmp_path / "api"), "--from-api",
                                          f"{live_server.url}/api/kepu/", "--token", "live-token"])
    assert result.exit_code == 0, result.output
    files = {p.relative_to(tmp_path / "orm").as_posix(): p.read_bytes()
             for p in (tmp_path / "orm").rglob("*") if p.is_file()}
    assert files == {p.relative_to(tmp_path / "api").as_posix(): p.read_bytes()
                     for p in (tmp_path / "api").rglob("*") if p.is_file()}
    refused = CliRunner().invoke(command, ["--content", str(tmp_path / "x"), "--from-api",
                                           f"{live_server.url}/api/kepu/", "--token", "nope"])
    assert refused.exit_code == 2 and "refused the token" in refused.output


def test_kepu_publish_builds_the_signed_pages_into_the_site(signed, tmp_path):
    from kepu.commands.publish import command

    result = CliRunner().invoke(command, ["--content", str(tmp_path / "content"),
                                          "--output", str(tmp_path / "output")])
    assert result.exit_code == 0, result.output
    html = "\n".join(p.read_text(encoding="utf-8") for p in (tmp_path / "output").rglob("*.html"))
    assert "在家怎么量血压" in html and "王伯的降压故事" in html
    assert "timings: export" in result.output
