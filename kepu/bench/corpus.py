"""A deterministic benchmark corpus in the content/ format (docs/content-format.md).

``generate_corpus(root, pages=10_000, seed=1)`` writes disease hubs (zh + en)
for 30+ conditions, explainers with 3–5 comic panels and speech bubbles, case
stories with timelines, experts, characters, sponsors, channels and shared
SVG illustrations. Every page carries a correct sign-off hash, so the tree
passes kepu.contentformat.load_content_tree and builds like exported content.

Same seed, same page count → byte-identical tree: each translation group draws
from its own ``random.Random(f"{seed}:{group}")``, so the text does not depend
on the order pages are written in (or on how many workers wrote them).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from kepu.contentformat import content_hash, page_relpath
from kepu.contentformat.writer import dump_yaml

from . import phrases as P
from . import vocabulary
from .yamlfast import dump_page_fast

MEDIA_COUNT = 24
TRANSLATED_SHARE = 0.8      # explainers and stories that also exist in English
CASE_STORY_SHARE = 0.3
SPONSORED_SHARE = 0.06
EPOCH = dt.date(2025, 1, 1)
# Sentence forms drawn from the large vocabulary (vocabulary.py), beside the
# phrase banks' five: half the sentences, which gives a 10,000-page zh/en site
# about 40,000 distinct search terms (a real one has tens of thousands) and
# 75,000 distinct clauses for jieba, where the banks alone gave 949 and 6,800.
VOCABULARY_FORMS = 5
SIGN_MEANING = {"zh": "我已审核本内容的医学准确性，并对其负责。",
                "en": "I have reviewed this content for medical accuracy and take responsibility for it."}


@dataclass
class CorpusStats:
    root: Path
    pages: int = 0
    hubs: int = 0
    explainers: int = 0
    case_stories: int = 0
    diseases: int = 0
    media: int = 0
    bytes: int = 0
    seconds: float = 0.0
    files: list[str] = field(default_factory=list, repr=False)

    def summary(self) -> str:
        return (f"{self.pages} pages ({self.hubs} hubs, {self.explainers} explainers, "
                f"{self.case_stories} case stories; {self.diseases} diseases), {self.media} SVGs, "
                f"{self.bytes / 1e6:.1f} MB in {self.seconds:.1f}s → {self.root}")


# --- registries ---------------------------------------------------------------------------------

def _experts(rng: random.Random) -> dict[str, dict]:
    """~20 experts; every specialty of the disease list is held by at least one."""
    specialties = sorted({d[2] for d in P.DISEASES.values()})
    experts: dict[str, dict] = {}
    for i in range(max(20, len(specialties))):
        sur, given = rng.choice(P.SURNAMES), rng.choice(P.GIVEN)
        slug = f"{sur[1]}-{given[1]}"
        if slug in experts:
            slug = f"{slug}-{i}"
        held = [specialties[i % len(specialties)]]
        if rng.random() < 0.3:
            held.append(rng.choice(specialties))
        held = sorted(set(held))
        city = rng.choice(P.CITIES)
        experts[slug] = {
            "format": 1, "slug": slug, "name": sur[0] + given[0],
            "name_en": f"{sur[2]} {given[2]}", "title": rng.choice(P.TITLES),
            "hospital": city + rng.choice(P.HOSPITALS), "specialties": held,
            "licence_number": f"1100{rng.randrange(10**10, 10**11)}",
            "disclosure": "无利益冲突。" if rng.random() < 0.8 else "曾接受示例药业讲课费。",
            "bio": f"{P.SPECIALTY_ZH.get(held[0], held[0])}医生，从事临床工作{rng.randint(8, 30)}年。",
            "channel_handles": {"douyin": f"@dr_{slug.replace('-', '')}"} if rng.random() < 0.4 else {},
        }
    return experts


def _characters() -> dict[str, dict]:
    return {slug: {"format": 1, "slug": slug, "name": name, "name_en": name_en, "voice": voice}
            for slug, name, name_en, voice in P.CHARACTERS}


def _sponsors() -> dict[str, dict]:
    return {slug: {"format": 1, "slug": slug, "name": name, "disclosure": disclosure,
                   "independence_statement": "资助方未参与内容撰写与审核。"}
            for slug, name, disclosure in P.SPONSORS}


def _channels(rng: random.Random, diseases: list[str]) -> dict[str, dict]:
    channels = {}
    for i in range(12):
        kind = P.CHANNEL_KINDS[i % len(P.CHANNEL_KINDS)]
        topics = sorted(rng.sample(diseases, min(len(diseases), rng.randint(2, 4))))
        lang = "en" if kind == "website" and i % 2 else "zh"
        slug = f"{kind.replace('_', '-')}-{topics[0]}-{i}"
        name = f"{P.DISEASES[topics[0]][0]}健康说{i}" if lang == "zh" else f"{P.DISEASES[topics[0]][1]} notes {i}"
        channels[slug] = {
            "format": 1, "slug": slug, "name": name, "kind": kind,
            "region": rng.choice(P.REGIONS), "topics": topics, "language": lang,
            "utm_source": kind.split("_")[0], "utm_medium": "video" if kind in ("douyin", "bilibili") else "social",
            "utm_campaign": f"{topics[0]}-2026", "utm_content": "bio-link",
        }
    return channels


def _media(rng: random.Random) -> dict[str, bytes]:
    """Shared comic illustrations: small SVG scenes, named by content hash like exports."""
    palette = ["#fdf6e3", "#e9f5db", "#e0f2fe", "#fef3c7", "#fce7f3", "#ede9fe"]
    inks = ["#e76f51", "#2a9d8f", "#264653", "#f4a261", "#0b5cad", "#6d597a"]
    files = {}
    for _ in range(MEDIA_COUNT):
        shapes = [f'<rect width="400" height="300" fill="{rng.choice(palette)}"/>']
        for _ in range(rng.randint(2, 4)):
            x, y, r = rng.randint(60, 340), rng.randint(90, 230), rng.randint(25, 55)
            shapes.append(f'<circle cx="{x}" cy="{y}" r="{r}" fill="{rng.choice(inks)}"/>')
        bx, by = rng.randint(20, 220), rng.randint(10, 40)
        shapes.append(f'<rect x="{bx}" y="{by}" width="160" height="50" rx="18" fill="#ffffff" '
                      f'stroke="#333333"/><path d="M{bx + 40} {by + 50} l10 18 l12 -18" fill="#ffffff" '
                      f'stroke="#333333"/>')
        svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" width="400" '
               'height="300">' + "".join(shapes) + "</svg>\n").encode()
        files[f"media/{hashlib.sha256(svg).hexdigest()[:16]}.svg"] = svg
    return files


# --- text ---------------------------------------------------------------------------------------

def _zh_sentence(rng: random.Random, d: str) -> str:
    form = rng.randrange(VOCABULARY_FORMS + 5)
    if form >= 5:
        return vocabulary.zh_sentence(rng, d)
    if form == 0:
        return f"{rng.choice(P.ZH_WHO)}{rng.choice(P.ZH_WHEN)}可以{rng.choice(P.ZH_DO)}，{rng.choice(P.ZH_WHY)}。"
    if form == 1:
        return f"{rng.choice(P.ZH_WHEN)}，建议{rng.choice(P.ZH_DO)}。"
    if form == 2:
        return rng.choice(P.ZH_FACT).format(d=d)
    if form == 3:
        return f"{rng.choice(P.ZH_WARN)}，{rng.choice(P.ZH_WHY)}。"
    return f"关于{d}，{rng.choice(P.ZH_WHO)}常常问：{rng.choice(P.ZH_ASK)}"


def _en_sentence(rng: random.Random, d: str) -> str:
    form = rng.randrange(VOCABULARY_FORMS + 5)
    if form >= 5:
        return vocabulary.en_sentence(rng, d)
    if form == 0:
        who = rng.choice(P.EN_WHO)
        return f"{who[0].upper()}{who[1:]} can {rng.choice(P.EN_DO)} {rng.choice(P.EN_WHEN)}; {rng.choice(P.EN_WHY)}."
    if form == 1:
        when = rng.choice(P.EN_WHEN)
        return f"{when[0].upper()}{when[1:]}, it helps to {rng.choice(P.EN_DO)}."
    if form == 2:
        return rng.choice(P.EN_FACT).format(d=d)
    if form == 3:
        warn = rng.choice(P.EN_WARN)
        return f"{warn[0].upper()}{warn[1:]}: {rng.choice(P.EN_WHY)}."
    return f"About {d}, {rng.choice(P.EN_WHO)} often ask: {rng.choice(P.EN_ASK)}"


def _sentences(rng, lang: str, d: str, n: int) -> str:
    if lang == "zh":
        return "".join(_zh_sentence(rng, d) for _ in range(n))
    return " ".join(_en_sentence(rng, d) for _ in range(n))


def _body(rng: random.Random, lang: str, d: str, paragraphs: int) -> str:
    """Markdown: paragraphs, a sub-heading, a bullet list — what editors really write."""
    parts = [_sentences(rng, lang, d, rng.randint(2, 4))]
    headings = P.ZH_HEADINGS if lang == "zh" else P.EN_HEADINGS
    todo = P.ZH_DO if lang == "zh" else P.EN_DO
    for i in range(paragraphs - 1):
        parts.append(f"## {rng.choice(headings)}")
        parts.append(_sentences(rng, lang, d, rng.randint(2, 4)))
        if i == 0:
            parts.append("\n".join(f"- {item}" for item in rng.sample(todo, 3)))
    return "\n\n".join(parts)


def _name(d_slug: str, lang: str) -> str:
    zh, en = P.DISEASES[d_slug][:2]
    return zh if lang == "zh" else en


# --- pages --------------------------------------------------------------------------------------

class _Ids:
    def __init__(self):
        self.next = 0

    def take(self) -> int:
        self.next += 1
        return self.next


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


def _signoff(rng: random.Random, expert: dict, lang: str, specialty: str, pid: int) -> tuple[dict, str]:
    signed = EPOCH + dt.timedelta(days=rng.randrange(0, 640))
    published = signed - dt.timedelta(days=rng.randrange(0, 200))
    nxt = signed + dt.timedelta(days=rng.randrange(730, 1100))
    revision = pid * 3 + rng.randrange(3)
    return ({"id": revision, "expert": expert["slug"], "expert_name": expert["name"],
             "credentials": f"{expert['title']}，{expert['hospital']}", "specialty": specialty,
             "signed_at": f"{signed.isoformat()}T{rng.randint(9, 18):02d}:{rng.randrange(60):02d}:00+08:00",
             "revision_id": revision, "content_hash": "", "meaning": SIGN_MEANING[lang],
             "next_review": nxt.isoformat()}, max(published, EPOCH).isoformat())


def _references(rng, d_slug: str, lang: str) -> list[dict]:
    refs = []
    for _ in range(rng.randint(1, 3)):
        year = rng.randint(2018, 2025)
        if lang == "zh":
            refs.append({"title": f"{_name(d_slug, 'zh')}基层诊疗指南（{year}年）",
                         "publisher": rng.choice(P.GUIDE_PUBLISHERS_ZH), "year": year,
                         "url": f"https://guidelines.example.org/{d_slug}/{year}"})
        else:
            refs.append({"title": f"{_name(d_slug, 'en')} in adults: diagnosis and management ({year})",
                         "publisher": rng.choice(P.GUIDE_PUBLISHERS_EN), "year": year,
                         "url": f"https://guidelines.example.org/en/{d_slug}/{year}"})
    return refs


def _common(rng, pid: int, ptype: str, lang: str, tkey: str, d_slug: str, slug: str, title: str,
            topics: list[str], expert: dict, sponsors: list[str]) -> dict:
    specialty = P.DISEASES[d_slug][2]
    signoff, published = _signoff(rng, expert, lang, specialty, pid)
    d = _name(d_slug, lang)
    return {
        "format": 1, "id": pid, "type": ptype, "lang": lang, "translation_key": tkey,
        "disease": d_slug, "slug": slug, "title": title,
        "summary": _sentences(rng, lang, d, 1),
        "audience": f"{d}患者及家属" if lang == "zh" else f"People with {d} and their families",
        "specialty": specialty, "topics": topics,
        "author": {"name": rng.choice(P.EDITORS)},
        "sponsor": rng.choice(sponsors) if sponsors and rng.random() < SPONSORED_SHARE else None,
        "ai_disclosure": ("初稿由人工智能辅助生成，经编辑逐句核对。" if lang == "zh" else
                          "A first draft was machine-assisted and checked line by line by an editor.")
        if rng.random() < 0.1 else "",
        "references": _references(rng, d_slug, lang),
        "shortcode": "k" + _base36(pid), "first_published": published, "signoff": signoff,
    }


def _panels(rng, lang: str, d: str, topic: str, media: list[str], characters: dict) -> list[dict]:
    panels = []
    name = "name" if lang == "zh" else "name_en"
    for _ in range(rng.randint(3, 5)):
        asker, answerer = rng.choice(P.ASKERS), rng.choice(P.ANSWERERS)
        a, b = characters[answerer][name], characters[asker][name]
        place = rng.choice(P.ZH_PLACES if lang == "zh" else P.EN_PLACES)
        alt = (P.ZH_ALT if lang == "zh" else P.EN_ALT).format(a=a, b=b, place=place, topic=topic)
        bubbles = [{"character": asker, "text": rng.choice(P.ZH_ASK if lang == "zh" else P.EN_ASK)},
                   {"character": answerer, "text": rng.choice(P.ZH_ANSWER if lang == "zh" else P.EN_ANSWER)}]
        if rng.random() < 0.4:
            bubbles.append({"character": answerer, "text": _sentences(rng, lang, d, 1)})
        panels.append({"image": rng.choice(media), "width": 400, "height": 300, "alt": alt,
                       "caption": _sentences(rng, lang, d, 1), "bubbles": bubbles})
    return panels


def _explainer(rng, base: dict, lang: str, d_slug: str, topic: str, media, characters) -> str:
    d = _name(d_slug, lang)
    panels = _panels(rng, lang, d, topic, media, characters)
    base.update(
        panels=panels,
        key_points=rng.sample(P.ZH_DO if lang == "zh" else P.EN_DO, rng.randint(3, 4)),
        red_flags=rng.sample(P.ZH_RED_FLAGS if lang == "zh" else P.EN_RED_FLAGS, rng.randint(1, 2)),
        characters=sorted({b["character"] for p in panels for b in p["bubbles"]}))
    return _body(rng, lang, d, rng.randint(2, 4))


def _case_story(rng, base: dict, lang: str, d_slug: str, doctor: str, gid: int) -> str:
    d = _name(d_slug, lang)
    stages = ["onset", "diagnosis", "treatment", "outcome"] + (["follow_up"] if rng.random() < 0.5 else [])
    sex = rng.choice(["male", "female"])
    person = ("他" if sex == "male" else "她") if lang == "zh" else ("he" if sex == "male" else "she")
    timeline = []
    for stage in stages:
        when = rng.choice((P.ZH_TIMELINE if lang == "zh" else P.EN_TIMELINE)[stage])
        text = rng.choice((P.ZH_STEP if lang == "zh" else P.EN_STEP)[stage]).format(
            s=rng.choice(P.ZH_SYMPTOM if lang == "zh" else P.EN_SYMPTOM), p=person, d=d)
        timeline.append({"stage": stage, "when": when, "text": text})
    base.update(
        patient={"age_band": _age_band(rng), "sex": sex},
        timeline=timeline,
        lessons=rng.sample(P.ZH_LESSONS if lang == "zh" else P.EN_LESSONS, rng.randint(2, 3)),
        consent_ref=f"CONSENT-{2024 + gid % 3}-{gid:05d}", treating_doctor=doctor)
    return _body(rng, lang, d, rng.randint(2, 3))


def _age_band(rng) -> str:
    low = rng.randrange(2, 9) * 10
    return f"{low}-{low + 9}"


def _hub(rng, pid: int, lang: str, d_slug: str, expert: dict) -> tuple[dict, str]:
    zh, en, specialty, icd10, syn_zh, syn_en = P.DISEASES[d_slug]
    meta = _common(rng, pid, "disease", lang, f"tk-hub-{d_slug}", d_slug, d_slug,
                   zh if lang == "zh" else en, [d_slug], expert, [])
    meta["summary"] = rng.choice(P.ZH_FACT if lang == "zh" else P.EN_FACT).format(d=_name(d_slug, lang))
    meta.update(synonyms=syn_zh + syn_en, icd10=icd10)
    return meta, _body(rng, lang, _name(d_slug, lang), 3)


def _seal(meta: dict, body: str) -> tuple[dict, str]:
    """Sign the page: the hash covers exactly what the file will say."""
    meta["signoff"]["content_hash"] = content_hash(meta, body)
    return meta, body


@dataclass
class _Plan:
    """Everything that decides the tree's shape, drawn before any text is written."""

    diseases: list[str]
    experts: dict[str, dict]
    by_specialty: dict[str, list[str]]
    characters: dict[str, dict]
    sponsors: list[str]
    media: list[str]


def _group_pages(seed: int, gid: int, pid: int, plan: _Plan, d_slug: str, ptype: str,
                 langs: tuple[str, ...]) -> list[tuple[dict, str]]:
    """One translation group: a zh page and (usually) its English version."""
    rng = random.Random(f"{seed}:{gid}")
    specialty = P.DISEASES[d_slug][2]
    expert = plan.experts[rng.choice(plan.by_specialty[specialty])]
    topic_zh, topic_slug, topic_en, tag = rng.choice(P.TOPICS)
    angle_zh, angle_slug, angle_en, angle_tag = rng.choice(P.ANGLES)
    sur = rng.choice(P.SURNAMES)
    out = []
    for offset, lang in enumerate(langs):
        d = _name(d_slug, lang)
        if ptype == "explainer":
            slug = f"{topic_slug}-{angle_slug}-{gid}" if lang == "zh" else f"{tag}-{angle_tag}-{gid}"
            title = f"{d}{topic_zh}{angle_zh}" if lang == "zh" else f"{angle_en} {topic_en} with {d}"
        else:
            slug = f"gu-shi-{sur[1]}-{gid}" if lang == "zh" else f"story-{sur[1]}-{gid}"
            title = (f"{sur[0]}{rng.choice(['伯', '阿姨', '先生', '女士'])}的{d}故事" if lang == "zh"
                     else f"{rng.choice(['Mr', 'Ms'])} {sur[2]}'s story: living with {d}")
        meta = _common(rng, pid + offset, ptype, lang, f"tk-{gid}", d_slug, slug, title,
                       [d_slug, tag], expert, plan.sponsors)
        if ptype == "explainer":
            topic = topic_zh if lang == "zh" else topic_en
            body = _explainer(rng, meta, lang, d_slug, topic, plan.media, plan.characters)
        else:
            body = _case_story(rng, meta, lang, d_slug, expert["slug"], gid)
        out.append(_seal(meta, body))
    return out


def _disease_count(pages: int) -> int:
    # 30+ diseases from a few hundred pages up; tiny smoke corpora use fewer hubs.
    return max(2, min(len(P.DISEASES), pages // 8))


def plan_corpus(pages: int, seed: int):
    """The registries, media and the list of page groups, without any page text."""
    rng = random.Random(f"{seed}:plan")
    diseases = list(P.DISEASES)[:_disease_count(pages)]
    experts = _experts(rng)
    by_specialty: dict[str, list[str]] = {}
    for slug in sorted(experts):
        for spec in experts[slug]["specialties"]:
            by_specialty.setdefault(spec, []).append(slug)
    media = _media(rng)
    plan = _Plan(diseases, experts, by_specialty, _characters(), sorted(_sponsors()), sorted(media))
    weights = [P.DISEASE_WEIGHTS.get(d, 1) for d in diseases]
    groups = []  # (gid, first page id, disease, type, langs)
    pid = 2 * len(diseases)
    remaining, gid = pages - pid, 0
    while remaining > 0:
        gid += 1
        langs = ("zh", "en") if remaining >= 2 and rng.random() < TRANSLATED_SHARE else ("zh",)
        ptype = "case_story" if rng.random() < CASE_STORY_SHARE else "explainer"
        groups.append((gid, pid + 1, rng.choices(diseases, weights)[0], ptype, langs))
        pid += len(langs)
        remaining -= len(langs)
    return plan, media, _channels(rng, diseases), groups


_made_dirs: set[str] = set()


def _write(root: Path, rel: str, data: bytes) -> int:
    target = os.path.join(root, rel)
    folder = os.path.dirname(target)
    if folder not in _made_dirs:
        os.makedirs(folder, exist_ok=True)
        _made_dirs.add(folder)
    with open(target, "wb") as fh:
        fh.write(data)
    return len(data)


def _write_groups(args) -> tuple[int, dict[str, int]]:
    root, seed, plan, groups = args
    written, counts = 0, {"explainer": 0, "case_story": 0}
    for gid, pid, d_slug, ptype, langs in groups:
        for meta, body in _group_pages(seed, gid, pid, plan, d_slug, ptype, langs):
            written += _write(root, page_relpath(meta), dump_page_fast(meta, body).encode("utf-8"))
            counts[ptype] += 1
    return written, counts


def generate_corpus(root, pages: int = 1000, seed: int = 1, *, overwrite: bool = False,
                    workers: int | None = None) -> CorpusStats:
    """Write a corpus of exactly ``pages`` page files under ``root`` (content/ layout)."""
    started = time.monotonic()
    root = Path(root)
    if root.exists() and any(root.iterdir()):
        if not overwrite:
            raise FileExistsError(f"{root} is not empty (pass overwrite=True to replace it)")
        shutil.rmtree(root)
    root.mkdir(parents=True, exist_ok=True)
    _made_dirs.clear()
    plan, media, channels, groups = plan_corpus(pages, seed)
    stats = CorpusStats(root, diseases=len(plan.diseases), media=len(media))
    for rel, data in media.items():
        stats.bytes += _write(root, rel, data)
    for kind, registry in (("experts", plan.experts), ("characters", plan.characters),
                           ("sponsors", _sponsors()), ("channels", channels)):
        for slug, data in registry.items():
            stats.bytes += _write(root, f"{kind}/{slug}.yaml", dump_yaml(data).encode("utf-8"))
    (root / "withdrawn.yaml").write_text("format: 1\npages: []\n", encoding="utf-8")
    rng = random.Random(f"{seed}:hubs")
    pid = 0
    for d_slug in plan.diseases:
        for lang in ("zh", "en"):
            pid += 1
            expert = plan.experts[rng.choice(plan.by_specialty[P.DISEASES[d_slug][2]])]
            meta, body = _seal(*_hub(rng, pid, lang, d_slug, expert))
            stats.bytes += _write(root, page_relpath(meta), dump_page_fast(meta, body).encode("utf-8"))
            stats.hubs += 1
    workers = workers or (min(os.cpu_count() or 1, 4) if len(groups) > 1500 else 1)
    chunks = [(root, seed, plan, groups[i::workers]) for i in range(workers)]
    if workers > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.map(_write_groups, chunks)
    else:
        results = [_write_groups(chunks[0])]
    for written, counts in results:
        stats.bytes += written
        stats.explainers += counts["explainer"]
        stats.case_stories += counts["case_story"]
    stats.pages = stats.hubs + stats.explainers + stats.case_stories
    stats.seconds = time.monotonic() - started
    return stats


def edit_page(root, relpath: str, note: str = "", changes: dict | None = None) -> Path:
    """Change one page's body (and optionally fields) the way an editor would, and
    re-sign it (new hash)."""
    import yaml

    from kepu.contentformat import dump_page
    from kepu.contentformat.reader import split_front_matter

    path = Path(root) / relpath
    front, body, _ = split_front_matter(relpath, path.read_text(encoding="utf-8"))
    meta = yaml.load(front, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 (safe loader)
    lang = meta["lang"]
    addition = note or ("编辑补充：复查时请带上最近一周的记录。" if lang == "zh"
                        else "Editor's note: bring last week's notes to your check-up.")
    body = f"{body}\n\n{addition}"
    meta.update(changes or {})
    meta["signoff"]["content_hash"] = content_hash(meta, body)
    path.write_text(dump_page(meta, body), encoding="utf-8")
    return path


def sample_page(root, ptype: str = "explainer", lang: str = "zh") -> str:
    """A content-relative path of one page of ``ptype`` in ``lang`` (stable for a corpus)."""
    candidates = sorted(p.relative_to(root).as_posix() for p in (Path(root) / lang).rglob("*.md")
                        if (p.name == "index.md") == (ptype == "disease"))
    if ptype == "case_story":
        candidates = [c for c in candidates if "/gu-shi-" in c or "/story-" in c]
    elif ptype == "explainer":
        candidates = [c for c in candidates if "/gu-shi-" not in c and "/story-" not in c]
    return candidates[len(candidates) // 2]
