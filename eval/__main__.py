"""`python -m eval`: score the assistant on the gold set and apply the regression gate.

    python -m eval                      # table; exit 1 if a metric regressed or a must-pass item failed
    python -m eval --compare-naive      # also score the llama-index starter pipeline, side by side
    python -m eval --json               # machine-readable output on stdout
    python -m eval --update-baseline    # accept the current numbers as eval/baseline.json
    python -m eval --gold FILE --baseline FILE -k 1 --bm25-off   # other gold sets, ablations
    python -m eval --corpus DIR --gold FILE        # another corpus, indexed into a temporary folder
    python -m eval --all                # every set (dev, blind, web, leave-one-out) with floor and ceiling

Exit status: 0 gate passed, 1 gate failed, 2 bad input (gold file, baseline, options).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

EVAL_DIR = Path(__file__).resolve().parent
DEFAULT_GOLD = EVAL_DIR / "gold.jsonl"
DEFAULT_BASELINE = EVAL_DIR / "baseline.json"
DEFAULT_RESULTS = EVAL_DIR / "results" / "latest.json"
MODES = ("extractive", "llm")
# Each process holds its own models and indexes (~1 GB); more than this rarely pays on a laptop.
MAX_DEFAULT_JOBS = 4


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m eval", description="Score the QA assistant on a gold set.")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold file (JSON lines, DESIGN.md schema)")
    parser.add_argument("-k", "--k", type=int, default=None, help="passages retrieved per question (default: QA_TOP_K)")
    parser.add_argument("--mode", choices=MODES, default="extractive", help="answer mode (llm needs QA_LLM_URL/QA_LLM_MODEL)")
    parser.add_argument("--compare-naive", action="store_true", help="also score the llama-index starter pipeline")
    parser.add_argument("--json", action="store_true", help="print the full results as JSON instead of tables")
    parser.add_argument("--baseline", type=Path, default=DEFAULT_BASELINE, help="baseline file for the gate")
    parser.add_argument("--update-baseline", action="store_true", help="write this run's metrics as the baseline")
    parser.add_argument("--bm25-off", action="store_true", help="ablation: turn the BM25 leg of retrieval off")
    parser.add_argument("--results", type=Path, default=None, help="where to write per-item results")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="ask the gold set of another corpus folder (indexed into a temporary folder)")
    parser.add_argument("--all", action="store_true",
                        help="run every gold set (dev, blind, web, leave-one-out) with floor and ceiling rows")
    parser.add_argument("--only", default="", help="with --all: a comma-separated subset of the sets (e.g. dev,web-dev)")
    parser.add_argument("--no-references", action="store_true",
                        help="with --all: skip the floor and ceiling rows (the gate reads only ours; ~a fifth faster)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="with --all: processes to run the sets in (default: the CPU count, at most "
                             f"{MAX_DEFAULT_JOBS}); the rows are the same whatever the number")
    args = parser.parse_args(argv)
    if args.all and (args.compare_naive or args.bm25_off or args.mode != "extractive" or args.corpus):
        parser.error("--all runs the default configuration; it takes only -k, --json, --baseline, --update-baseline, --results")
    if args.corpus is not None and not args.corpus.is_dir():
        parser.error(f"--corpus must be a folder of articles, got {args.corpus}")
    if args.results is None:
        args.results = DEFAULT_RESULTS.with_name("all.json") if args.all else DEFAULT_RESULTS
    if args.jobs is not None and not 1 <= args.jobs <= 64:
        parser.error(f"--jobs must be between 1 and 64, got {args.jobs}")
    if args.k is not None and not 1 <= args.k <= 50:
        parser.error(f"-k must be between 1 and 50, got {args.k}")
    return args


def main(argv: list[str] | None = None, bot: Any = None) -> int:
    """Run the eval; `bot` lets tests pass an already opened Assistant (default: `Assistant()`)."""
    args = parse_args(argv)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .gate import check, load_baseline, make_baseline, save_baseline
    from .gold_schema import GoldError, load_gold
    from .metrics import summarise
    from .report import failure_rows, print_report
    from .runner import RunConfig, run_items, run_ours

    err = Console(stderr=True)
    try:
        items = load_gold(args.gold)
        baseline = None if args.update_baseline else load_baseline(args.baseline)
    except (GoldError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    if args.all:
        return main_all(args, bot)
    started = time.perf_counter()
    tmp = None
    if args.corpus is not None:
        import tempfile

        from .suite import open_assistant

        tmp = tempfile.TemporaryDirectory(prefix="qa-eval-")
        bot = open_assistant(args.corpus, Path(tmp.name) / "index")
    elif bot is None:
        from qa import Assistant

        bot = Assistant()
    if args.mode == "llm" and not bot.settings.llm_enabled:
        print("error: --mode llm needs an LLM endpoint: set QA_LLM_URL and QA_LLM_MODEL", file=sys.stderr)
        return 2
    config = RunConfig(k=args.k or bot.settings.top_k, mode=args.mode, bm25_off=args.bm25_off)

    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err, transient=True)
    with progress:
        task = progress.add_task("ours", total=len(items))
        results = run_ours(bot, items, config, progress=lambda _item: progress.advance(task))
        naive_results = None
        if args.compare_naive:
            from .naive import NaivePipeline

            naive = NaivePipeline(bot.settings.corpus_dir, bot.settings.embedding_model_dir)
            task = progress.add_task("naive llama-index", total=len(items))
            naive_results = run_items(naive, items, k=naive.top_k, progress=lambda _item: progress.advance(task))
    elapsed = time.perf_counter() - started

    metrics = summarise(results)
    naive_metrics = summarise(naive_results) if naive_results is not None else None
    gate = check(metrics, results, baseline, args.gold, config.to_dict())
    failures = failure_rows(items, results)
    document: dict[str, Any] = {
        "gold": str(args.gold),
        "config": config.to_dict(),
        "elapsed_s": round(elapsed, 1),
        "metrics": metrics,
        "gate": gate.to_dict(),
        "failures": failures,
        "items": [r.to_dict() for r in results],
    }
    if naive_results is not None:
        document["naive"] = {"config": {"top_k": 2, "pipeline": "SimpleDirectoryReader → VectorStoreIndex"},
                             "metrics": naive_metrics, "items": [r.to_dict() for r in naive_results]}
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    if args.update_baseline:
        save_baseline(args.baseline, make_baseline(metrics, config.to_dict(), args.gold))
        gate.notes.append(f"baseline written to {args.baseline}")

    if args.json:
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        console = Console() if sys.stdout.isatty() else Console(width=160)
        title = f"{args.gold.name}: {len(items)} items, k={config.k}, mode={config.mode}" + (
            ", BM25 off" if config.bm25_off else "") + f" — {elapsed:.0f}s"
        print_report(console, metrics, failures, gate, baseline, naive_metrics, title, str(args.results))
    if not gate.ok:
        print("eval gate failed: " + " | ".join(gate.failures), file=sys.stderr)
    return 0 if gate.ok else 1


def main_all(args: argparse.Namespace, bot: Any = None) -> int:
    """`--all`: every set, one table, one gate over all of them."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .gate import NOISE_ITEMS, POOLED_TOLERANCE, TOLERANCE, check_sets, load_baseline, make_sets_baseline, save_baseline
    from .gold_schema import GoldError
    from .report import failure_rows, print_verdict, suite_table
    from .suite import default_sets, run_all

    try:
        baseline = load_baseline(args.baseline)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    jobs = args.jobs
    if bot is None:
        from qa import Assistant

        bot = Assistant()
        jobs = jobs or min(MAX_DEFAULT_JOBS, os.cpu_count() or 1)
    k = args.k or bot.settings.top_k
    err = Console(stderr=True)
    notes: list[str] = []
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err, transient=True)

    def tick(name: str, total: int):
        task = progress.add_task(name, total=total)
        return lambda _item: progress.advance(task)

    try:
        with progress:
            wanted = {name.strip() for name in args.only.split(",") if name.strip()}
            sets = [s for s in default_sets() if not wanted or s.name in wanted]
            runs = run_all(sets, bot, k, progress=tick, notes=notes, jobs=jobs or 1, references=not args.no_references)
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    rows = [row for run in runs for row in run.rows()]
    ours = {run.spec.name: dict(run.rows()[0][1]) for run in runs}
    references = {name: m for name, m in rows if name not in ours}
    gold = {run.spec.name: run.spec.gold for run in runs}
    gate = check_sets(ours, {run.spec.name: run.ours for run in runs}, gold, baseline,
                      blind=frozenset(run.spec.name for run in runs if run.spec.blind))
    gate.notes[:0] = notes
    config = {"k": k, "mode": "extractive", "bm25_off": False}
    document: dict[str, Any] = {
        "config": config, "elapsed_s": round(elapsed, 1), "gate": gate.to_dict(),
        "sets": {
            run.spec.name: {
                "gold": str(run.spec.gold), "blind": run.spec.blind, "elapsed_s": round(run.elapsed_s, 1),
                "metrics": ours[run.spec.name],
                "floor": references.get(f"{run.spec.name} · floor"), "ceiling": references.get(f"{run.spec.name} · ceiling"),
                "failures": failure_rows(run.items, run.ours) if not run.spec.leave_one_out else
                [r.to_dict() for r in run.ours if not r.passed],
                "items": [r.to_dict() for r in run.ours],
            }
            for run in runs
        },
    }
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.update_baseline:
        data = dict(baseline or {})
        # with --only, the sets not run keep their rows
        data["sets"] = {**(data.get("sets") or {}), **make_sets_baseline(ours, gold, config)}
        dev = next((run for run in runs if run.spec.name == "dev"), None)
        if dev is not None:  # `python -m eval` (the dev set alone) gates on the same numbers
            from .gate import make_baseline

            data.update({k: v for k, v in make_baseline(ours["dev"], config, dev.spec.gold).items() if k != "note"})
        data["references"] = {**(data.get("references") or {}),
                              **{name: {k2: (round(v, 4) if isinstance(v, float) else v) for k2, v in m.items()}
                                 for name, m in references.items()}}
        save_baseline(args.baseline, data)
        gate.notes.append(f"baseline of every set written to {args.baseline}")
    if args.json:
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        console = Console() if sys.stdout.isatty() else Console(width=160)
        blind = {run.spec.name for run in runs if run.spec.blind}
        base_sets = {name: entry.get("metrics", {}) for name, entry in ((baseline or {}).get("sets") or {}).items()}
        console.print(suite_table(rows, blind, base_sets, f"python -m eval --all: k={k} — {elapsed:.0f}s"))
        console.print("[dim]HasAns: hit@3, answered, fact recall, fact in 1st (first cited quote holds a fact). "
                      "NoAns: refusal recall; refusal precision; AUC of the answer score over both. "
                      "floor = two most similar sentences, never refuses; ceiling = facts anywhere in the top 5. "
                      "leave-one-out: answerable dev items asked without their article (must be refused). "
                      f"Red: a gated rate down more than {TOLERANCE} and {NOISE_ITEMS} items; the dev and the "
                      f"blind rows are also gated pooled ({POOLED_TOLERANCE}).[/dim]")
        print_verdict(console, gate, str(args.results))
    if not gate.ok:
        print("eval gate failed: " + " | ".join(gate.failures), file=sys.stderr)
    return 0 if gate.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
