#!/usr/bin/env python3
"""Search benchmark on a generated zh/en corpus (issue 8 figures).

Prints: full index time, one-page update time, warm query p50/p95, cold start
(a fresh process: open the index + first Chinese query) and the bytes a browser
downloads for a first zero-server query.

\b
Usage:
  .venv/bin/python scripts/bench_search.py              # 10,000 pages
  .venv/bin/python scripts/bench_search.py --pages 2000 --keep /tmp/bench
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DISEASES = {
    "gao-xue-ya": ("高血压", "Hypertension", "cardiology"),
    "tang-niao-bing": ("2型糖尿病", "Type 2 diabetes", "endocrinology"),
    "xiao-chuan": ("哮喘", "Asthma", "respiratory"),
    "yi-yu-zheng": ("抑郁症", "Depression", "psychiatry"),
    "gu-zhi-shu-song": ("骨质疏松症", "Osteoporosis", "orthopedics"),
    "er-tong-yi-miao-jie-zhong": ("儿童疫苗接种", "Childhood vaccination", "pediatrics"),
}
ZH_SENTENCES = [
    "高血压患者要坚持每天测量血压，并把结果记录下来带给医生看。",
    "糖尿病的饮食控制很重要，主食要定量，少吃甜食和含糖饮料。",
    "如果出现胸痛、说话不清或者一侧肢体无力，要立即拨打急救电话。",
    "哮喘发作时要保持镇定，按医生的指导使用吸入器。",
    "抑郁症不是性格软弱，而是一种需要治疗的疾病，可以寻求专业帮助。",
    "骨质疏松的老人要预防跌倒，家里的地面要保持干燥防滑。",
    "宝宝接种疫苗后可能会有低热，一般一两天就会好转。",
    "按时服药，不要因为感觉好了就自己停药或者减量。",
    "适量运动有助于控制体重，每周至少运动五天，每次三十分钟。",
    "吸烟会加重病情，戒烟对全身的血管都有好处。",
    "血糖监测可以帮助了解饮食和药物的效果，发现低血糖要及时处理。",
    "钙和维生素D对骨骼健康很重要，可以多晒太阳，多喝牛奶。",
    "家长要按照免疫规划按时带孩子去社区卫生服务中心接种。",
    "情绪低落、失眠、对什么都提不起兴趣超过两周，要去看医生。",
    "手脚发麻可能和糖尿病神经病变有关，要定期检查足部。",
    "少吃盐是控制血压最简单有效的方法之一，每天不超过五克。",
    "夜间咳嗽、胸闷、气喘可能是哮喘控制不好的信号。",
    "定期复查肝肾功能和血脂，医生会根据结果调整治疗方案。",
    "老年人骨折后恢复慢，预防比治疗更重要。",
    "心理治疗和药物治疗结合，效果通常比单用一种更好。",
]
EN_SENTENCES = [
    "People with hypertension should measure their blood pressure every day and keep a record.",
    "Diet matters in diabetes: keep portions steady and avoid sugary drinks.",
    "Call an ambulance at once for chest pain, slurred speech or weakness on one side.",
    "During an asthma attack stay calm and use the inhaler as your doctor showed you.",
    "Depression is not a weakness of character; it is an illness that treatment helps.",
    "Older people with osteoporosis should prevent falls and keep floors dry.",
    "A baby may have a mild fever after a vaccination; it usually settles in a day or two.",
    "Take medicines on time and do not stop them because you feel better.",
    "Regular exercise helps control weight: aim for thirty minutes on five days a week.",
    "Smoking makes the illness worse; quitting helps every blood vessel in the body.",
    "Checking blood sugar shows how food and medicine work; treat low blood sugar quickly.",
    "Calcium and vitamin D keep bones healthy; sunlight and milk both help.",
    "Numbness in the feet can come from diabetic nerve damage, so check your feet often.",
    "Eating less salt is one of the simplest ways to lower blood pressure.",
]


def generate_pages(n: int, seed: int = 8) -> list[tuple[dict, str]]:
    """n pages (meta, body), half zh half en, spread over six diseases."""
    rng = random.Random(seed)
    pages = []
    slugs = list(DISEASES)
    for i in range(n):
        lang = "zh" if i % 2 == 0 else "en"
        disease = slugs[(i // 2) % len(slugs)]
        zh_name, en_name, specialty = DISEASES[disease]
        hub = i < 2 * len(slugs)
        sentences = ZH_SENTENCES if lang == "zh" else EN_SENTENCES
        body = "\n\n".join(" ".join(rng.choice(sentences) for _ in range(6)) for _ in range(4))
        title = (zh_name if lang == "zh" else en_name) if hub else (
            f"{zh_name}问答第{i}期" if lang == "zh" else f"{en_name} questions, part {i}")
        meta = {"id": i + 1, "type": "disease" if hub else "explainer", "lang": lang,
                "disease": disease, "slug": disease if hub else f"page-{i}", "title": title,
                "summary": rng.choice(sentences), "specialty": specialty,
                "synonyms": ["血压高"] if hub and disease == "gao-xue-ya" else [],
                "panels": [] if hub else [{"caption": rng.choice(sentences), "alt": "插图",
                                           "bubbles": [{"text": rng.choice(sentences)}]}],
                "signoff": {"expert": "li-ming", "expert_name": "李明",
                            "signed_at": "2026-01-15T10:00:00+08:00", "content_hash": f"h{i}"}}
        pages.append((meta, body))
    return pages


def timed(fn, *args, **kwargs):
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - started, result


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the indexing workers)."""
    import resource

    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def loadavg() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="keep the index here instead of a temp folder")
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()

    from kepu.search.indexer import update_index
    from kepu.search.query import SearchIndex
    from kepu.search.schema import documents_from_pages

    work = args.keep or Path(tempfile.mkdtemp(prefix="kepu-bench-search-"))
    index_dir = work / "index"
    shutil.rmtree(index_dir, ignore_errors=True)
    pages = generate_pages(args.pages)
    docs = documents_from_pages(pages)
    hub_meta = [m for m, _ in pages if m["type"] == "disease"]
    print(f"corpus: {len(docs)} pages ({sum(len(d['body']) for d in docs) / 1e6:.1f} M chars)")

    print(f"load average (1 min) at start: {loadavg()} on {os.cpu_count()} cores")
    cpu = cpu_seconds()
    seconds, stats = timed(update_index, index_dir, docs, full=True, hub_pages=hub_meta)
    cpu = cpu_seconds() - cpu
    print(f"full index:          {seconds:6.2f} s   (target ≤ 30 s)  [{stats}]")
    # On a shared machine the wall time depends on the neighbours; CPU time
    # over the cores used is what it would take on a quiet one.
    print(f"  CPU {cpu:.1f} s → about {cpu / min(2, os.cpu_count() or 1):.1f} s on 2 idle cores"
          f"  (load {loadavg()})")

    meta, body = pages[len(pages) // 2]
    pages[len(pages) // 2] = ({**meta, "signoff": {**meta["signoff"], "content_hash": "edited"}},
                             body + "\n\n新增一段关于糖尿病足护理的内容。")
    docs = documents_from_pages(pages)
    seconds, stats = timed(update_index, index_dir, docs, hub_pages=hub_meta)
    print(f"one-page update:     {seconds:6.2f} s   (target ≤ 1 s)   [{stats}]")
    for attempt in range(2):  # more samples of the update (each edit differs)
        meta, body = pages[len(pages) // 3 + attempt]
        pages[len(pages) // 3 + attempt] = (
            {**meta, "signoff": {**meta["signoff"], "content_hash": f"edited{attempt}"}},
            body + "\n\n哮喘患者外出要随身带好吸入器。")
        docs = documents_from_pages(pages)
        again, _ = timed(update_index, index_dir, docs, hub_pages=hub_meta)
        print(f"one-page update #{attempt + 2}:  {again:6.2f} s")

    index = SearchIndex(index_dir)
    queries = ["糖尿病", "血压高", "哮喘 吸入器", "骨质疏松 跌倒", "疫苗 发烧", "抑郁", "手脚发麻",
               "blood pressure", "diabetes diet", "asthma inhaler", "sugar in urine", "diabets",
               "胸痛", "低血糖", "vaccination fever", "糖尿病 饮食", "高血压 少吃盐", "depression"]
    for q in queries:  # warm-up: open readers, fill caches
        index.search(q)
    times = []
    for i in range(args.queries):
        q = queries[i % len(queries)]
        started = time.perf_counter()
        index.search(q, lang="zh" if i % 3 else None)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p50, p95 = statistics.median(times), times[int(len(times) * 0.95) - 1]
    print(f"warm query p50/p95:  {p50:6.1f} / {p95:.1f} ms   (target p95 ≤ 20 ms; load {loadavg()})")

    probe = (f"import time; t=time.perf_counter(); import sys; sys.path.insert(0, {str(ROOT)!r});"
             f"from kepu.search.query import SearchIndex; ix=SearchIndex({str(index_dir)!r});"
             "r=ix.search('糖尿病'); print(time.perf_counter()-t, r['total'])")
    colds = []
    for _ in range(3):
        cold = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                              check=True)
        cold_s, hits = cold.stdout.split()
        colds.append(float(cold_s))
    print(f"cold start:          {statistics.median(colds):6.2f} s   (target ≤ 1 s; open + first "
          f"糖尿病 query, {hits} hits; median of {', '.join(f'{c:.2f}' for c in colds)})")

    from kepu.search.static_index import build_static_index, first_query_bytes

    static_dir = work / "static-search"
    shutil.rmtree(static_dir, ignore_errors=True)
    seconds, _ = timed(build_static_index, index_dir, static_dir)
    print(f"zero-server index:   {seconds:6.2f} s to write, "
          f"{sum(p.stat().st_size for p in static_dir.rglob('*') if p.is_file()) / 1e6:.1f} MB on disk")
    for q in ("糖尿病", "血压高", "heart attack", "哮喘 孩子", "diabetes", "asthma inhaler"):
        print(f"first query {q!r}: {first_query_bytes(static_dir, q) / 1024:6.1f} KB   (target ≤ 100 KB)")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
