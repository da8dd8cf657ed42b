"""Turning result dicts into the markdown table, the before/after table and the scale plot."""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Callable

from .stats import median


def median_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Key-wise median of several runs' (nested) result dicts; non-numbers from the first run."""
    if not runs:
        return {}
    out: dict[str, Any] = {}
    for key, first in runs[0].items():
        values = [r.get(key) for r in runs]
        if isinstance(first, dict):
            out[key] = median_of([v for v in values if isinstance(v, dict)])
        elif isinstance(first, (int, float)) and not isinstance(first, bool):
            out[key] = median(float(v) for v in values if isinstance(v, (int, float)))
        else:
            out[key] = first
    return out


def get(d: dict[str, Any] | None, path: str) -> float | None:
    """`get(d, "warm.pass1.ask.p50_ms")`; None where any step is missing."""
    cur: Any = d
    for part in path.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur if isinstance(cur, (int, float)) and not isinstance(cur, bool) else None


def fmt(value: float | None, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b == 0 or any(isinstance(x, float) and math.isnan(x) for x in (a, b)):
        return "n/a"
    return f"{a / b:.2f}×"


# (label, path in ours, path in naive, digits)
FIGURES: list[tuple[str, str, str | None, int]] = [
    ("cold start → first answer, s (wall)", "cold.wall_to_result_s", "cold.wall_to_result_s", 2),
    ("cold start → first answer, CPU s (≈ wall on an idle machine)", "cold.cpu_to_answer_s", None, 2),
    ("  of which imports, s", "cold.import_s", None, 2),
    ("  of which Assistant() open, s", "cold.init_s", None, 2),
    ("  of which first ask, s", "cold.first_ask_s", None, 2),
    ("web page served (`python app.py`), s", "app.served_s", None, 2),
    ("index build, 5 articles, s (model load excluded)", "build.build_s", "warm.build_s", 2),
    ("build throughput, passages/s (naive: 1024-token chunks/s)", "build.passages_per_s", "warm.chunks_per_s", 1),
    ("build: passages per CPU-second (load-independent)", "build.passages_per_cpu_s", None, 1),
    ("embedding model load, s", "build.model_s", "warm.model_s", 2),
    ("warm retrieve p50, ms (new questions)", "warm.pass1.retrieve.p50_ms", "warm.pass1.retrieve.p50_ms", 1),
    ("warm retrieve p95, ms", "warm.pass1.retrieve.p95_ms", "warm.pass1.retrieve.p95_ms", 1),
    ("warm ask p50, ms (new questions)", "warm.pass1.ask.p50_ms", "warm.pass1.ask.p50_ms", 1),
    ("warm ask p95, ms", "warm.pass1.ask.p95_ms", "warm.pass1.ask.p95_ms", 1),
    ("repeated ask p50, ms (caches warm)", "warm.pass2.ask.p50_ms", "warm.pass2.ask.p50_ms", 1),
    ("repeated ask p95, ms", "warm.pass2.ask.p95_ms", "warm.pass2.ask.p95_ms", 1),
    ("retrieval hit@3 (naive: hit@2, its top-k)", "warm.hit@3", "warm.hit@2", 3),
    ("peak memory, warm process, MiB", "warm.child_peak_rss_mb", "warm.child_peak_rss_mb", 0),
    ("peak memory, cold start process, MiB", "cold.child_peak_rss_mb", "cold.child_peak_rss_mb", 0),
    ("peak memory, build process, MiB", "build.child_peak_rss_mb", None, 0),
    ("peak memory, web app process, MiB", "app.peak_rss_mb", None, 0),
]


def median_loads(results: dict[str, Any]) -> float | None:
    """Median 1-minute load average seen at the end of the measurements (2 = both cores busy)."""
    loads: list[float] = []

    def walk(d: Any) -> None:
        if isinstance(d, dict):
            for k, v in d.items():
                if k == "load1" and isinstance(v, (int, float)):
                    loads.append(float(v))
                else:
                    walk(v)
        elif isinstance(d, list):
            for v in d:
                walk(v)

    walk(results)
    return median(loads) if loads else None


def main_table(results: dict[str, Any]) -> str:
    ours, naive = results.get("ours", {}), results.get("naive", {})
    lines = ["| figure | ours | naive | ours/naive |", "| --- | ---: | ---: | ---: |"]
    for label, p_ours, p_naive, digits in FIGURES:
        a = get(ours, p_ours)
        b = get(naive, p_naive) if p_naive else None
        lines.append(f"| {label} | {fmt(a, digits)} | {fmt(b, digits)} | {ratio(a, b) if p_naive else ''} |")
    return "\n".join(lines)


def scale_table(results: dict[str, Any]) -> str:
    lines = [
        "| target passages | ours passages | ours build passages/s | ours retrieve p50 ms | ours ask p50 ms | ours ask p95 ms "
        "| ours passages/CPU-s | naive chunks | naive build chunks/s | naive build s / ours build s | naive ask p50 ms | ask p50 ours/naive | ours peak MiB | naive peak MiB "
        "| BM25 on disk MB | new replica: start s | new replica: peak MiB |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in results.get("scale", []):
        o, n = row.get("ours", {}), row.get("naive", {})
        ask_o, ask_n = get(o, "warm.pass1.ask.p50_ms"), get(n, "warm.pass1.ask.p50_ms")
        lines.append(
            f"| {row['size']:,} | {fmt(get(o, 'build.passages'), 0)} | {fmt(get(o, 'build.passages_per_s'))} "
            f"| {fmt(get(o, 'warm.pass1.retrieve.p50_ms'))} | {fmt(ask_o)} | {fmt(get(o, 'warm.pass1.ask.p95_ms'))} "
            f"| {fmt(get(o, 'build.passages_per_cpu_s'))} | {fmt(get(n, 'warm.chunks'), 0)} | {fmt(get(n, 'warm.chunks_per_s'))} "
            f"| {ratio(get(n, 'warm.build_s'), get(o, 'build.build_s'))} | {fmt(ask_n)} | {ratio(ask_o, ask_n)} "
            f"| {fmt(get(o, 'warm.child_peak_rss_mb'), 0)} | {fmt(get(n, 'warm.child_peak_rss_mb'), 0)} "
            f"| {fmt(get(o, 'bm25_mb'))} | {fmt(get(o, 'replica.init_s'))} | {fmt(get(o, 'replica.child_peak_rss_mb'), 0)} |"
        )
    return "\n".join(lines)


def markdown(results: dict[str, Any]) -> str:
    m = results.get("machine", {})
    head = (
        f"# bench: {results.get('label', '')}\n\n"
        f"code: `{results.get('code')}` · {m.get('cpus')} CPUs · load average {m.get('load_start')} → {m.get('load_end')} · "
        f"load during figures (median) {fmt(median_loads(results), 1)} · {results.get('runs')} runs per figure (medians) · embed backend `{m.get('embed_backend') or 'default'}` · {m.get('when')}\n\n"
        "Warm figures: a warm process answering every gold question once (pass 1, new questions), then again "
        "(pass 2, caches warm). Cold start: from spawning a fresh `python` to its first answer, index already built.\n\n"
    )
    body = main_table(results)
    if results.get("scale"):
        body += "\n\n## Scale curve (synthetic corpora from shuffled corpus sentences)\n\n" + scale_table(results)
    return head + body + "\n"


def compare_table(before: dict[str, Any], after: dict[str, Any]) -> str:
    """Before/after of our pipeline, figure by figure, with after/before."""
    lines = ["| figure | before | after | after/before |", "| --- | ---: | ---: | ---: |"]
    for label, path, _, digits in FIGURES:
        a, b = get(before.get("ours"), path), get(after.get("ours"), path)
        lines.append(f"| {label} | {fmt(a, digits)} | {fmt(b, digits)} | {ratio(b, a)} |")
    sizes = {r["size"]: r for r in before.get("scale", [])}
    for row in after.get("scale", []):
        old = sizes.get(row["size"], {})
        for label, path in (("build passages/s", "build.passages_per_s"), ("ask p50 ms", "warm.pass1.ask.p50_ms"),
                            ("retrieve p50 ms", "warm.pass1.retrieve.p50_ms")):
            a, b = get(old.get("ours"), path), get(row.get("ours"), path)
            lines.append(f"| {row['size']:,} passages: {label} | {fmt(a)} | {fmt(b)} | {ratio(b, a)} |")
    return "\n".join(lines)


def plot_scale(results: dict[str, Any], path: Path) -> Path | None:
    """Build throughput and warm ask/retrieve p50 against corpus size, ours vs naive."""
    rows = results.get("scale") or []
    if not rows:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["size"] for r in rows]
    series: list[tuple[str, Callable[[dict[str, Any]], float | None], str]] = [
        ("ours: passages/s", lambda r: get(r.get("ours"), "build.passages_per_s"), "C0"),
        ("naive: chunks/s", lambda r: get(r.get("naive"), "warm.chunks_per_s"), "C1"),
    ]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.2))
    for label, fn, color in series:
        ax1.plot(sizes, [fn(r) for r in rows], "o-", color=color, label=label)
    ax1.set(xscale="log", xlabel="corpus size (passages)", ylabel="build throughput (items/s)", title="Index build")
    ax1.axhline(150, color="grey", ls=":", label="target 150 passages/s")
    for who, color in (("ours", "C0"), ("naive", "C1")):
        ax2.plot(sizes, [get(r.get(who), "warm.pass1.ask.p50_ms") for r in rows], "o-", color=color, label=f"{who}: ask p50")
        ax2.plot(sizes, [get(r.get(who), "warm.pass1.retrieve.p50_ms") for r in rows], "s--", color=color, alpha=0.6, label=f"{who}: retrieve p50")
    ax2.axhline(100, color="grey", ls=":", label="target 100 ms at 50k")
    ax2.set(xscale="log", yscale="log", xlabel="corpus size (passages)", ylabel="ms", title="Warm query latency (p50)")
    for ax in (ax1, ax2):
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle(f"bench {results.get('label', '')} — {results.get('machine', {}).get('cpus')} CPUs")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
