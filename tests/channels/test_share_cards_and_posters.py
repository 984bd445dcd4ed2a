"""Share cards (og:image) are square, big enough, light enough; posters print on A4."""

import re

from PIL import Image

from kepu.channels.sharecard_check import check_share_cards
from kepu.channels.sharecards import render_card

from .sample import SITEURL


def test_every_content_page_declares_its_own_square_card(built_site):
    _, out = built_site
    html = (out / "zh/gao-xue-ya/liang-xue-ya/index.html").read_text(encoding="utf-8")
    assert f'<meta property="og:image" content="{SITEURL}/cards/c103.png">' in html
    for card in sorted((out / "cards").glob("*.png")):
        with Image.open(card) as img:
            assert img.format == "PNG" and img.width == img.height >= 300
        assert card.stat().st_size < 300_000


def test_the_check_passes_on_a_good_build(built_site):
    _, out = built_site
    assert check_share_cards(out, SITEURL) == []


def test_the_check_flags_missing_small_and_oversized_cards(built_site, tmp_path):
    _, out = built_site
    import shutil

    site = tmp_path / "site"
    shutil.copytree(out, site)
    (site / "cards/c103.png").unlink()
    Image.new("RGB", (200, 100)).save(site / "cards/c105.png")
    big = Image.frombytes("RGB", (700, 700), bytes(range(256)) * (700 * 700 * 3 // 256) + b"\0" * (700 * 700 * 3 % 256))
    big.save(site / "cards/t201.png", compress_level=0)
    problems = {(p.path, p.severity, p.message.split(" is ")[-1][:12]) for p in check_share_cards(site, SITEURL)}
    messages = "\n".join(str(p) for p in check_share_cards(site, SITEURL))
    assert "zh/gao-xue-ya/liang-xue-ya/index.html: SHARE-CARD error: share card c103.png is missing" in messages
    assert "c105.png is 200×100; it must be square" in messages
    assert "c105.png is 200×100; it must be at least 300 px" in messages
    assert re.search(r"t201\.png is [\d,]+ bytes \(limit 300,000\)", messages)
    assert any(sev == "warning" for _, sev, _ in problems)


def test_a_card_fits_a_long_chinese_title_and_is_deterministic():
    title = "长标题" * 30
    first = render_card(title, "摘要" * 50, "审核：李明，2026-01-15", "科普")
    assert first == render_card(title, "摘要" * 50, "审核：李明，2026-01-15", "科普")


def test_explainer_poster_has_title_summary_qr_and_signoff_on_a4(built_site):
    _, out = built_site
    poster = (out / "zh/gao-xue-ya/liang-xue-ya/poster.html").read_text(encoding="utf-8")
    assert "<h1>在家怎么量血压</h1>" in poster
    assert '<p class="summary">血压长期高于正常范围。</p>' in poster
    assert '<svg xmlns="http://www.w3.org/2000/svg" viewBox=' in poster
    assert f"{SITEURL}/s/c103/" in poster
    assert "审核：李明（主任医师，示例市第一人民医院），2026-01-15" in poster
    assert "@page { size: A4 portrait" in poster


def test_channel_poster_and_page_show_the_channel_qr_digest_and_feeds(built_site):
    _, out = built_site
    poster = (out / "zh/channels/wechat-tnb-beijing/poster.html").read_text(encoding="utf-8")
    assert "<h1>北京糖友群</h1>" in poster and "utm_source=wechat" in poster
    page = (out / "zh/channels/wechat-tnb-beijing/index.html").read_text(encoding="utf-8")
    assert '<img src="/qr/channel/wechat-tnb-beijing.svg"' in page
    assert '<section class="digest" data-date="2026-03-01">' in page
    assert f"{SITEURL}/feeds/channel/wechat-tnb-beijing.atom.xml" in page
    assert 'href="/zh/channels/wechat-tnb-beijing/poster.html"' in page
    index = (out / "zh/channels/index.html").read_text(encoding="utf-8")
    assert 'href="/zh/channels/douyin-xinzang/"' in index


def test_a_raster_panel_fills_the_top_half_and_the_text_sits_below(tmp_path):
    import io

    panel = tmp_path / "panel.jpg"
    Image.new("RGB", (1600, 1200), (200, 30, 30)).save(panel, quality=95)
    with Image.open(io.BytesIO(render_card("测量血压", "早晚各一次。", "审核：李明，2026-01-15", "科普",
                                           panel=panel))) as card:
        assert card.format == "PNG" and card.size == (600, 600)
        red = card.convert("RGB").getpixel((300, 150))
        assert red[0] > 180 and red[1] < 60                       # the panel, cropped to the band
        assert card.convert("RGB").getpixel((5, 400)) == (253, 250, 243)   # paper below it


def test_card_text_is_drawn_in_the_theme_colours():
    import io

    with Image.open(io.BytesIO(render_card("高血压", "摘要", "审核：李明", "科普"))) as card:
        colours = {c for _, c in card.convert("RGB").getcolors(4096)}
    assert {(11, 92, 173), (17, 17, 17), (253, 250, 243), (255, 255, 255), (60, 60, 60)} <= colours
