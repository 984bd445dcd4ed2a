"""QR codes decode back to exactly the short link (or the channel's tagged page)."""

from pathlib import Path

import segno
import zxingcpp
from PIL import Image

from .sample import SITEURL


def decode(path: Path) -> str:
    with Image.open(path) as img:
        results = zxingcpp.read_barcodes(img)
    assert len(results) == 1, path
    return results[0].text


def test_every_page_qr_png_decodes_to_its_short_link(built_site):
    _, out = built_site
    pngs = sorted((out / "qr").glob("*.png"))
    assert len(pngs) >= 9
    for png in pngs:
        assert decode(png) == f"{SITEURL}/s/{png.stem}/"
        assert png.with_suffix(".svg").is_file()


def test_channel_qr_decodes_to_the_channel_page_with_campaign_tags(built_site):
    _, out = built_site
    assert decode(out / "qr/channel/wechat-tnb-beijing.png") == (
        f"{SITEURL}/zh/channels/wechat-tnb-beijing/?utm_source=wechat&utm_medium=group"
        "&utm_campaign=tnb-bj&utm_content=assistant")


def test_svg_matrix_matches_a_fresh_encoding_of_the_url(built_site):
    _, out = built_site
    svg = (out / "qr/c103.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "<title>在家怎么量血压</title>" in svg
    # The same URL always encodes to the same symbol: the path data is the matrix.
    from kepu.channels import qr

    assert qr.svg(f"{SITEURL}/s/c103/", "在家怎么量血压").decode() == svg
    assert segno.make_qr(f"{SITEURL}/s/c103/", error="m", boost_error=True).matrix == \
        qr.make(f"{SITEURL}/s/c103/").matrix


def test_qr_png_is_large_enough_to_print_and_scan(built_site):
    _, out = built_site
    with Image.open(out / "qr/c103.png") as img:
        assert img.width == img.height >= 290
