"""`python -m bench`: measure ours and the naive llama-index pipeline, write table + plot.

    python -m bench                          # everything, 3 runs per figure, scale 1k/10k/50k
    python -m bench --quick                  # 1 run, scale 1k only (a minute or two)
    python -m bench --code /tmp/before --label before   # the same bench on another checkout
    python -m bench compare bench/results/before.json bench/results/after.json

All indexes are built in a temp folder; the real index_store/ is never touched.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .report import compare_table, markdown, median_of, plot_scale
from .runner import BENCH_ROOT, BenchError, app_start, child_env, run_worker

DEFAULT_SIZES = "1000,10000,50000"


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _runs(n: int, what: str, fn) -> dict[str, Any]:
    results = []
    for i in range(n):
        t = time.perf_counter()
        results.append(fn(i))
        log(f"{what} run {i + 1}/{n}: {time.perf_counter() - t:.1f}s")
    merged = median_of(results)
    merged["runs"] = results
    return merged


def folder_mb(path: Path) -> float:
    """Size of the files under `path` in MB (the BM25 index on disk: what memory is compared to)."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def warm_ours(env: dict[str, str], gold_args: list[str]) -> dict[str, Any]:
    """Two warm processes, one timing `retrieve` (and hit@k), one timing `ask`, merged."""
    retrieve = run_worker("warm", env, gold_args + ["--what", "retrieve"])
    ask = run_worker("warm", env, gold_args + ["--what", "ask"])
    merged = dict(retrieve)
    for key, value in ask.items():
        if key.startswith("pass"):
            merged.setdefault(key, {}).update(value)
    merged["ask_init_s"] = ask.get("init_s")
    merged["child_peak_rss_mb"] = max(retrieve["child_peak_rss_mb"], ask["child_peak_rss_mb"])
    merged["peak_rss_mb"] = max(retrieve["peak_rss_mb"], ask["peak_rss_mb"])
    return merged


def measure(args: argparse.Namespace) -> dict[str, Any]:
    code = Path(args.code).resolve()
    gold = code / "eval" / "gold.jsonl"
    if not gold.exists():
        gold = BENCH_ROOT / "eval" / "gold.jsonl"
    corpus = code / "corpus"
    tmp = Path(tempfile.mkdtemp(prefix="qa-bench-"))
    results: dict[str, Any] = {
        "label": args.label, "code": str(code), "runs": args.runs,
        "machine": {"cpus": os.cpu_count(), "load_start": round(os.getloadavg()[0], 2),
                    "embed_backend": os.environ.get("QA_EMBED_BACKEND", ""), "when": dt.datetime.now().isoformat(timespec="seconds")},
        "ours": {}, "naive": {}, "scale": [],
    }
    gold_args = ["--gold", str(gold), "--passes", str(args.passes)]
    try:
        # ---- ours on the real corpus: build (fresh index each run), then cold/app/warm on the last
        index = tmp / "index-0"

        def build(i: int) -> dict[str, Any]:
            shutil.rmtree(index, ignore_errors=True)
            return run_worker("build", child_env(code, index, corpus))

        results["ours"]["build"] = _runs(args.runs, "ours build", build)
        env = child_env(code, index, corpus)
        results["ours"]["cold"] = _runs(args.runs, "ours cold start", lambda i: run_worker("cold", env))
        try:
            app = [app_start(code, env) for _ in range(args.runs)] if not args.no_app else []
            app = [a for a in app if a]
            if app:
                results["ours"]["app"] = median_of(app) | {"runs": app}
            log("app: " + ("skipped (--no-app)" if args.no_app else f"{results['ours']['app']['served_s']:.2f}s to HTTP 200" if app else "n/a (no app.py)"))
        except BenchError as exc:
            log(f"app: failed: {exc}")
            results["ours"]["app_error"] = str(exc)
        results["ours"]["warm"] = _runs(args.runs, "ours warm", lambda i: warm_ours(env, gold_args))
        if not args.no_naive:
            results["naive"]["cold"] = _runs(args.runs, "naive cold start", lambda i: run_worker("naive_cold", env))
            results["naive"]["warm"] = _runs(args.runs, "naive warm", lambda i: run_worker("naive_warm", env, gold_args))

        # ---- scale curve: synthetic corpora, one build + one warm run each
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()] if args.sizes else []
        if sizes:
            from .synth import corpus_sentences, write_synthetic_corpus

            sentences = corpus_sentences(corpus)
        for size in sizes:
            syn = tmp / f"corpus-{size}"
            files = write_synthetic_corpus(sentences, size, syn, seed=size)
            row: dict[str, Any] = {"size": size, "articles": len(files), "ours": {}, "naive": {}}
            s_index = tmp / f"index-{size}"
            s_env = child_env(code, s_index, syn)
            scale_gold = gold_args[:2] + ["--passes", "1", "--limit", str(args.scale_questions)]
            if not args.naive_scale_only:
                row["ours"]["build"] = run_worker("build", s_env)
                log(f"scale {size}: ours build {row['ours']['build']['passages']} passages, "
                    f"{row['ours']['build']['passages_per_s']:.1f}/s")
                row["ours"]["warm"] = warm_ours(s_env, scale_gold)
                log(f"scale {size}: ours ask p50 {row['ours']['warm']['pass1']['ask']['p50_ms']:.1f} ms")
                row["ours"]["bm25_mb"] = folder_mb(s_index / "local" / "bm25")
                # a new replica: no local BM25 yet, so it builds it from Chroma at start
                shutil.rmtree(s_index / "local" / "bm25", ignore_errors=True)
                row["ours"]["replica"] = run_worker("warm", s_env, scale_gold + ["--what", "ask"])
                log(f"scale {size}: new replica start {row['ours']['replica']['init_s']:.1f} s, "
                    f"peak {row['ours']['replica']['child_peak_rss_mb']:.0f} MiB; BM25 folder {row['ours']['bm25_mb']:.1f} MB")
            if not args.no_naive and size <= args.naive_max:
                row["naive"]["warm"] = run_worker("naive_warm", s_env, scale_gold)
                log(f"scale {size}: naive {row['naive']['warm']['chunks']} chunks, build {row['naive']['warm']['build_s']:.1f}s, "
                    f"ask p50 {row['naive']['warm']['pass1']['ask']['p50_ms']:.1f} ms")
            results["scale"].append(row)
            if args.out:  # partial results survive an interrupted long run
                args.out.mkdir(parents=True, exist_ok=True)
                (args.out / f"{args.label}.partial.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
            shutil.rmtree(s_index, ignore_errors=True)
            shutil.rmtree(syn, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    results["machine"]["load_end"] = round(os.getloadavg()[0], 2)
    return results


def write(results: dict[str, Any], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    label = results["label"]
    (out / f"{label}.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    text = markdown(results)
    (out / f"{label}.md").write_text(text, encoding="utf-8")
    png = plot_scale(results, out / f"{label}_scale.png")
    print(text)
    log(f"wrote {out / (label + '.json')}, {out / (label + '.md')}" + (f", {png}" if png else ""))


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "compare":
        if len(argv) != 3:
            print("usage: python -m bench compare BEFORE.json AFTER.json", file=sys.stderr)
            return 2
        before, after = (json.loads(Path(p).read_text(encoding="utf-8")) for p in argv[1:])
        print(compare_table(before, after))
        return 0
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--code", default=str(BENCH_ROOT), help="checkout whose qa/ and app.py to measure (default: this one)")
    parser.add_argument("--label", default="latest", help="results file name (bench/results/LABEL.json|.md|_scale.png)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure on the real corpus (medians)")
    parser.add_argument("--passes", type=int, default=2, help="passes over the gold questions in a warm run")
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="scale-curve sizes in passages ('' to skip)")
    parser.add_argument("--scale-questions", type=int, default=40, help="gold questions timed at each scale size")
    parser.add_argument("--naive-max", type=int, default=50000, help="largest scale size to run the naive pipeline on")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive pipeline")
    parser.add_argument("--naive-scale-only", action="store_true", help="scale curve for the naive pipeline only (ours measured in another run)")
    parser.add_argument("--no-app", action="store_true", help="skip the web app start-up figure")
    parser.add_argument("--quick", action="store_true", help="1 run, scale 1k only")
    parser.add_argument("--out", type=Path, default=BENCH_ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.sizes = 1, "1000"
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    try:
        results = measure(args)
    except BenchError as exc:
        print(f"bench failed: {exc}", file=sys.stderr)
        return 1
    write(results, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
