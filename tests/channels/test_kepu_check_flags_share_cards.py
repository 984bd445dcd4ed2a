"""`kepu check --site` flags a page whose share card is missing or not square."""

import shutil

from click.testing import CliRunner
from PIL import Image

from kepu.cli import main


def test_a_clean_build_passes_and_a_broken_card_blocks(built_site, tmp_path):
    content, output = built_site
    site = tmp_path / "site"
    shutil.copytree(output, site)
    ok = CliRunner().invoke(main, ["check", str(content), "--site", str(site), "-q"])
    assert ok.exit_code == 0, ok.output

    cards = sorted((site / "cards").glob("*.png"))
    cards[0].unlink()
    Image.new("RGB", (640, 320), "white").save(cards[1])
    bad = CliRunner().invoke(main, ["check", str(content), "--site", str(site)])
    assert bad.exit_code == 1
    assert "SHARE-CARD block" in bad.output
    assert "is missing" in bad.output and "must be square" in bad.output


def test_a_folder_that_is_not_a_site_is_refused(built_site, tmp_path):
    content, _ = built_site
    result = CliRunner().invoke(main, ["check", str(content), "--site", str(tmp_path)])
    assert result.exit_code == 1
    assert "not a built site" in result.output
