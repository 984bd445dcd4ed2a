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
    assert segno.make_qr(f"{SITEURL}/s/c103/", error="m", boost_error=True, mask=qr.MASK).matrix == \
        qr.make(f"{SITEURL}/s/c103/").matrix


def test_qr_files_are_what_segno_draws_and_every_code_scans():
    """kepu writes the SVG and PNG itself (faster than segno's writers) and fixes the
    mask; the files must still be segno's drawing of the code, and decode."""
    import io

    from kepu.channels import qr

    for url in [f"{SITEURL}/s/{code}/" for code in ("c103", "x7k2m", "zz9q4", "a2b3c")] + [
            f"{SITEURL}/zh/channels/wechat-tnb-beijing/?utm_source=wechat&utm_medium=group"]:
        code, files = qr.make(url), qr.render(url, "标题 <&>")
        assert code.mask == qr.MASK
        for scale, omitsize, mine in ((4, False, files.svg), (1, True, files.inline.encode())):
            theirs = io.BytesIO()
            code.save(theirs, kind="svg", scale=scale, border=qr.BORDER, xmldecl=False,
                      title="标题 <&>", svgclass="qr", lineclass=None, omitsize=omitsize)
            assert mine == theirs.getvalue()
        with Image.open(io.BytesIO(files.png)) as img:
            size = len(code.matrix) + 2 * qr.BORDER
            assert img.size == (size * qr.SCALE_PNG,) * 2
            # Every module is a SCALE_PNG-pixel square of the right colour.
            small = img.convert("L").resize((size, size), Image.NEAREST)
            assert [small.getpixel((x + qr.BORDER, y + qr.BORDER)) == 0
                    for y in range(len(code.matrix)) for x in range(len(code.matrix))] == \
                [bool(m) for row in code.matrix for m in row]
            assert zxingcpp.read_barcodes(img)[0].text == url


def test_qr_png_is_large_enough_to_print_and_scan(built_site):
    _, out = built_site
    with Image.open(out / "qr/c103.png") as img:
        assert img.width == img.height >= 290
