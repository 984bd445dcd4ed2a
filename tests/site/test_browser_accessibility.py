"""In Chromium: zero axe-core WCAG 2.2 AA violations on every page type, reading settings
that persist (and work without JavaScript), the language switch, and visible keyboard focus."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGE_TYPES = {
    "language chooser": "/",
    "home zh": "/zh/",
    "home en": "/en/",
    "hub": "/zh/gao-xue-ya/",
    "explainer": "/zh/gao-xue-ya/liang-xue-ya/",
    "explainer en": "/en/gao-xue-ya/measuring-blood-pressure-at-home/",
    "sponsored explainer": "/zh/gao-xue-ya/shao-chi-yan/",
    "expired explainer": "/zh/gao-xue-ya/guo-qi-de-ye-mian/",
    "case story": "/zh/gao-xue-ya/wang-bo-de-gu-shi/",
    "expert": "/zh/experts/li-ming/",
    "experts": "/en/experts/",
    "a-z": "/zh/a-z/",
    "editorial policy": "/zh/editorial-policy/",
    "search": "/zh/search/",
    "withdrawn": "/zh/gao-xue-ya/che-hui-de-ye-mian/",
    "404": "/no/such/page/",
}


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [f"{v['id']}: {v['help']} → {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]]


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_no_axe_violations(page, site_url, name):
    page.goto(site_url + PAGE_TYPES[name])
    assert axe_violations(page) == []


@pytest.mark.parametrize("mode", ["large-text", "high-contrast"])
def test_no_axe_violations_in_reading_modes(page, site_url, mode):
    page.goto(site_url + "/zh/gao-xue-ya/liang-xue-ya/")
    page.click(f"[data-pref='{mode}']")
    assert axe_violations(page) == []


def root_font_px(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")


def test_large_text_persists_across_navigation(page, site_url):
    page.goto(site_url + "/zh/gao-xue-ya/liang-xue-ya/")
    assert root_font_px(page) == 18
    toggle = page.locator("[data-pref='large-text']")
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert root_font_px(page) == 22
    page.click("text=疾病 A–Z")
    page.wait_for_url("**/zh/a-z/")
    assert root_font_px(page) == 22
    assert page.locator("[data-pref='large-text']").get_attribute("aria-pressed") == "true"
    page.locator("[data-pref='large-text']").click()       # and off again, remembered too
    page.goto(site_url + "/zh/")
    assert root_font_px(page) == 18


def test_high_contrast_persists_across_navigation(page, site_url):
    page.goto(site_url + "/zh/")
    page.keyboard.press("Tab")
    page.locator("[data-pref='high-contrast']").press("Enter")
    page.goto(site_url + "/zh/gao-xue-ya/")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"


def test_reading_modes_work_without_javascript(chromium, site_url):
    context = chromium.new_context(java_script_enabled=False, contrast="more")
    try:
        page = context.new_page()
        page.goto(site_url + "/zh/gao-xue-ya/liang-xue-ya/")
        # The OS/browser "more contrast" setting is followed with no script at all.
        assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
        page.click("[data-pref='large-text']")               # a plain link to #large-text
        assert root_font_px(page) == 22
        assert page.locator("text=我的血压是150/95，要紧吗？").is_visible()
    finally:
        context.close()


def test_language_switch_goes_to_the_translation(page, site_url):
    page.goto(site_url + "/zh/gao-xue-ya/liang-xue-ya/")
    page.click("a.lang-switch")
    page.wait_for_url("**/en/gao-xue-ya/measuring-blood-pressure-at-home/")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.click("a.lang-switch")
    page.wait_for_url("**/zh/gao-xue-ya/liang-xue-ya/")
    assert page.evaluate("document.documentElement.lang") == "zh-CN"


def test_keyboard_focus_is_visible(page, site_url):
    page.goto(site_url + "/zh/gao-xue-ya/liang-xue-ya/")
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => { const el = document.activeElement, s = getComputedStyle(el),
        r = el.getBoundingClientRect();
        return {text: el.textContent, outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
                top: r.top, height: r.height}; }""")
    assert focused["text"] == "跳到正文"
    assert focused["outline"] != "none" and focused["width"] >= 2 and focused["top"] >= 0
    page.keyboard.press("Enter")                               # skip link moves focus to main
    assert page.evaluate("document.activeElement.id") == "main"
    for _ in range(4):
        page.keyboard.press("Tab")
        style = page.evaluate("() => { const s = getComputedStyle(document.activeElement);"
                              " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }")
        assert style[0] != "none" and style[1] >= 2


def test_tap_targets_are_at_least_44px(page, site_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "/zh/")
    small = page.evaluate("""() => [...document.querySelectorAll(
        '.site-header a:not(.skip-link), .site-header button, .site-header input')]
        .map(el => [el.textContent.trim() || el.name, el.getBoundingClientRect().height])
        .filter(([, h]) => h < 44)""")
    assert small == []
