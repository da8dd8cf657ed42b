"""`python -m eval.choose_typed_first`: choose `AnswerPolicy.typed_first_ratio` by cross-validation.

The rule (`qa.answer.extractive._typed_first`): when the best sentence holds nothing of the
kind the question asks for, the best one that does opens the answer if it scores at least
this share of the best. Which sentences are quoted does not change, only which comes first, so
the measure is the share of answerable items whose first quote holds a fact.

Every value of the grid (and "off") answers the dev sets once; then, for each article in
turn, the value with the most first-quote facts on the *other* articles' items is scored on
this article's items (leave one article out, items grouped by their gold `doc`). The blind sets
are never run here. Prints the in-sample table, the held-out total beside "off", and how often
each value was chosen. About 15 minutes on 2 cores (nineteen dev sets).
"""
from __future__ import annotations

import argparse
import dataclasses
import math
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Sequence

from .gold_schema import load_gold
from .runner import run_items
from .suite import default_sets, open_assistant

GRID = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)
OFF = math.inf  # a ratio no probability reaches: the rule never fires


def _with_ratio(bot: Any, ratio: float) -> None:
    answerer = bot.answerer
    policy = dataclasses.replace(answerer.models.policy, typed_first_ratio=ratio)
    answerer.models = dataclasses.replace(answerer.models, policy=policy)


def first_facts(ratios: Sequence[float], k: int = 5) -> tuple[dict[tuple[str, str], dict[float, float]], dict[tuple[str, str], str]]:
    """(set, item id) -> ratio -> 1.0 when the first quote holds a fact; and (set, id) -> article."""
    from qa import Assistant

    sets = [s for s in default_sets() if not s.blind and not s.leave_one_out]
    scores: dict[tuple[str, str], dict[float, float]] = defaultdict(dict)
    docs: dict[tuple[str, str], str] = {}
    with tempfile.TemporaryDirectory(prefix="qa-typed-first-") as tmp:
        bots: dict[Any, Any] = {None: Assistant()}
        for spec in sets:
            if spec.corpus not in bots:
                bots[spec.corpus] = open_assistant(spec.corpus, Path(tmp) / f"index-{len(bots)}")
        for ratio in ratios:
            for spec in sets:
                bot = bots[spec.corpus]
                _with_ratio(bot, ratio)
                items = load_gold(spec.gold)
                for item in items:
                    if item.answerable:
                        docs[(spec.name, item.id)] = item.doc or item.id
                for result in run_items(bot, items, k=k):
                    if (spec.name, result.id) in docs:
                        scores[(spec.name, result.id)][ratio] = float(result.first_fact)
    return scores, docs


def leave_one_article_out(scores: dict[tuple[str, str], dict[float, float]], docs: dict[tuple[str, str], str],
                          ratios: Sequence[float]) -> tuple[float, Counter]:
    """Held-out share of first-quote facts, and how often each ratio was chosen. Ties go to the
    higher ratio (the rule firing less often)."""
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in scores:
        groups[docs[key]].append(key)
    total = {r: sum(v[r] for v in scores.values()) for r in ratios}
    held, chosen = 0.0, Counter()
    for keys in groups.values():
        train = {r: total[r] - sum(scores[key][r] for key in keys) for r in ratios}
        best = max(ratios, key=lambda r: (round(train[r], 6), r))
        chosen[best] += 1
        held += sum(scores[key][best] for key in keys)
    return held / len(scores), chosen


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.choose_typed_first", description=__doc__.splitlines()[0])
    parser.add_argument("-k", type=int, default=5)
    args = parser.parse_args(argv)
    ratios = (*GRID, OFF)
    scores, docs = first_facts(ratios, k=args.k)
    n = len(scores)
    for r in ratios:
        label = "off" if r == OFF else f"{r:.2f}"
        print(f"{label:>5}  first quote holds a fact, in sample: {sum(v[r] for v in scores.values()) / n:.4f}")
    held, chosen = leave_one_article_out(scores, docs, ratios)
    off = sum(v[OFF] for v in scores.values()) / n
    print(f"leave one article out ({len(set(docs.values()))} articles, {n} items): {held:.4f} held out, off {off:.4f}")
    print("chosen:", ", ".join(f"{'off' if r == OFF else r}: {c}" for r, c in sorted(chosen.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
