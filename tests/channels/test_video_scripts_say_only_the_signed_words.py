"""Short-video scripts and SRT subtitles come verbatim from the signed panels, stamped."""

import re

from kepu.channels.entries import entry_from_page
from kepu.channels.scripts import srt, timestamp
from tests.contentfactory import CHARACTERS, page

CUE = re.compile(r"(\d+)\n(\d{2}:\d{2}:\d{2},\d{3}) --> (\d{2}:\d{2}:\d{2},\d{3})\n(.+)", re.S)


def seconds(stamp: str) -> float:
    h, m, rest = stamp.split(":")
    s, ms = rest.split(",")
    return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def cues(text: str):
    blocks = [b for b in text.strip().split("\n\n") if b]
    parsed = []
    for block in blocks:
        match = CUE.fullmatch(block)
        assert match, f"not an SRT cue: {block!r}"
        parsed.append((int(match[1]), seconds(match[2]), seconds(match[3]), match[4]))
    return parsed


def test_srt_timing_is_valid_and_increasing(built_site):
    _, out = built_site
    for path in sorted(out.rglob("script.srt")):
        parsed = cues(path.read_text(encoding="utf-8"))
        assert [n for n, *_ in parsed] == list(range(1, len(parsed) + 1))
        previous_end = -1.0
        for _, start, end, _ in parsed:
            assert previous_end < start < end, path
            previous_end = end


def test_subtitles_are_the_signed_caption_and_bubbles_verbatim_then_the_stamp(built_site):
    _, out = built_site
    parsed = cues((out / "zh/gao-xue-ya/liang-xue-ya/script.srt").read_text(encoding="utf-8"))
    texts = [text for *_, text in parsed]
    assert texts[:3] == ["每天早晚各量一次血压。", "王伯：我的血压是150/95，要紧吗？",
                         "小护：要去医院复查，别自己停药。"]
    assert texts[-1].startswith("签发 #1 · sha256:") and "审核 李明 2026-01-15" in texts[-1]


def test_script_has_a_scene_per_panel_with_shown_and_said_and_the_full_hash(built_site):
    content, out = built_site
    import yaml

    meta = yaml.safe_load((content / "zh/gao-xue-ya/liang-xue-ya.md").read_text(encoding="utf-8").split("---")[1])
    script = (out / "zh/gao-xue-ya/liang-xue-ya/script.txt").read_text(encoding="utf-8")
    assert meta["signoff"]["content_hash"] in script
    assert "场景 1\n  画面：小护给王伯量血压\n  台词：旁白：每天早晚各量一次血压。\n" \
           "  台词：王伯：我的血压是150/95，要紧吗？\n  台词：小护：要去医院复查，别自己停药。" in script
    assert "https://kepu.example.org/zh/gao-xue-ya/liang-xue-ya/" in script
    assert not (out / "zh/gao-xue-ya/wang-bo-de-gu-shi/script.txt").exists()  # stories have no panels


def test_english_scripts_use_english_character_names():
    meta, body = page("explainer", lang="en", slug="bp", title="BP")
    meta["panels"][0]["bubbles"][0]["text"] = "Is 150/95 bad?"
    subtitles = srt(entry_from_page(meta, body), CHARACTERS)
    assert "Uncle Wang: Is 150/95 bad?" in subtitles


def test_long_videos_keep_the_hours_field():
    assert timestamp(3725.5) == "01:02:05,500"
