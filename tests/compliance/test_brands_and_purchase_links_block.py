import pytest

from kepu.compliance import default_brands, load_brands

from .helpers import body_rules, findings_for


def test_brand_from_configured_list_blocks_and_generic_name_passes(tmp_path):
    brands_file = tmp_path / "brands.txt"
    brands_file.write_text("# our list\n康乐牌降压片\n\nHeartWell  # English trade name\n",
                           encoding="utf-8")
    brands = load_brands(brands_file)
    assert brands == ["康乐牌降压片", "HeartWell"]
    hit = [f for f in findings_for(body="可以试试康乐牌降压片。", brands=brands)
           if f.rule == "BRAND-NAME"]
    assert hit and hit[0].severity == "block" and hit[0].field == "body"
    assert "BRAND-NAME" in body_rules("Ask about heartwell tablets.", brands=brands)
    assert "BRAND-NAME" not in body_rules("氨氯地平是一种常用降压药。", brands=brands)
    # Whole words only for Latin names.
    assert "BRAND-NAME" not in body_rules("heartwellness is not a brand", brands=brands)


def test_shipped_example_list_is_the_default(monkeypatch, tmp_path):
    monkeypatch.delenv("KEPU_BRANDS_FILE", raising=False)
    assert "络活喜" in default_brands()
    own = tmp_path / "b.txt"
    own.write_text("示例牌\n", encoding="utf-8")
    monkeypatch.setenv("KEPU_BRANDS_FILE", str(own))
    assert default_brands() == ["示例牌"]


@pytest.mark.parametrize("text", [
    "扫码购买同款血压计。",
    "加微信购买，量大从优。",
    "购买链接见评论区。",
    "详情见 https://item.taobao.com/item.htm?id=123 。",
    "京东搜索“降压茶”即可。",
    "jd.com/product/123.html",
    "订购热线：400-123-4567",
    "加我微信 kangle_health01 了解。",
    "扫描下方二维码即可下单。",
    "Buy now at our store.",
])
def test_purchase_prompts_and_shop_links_block(text):
    findings = findings_for(body=text)
    hits = [f for f in findings if f.rule == "PURCHASE-LINK"]
    assert len(hits) == 1, [str(f) for f in hits]
    assert hits[0].severity == "block"
    assert "互联网广告管理办法 Art. 8" in hits[0].message


@pytest.mark.parametrize("text", [
    "指南全文见 https://www.nhc.gov.cn/guide.html 。",
    "胸痛时立即拨打 120。",
    "血压计在药店和医院都能买到，选上臂式的。",
    "关注我们的公众号获取更多科普。",
])
def test_health_links_and_advice_are_not_purchase_prompts(text):
    assert "PURCHASE-LINK" not in body_rules(text)


def test_shop_link_in_a_reference_is_caught():
    refs = [{"title": "血压计说明", "url": "https://detail.tmall.com/item.htm?id=9"}]
    hits = [f for f in findings_for(references=refs) if f.rule == "PURCHASE-LINK"]
    assert [f.field for f in hits] == ["references.0.url"]
