"""Short-video scripts and subtitles, made only from the signed panels.

A video made from a channel's script can only say what the expert approved:
every spoken line is a panel caption or speech bubble copied verbatim from the
signed page file, and both outputs are stamped with the sign-off id and the
content hash, so anyone can check a script against the page's sign-off record
(shown on the page and in /api/pages/<id>.json).

Timing is an estimate for narration pace (Chinese ~4 characters a second,
English ~2.5 words a second, at least 1.5 s a line); editors retime in their
video tool, the words stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .entries import Entry

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
MIN_SECONDS = 1.5
GAP_SECONDS = 0.2

LABELS = {
    "zh": {"scene": "场景", "shown": "画面", "said": "台词", "narrator": "旁白",
           "title": "短视频脚本", "reviewed": "审核", "signoff": "签发",
           "rule": "只可使用以下经专家审核的原文；如需改动，须重新送审。"},
    "en": {"scene": "Scene", "shown": "Shown", "said": "Said", "narrator": "Narrator",
           "title": "Short-video script", "reviewed": "Reviewed by", "signoff": "Sign-off",
           "rule": "Use only the reviewed wording below; any change needs a new review."},
}


@dataclass(frozen=True)
class Line:
    speaker: str   # "" for the narrator (the panel caption)
    text: str


@dataclass(frozen=True)
class Scene:
    number: int
    shown: str
    lines: tuple[Line, ...]


def scenes(entry: Entry, characters: dict[str, dict] | None = None) -> list[Scene]:
    """One scene per panel: shown = the alt text, said = caption then bubbles."""
    characters = characters or {}
    out = []
    for n, panel in enumerate(entry.meta.get("panels") or [], 1):
        lines = []
        caption = str(panel.get("caption") or "").strip()
        if caption:
            lines.append(Line("", caption))
        for bubble in panel.get("bubbles") or []:
            text = str(bubble.get("text") or "").strip()
            if text:
                lines.append(Line(character_name(bubble.get("character"), characters, entry.lang), text))
        out.append(Scene(n, str(panel.get("alt") or "").strip(), tuple(lines)))
    return out


def character_name(slug, characters: dict[str, dict], lang: str) -> str:
    if not slug:
        return ""
    info = characters.get(slug) or {}
    if lang == "en":
        return str(info.get("name_en") or info.get("name") or slug)
    return str(info.get("name") or slug)


def stamp(entry: Entry, short: bool = False) -> str:
    """``签发 #<id> · sha256:<hash> · 审核 <expert> <date>``. ``short`` keeps 12 hex
    digits of the hash: enough to match the record, short enough for a subtitle."""
    words = LABELS.get(entry.lang, LABELS["zh"])
    reviewed = entry.reviewed.isoformat() if entry.reviewed else ""
    digest = entry.content_hash
    if short and ":" in digest:
        algo, _, hexdigits = digest.partition(":")
        digest = f"{algo}:{hexdigits[:12]}"
    return (f"{words['signoff']} #{entry.signoff_id} · {digest} · "
            f"{words['reviewed']} {entry.reviewer} {reviewed}".strip())


def script_text(entry: Entry, characters: dict[str, dict] | None = None,
                page_url: str | None = None) -> str:
    words = LABELS.get(entry.lang, LABELS["zh"])
    sep = "：" if entry.lang == "zh" else ": "
    out = [f"{words['title']}{sep}{entry.title}", stamp(entry)]
    if page_url:
        out.append(page_url)
    out += [words["rule"], ""]
    for scene in scenes(entry, characters):
        out.append(f"{words['scene']} {scene.number}")
        out.append(f"  {words['shown']}{sep}{scene.shown}")
        for line in scene.lines:
            out.append(f"  {words['said']}{sep}{line.speaker or words['narrator']}{sep}{line.text}")
        out.append("")
    return "\n".join(out)


def duration(text: str) -> float:
    cjk = len(CJK.findall(text))
    words = len(CJK.sub(" ", text).split())
    return max(MIN_SECONDS, cjk / 4.0 + words / 2.5)


def timestamp(seconds: float) -> str:
    ms = round(seconds * 1000)
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def srt(entry: Entry, characters: dict[str, dict] | None = None) -> str:
    """SubRip subtitles: one cue per spoken line, speaker-prefixed bubbles, and a
    closing cue with the sign-off stamp so the reviewer is on screen too."""
    cues: list[str] = []
    clock = 0.0
    sep = "：" if entry.lang == "zh" else ": "

    def cue(text: str) -> None:
        nonlocal clock
        end = clock + duration(text)
        cues.append(f"{len(cues) + 1}\n{timestamp(clock)} --> {timestamp(end)}\n{text}\n")
        clock = end + GAP_SECONDS

    for scene in scenes(entry, characters):
        for line in scene.lines:
            cue(f"{line.speaker}{sep}{line.text}" if line.speaker else line.text)
    cue(stamp(entry, short=True))
    return "\n".join(cues)


def script_paths(entry: Entry) -> tuple[str, str]:
    """Output files beside the explainer: /<lang>/<disease>/<slug>/script.txt and .srt."""
    base = entry.url.strip("/")
    return f"{base}/script.txt", f"{base}/script.srt"
