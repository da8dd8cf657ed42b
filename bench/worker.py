"""One measurement in a fresh process: `python -m bench.worker TASK [options]`.

Prints one line `BENCH_RESULT {json}` on stdout (library chatter goes to stderr or is
ignored by the parent). `BENCH_CODE` puts another checkout's `qa` first on sys.path, so the
same bench can measure the code before and after a change. Index and corpus come from
`QA_INDEX_DIR` / `QA_CORPUS_DIR`, set by the parent to temp folders.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

_T_START = time.perf_counter()
if os.environ.get("BENCH_CODE"):
    sys.path.insert(0, os.environ["BENCH_CODE"])


def emit(result: dict) -> None:
    print("BENCH_RESULT " + json.dumps(result), flush=True)


def main(argv: list[str] | None = None) -> int:
    from pathlib import Path

    parser = argparse.ArgumentParser(prog="python -m bench.worker")
    parser.add_argument("task", choices=["build", "warm", "cold", "naive_warm", "naive_cold"])
    parser.add_argument("--what", choices=["ask", "retrieve"], default="ask", help="warm: which call to time")
    parser.add_argument("--gold", type=Path)
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N gold items")
    parser.add_argument("--question", default="Who is Sergei Ryabkov?")
    args = parser.parse_args(argv)

    if args.task == "cold":
        from qa import Assistant

        t_import = time.perf_counter()
        bot = Assistant()
        t_init = time.perf_counter()
        answer = bot.ask(args.question)
        t_answer = time.perf_counter()
        emit({"import_s": t_import - _T_START, "init_s": t_init - t_import, "first_ask_s": t_answer - t_init,
              "in_process_s": t_answer - _T_START, "cpu_to_answer_s": time.process_time(), "answered": bool(answer.answered)})
        return 0

    from .gold import load_gold
    from .probes import Naive, build_ours, peak_rss_mb, query_naive, query_ours

    items = load_gold(args.gold) if args.gold else []
    if args.limit:
        items = items[: args.limit]
    if args.task == "build":
        from qa.settings import Settings

        settings = Settings()
        result = build_ours(settings, settings.corpus_dir)
    elif args.task == "warm":
        from qa import Assistant

        t0 = time.perf_counter()
        bot = Assistant(build_if_missing=False)
        result = {"init_s": time.perf_counter() - t0}
        result.update(query_ours(bot, items, passes=args.passes, what=args.what))
    elif args.task == "naive_warm":
        from qa.settings import Settings, default_model_dir

        naive = Naive(Settings().corpus_dir, default_model_dir())
        result = {"model_s": naive.model_s, "build_s": naive.build_s, "chunks": naive.chunks,
                  "chunks_per_s": naive.chunks / naive.build_s if naive.build_s else float("nan")}
        result.update(query_naive(naive, items, passes=args.passes))
    else:  # naive_cold: a starter script is in-memory, so its first answer includes the build
        from qa.settings import Settings, default_model_dir

        naive = Naive(Settings().corpus_dir, default_model_dir())
        naive.ask(args.question)
        result = {"in_process_s": time.perf_counter() - _T_START, "peak_rss_mb": peak_rss_mb()}
    import qa

    result["qa_path"] = os.path.dirname(qa.__file__)
    emit(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
