"""`python -m eval`: score the assistant on the gold set and apply the regression gate.

    python -m eval                      # table; exit 1 if a metric regressed or a must-pass item failed
    python -m eval --compare-naive      # also score the llama-index starter pipeline, side by side
    python -m eval --json               # machine-readable output on stdout
    python -m eval --update-baseline    # accept the current numbers as eval/baseline.json
    python -m eval --gold FILE --baseline FILE -k 1 --bm25-off   # other gold sets, ablations

Exit status: 0 gate passed, 1 gate failed, 2 bad input (gold file, baseline, options).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

EVAL_DIR = Path(__file__).resolve().parent
DEFAULT_GOLD = EVAL_DIR / "gold.jsonl"
DEFAULT_BASELINE = EVAL_DIR / "baseline.json"
DEFAULT_RESULTS = EVAL_DIR / "results" / "latest.json"
MODES = ("extractive", "llm")


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
    parser.add_argument("--results", type=Path, default=DEFAULT_RESULTS, help="where to write per-item results")
    args = parser.parse_args(argv)
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

    started = time.perf_counter()
    if bot is None:
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


if __name__ == "__main__":
    raise SystemExit(main())
