"""`python -m eval.topic_change`: does the conversation hurt a question that changes the topic?

Follow-ups are asked together with the question before them when they lean on it
(`qa.retrieve.followups`). The follow-up rows of `eval --all` show what that gains; this shows
what it may cost. Every standalone answerable dev question is asked twice: alone, and right
after an unrelated one (the next dev question about another article, with its answer). A chat
that changes topic should lose nothing. Prints fact recall and hit@3 both ways per corpus, and
how many questions the conversation changed. Dev sets only (no blind set is read); ~2 minutes.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

from .gold_schema import GoldItem, load_gold
from .metrics import summarise
from .runner import run_items
from .suite import DEV_DIR, EVAL_DIR, WEB_CORPUS, open_assistant

CORPORA: dict[str, tuple[Path | None, list[Path]]] = {
    "five articles": (None, [EVAL_DIR / "gold.jsonl", DEV_DIR / "paraphrases.jsonl", DEV_DIR / "paraphrases2.jsonl"]),
    "web pages": (WEB_CORPUS, [DEV_DIR / "web.jsonl", DEV_DIR / "web2.jsonl"]),
}


class AfterUnrelated:
    """Asks a standalone question after the unrelated turn `before[question]` (question, answer)."""

    def __init__(self, bot: Any, before: dict[str, tuple[str, str]]) -> None:
        self.bot, self.before = bot, before

    def ask(self, question: str, history: Any = None, k: int | None = None, mode: str | None = None) -> Any:
        if history is None and question in self.before:
            history = [self.before[question]]
        return self.bot.ask(question, history=history, k=k, mode=mode)

    def retrieve(self, question: str, k: int | None = None) -> Any:
        return self.bot.retrieve(question, k=k)


def unrelated_turns(bot: Any, items: list[GoldItem]) -> dict[str, tuple[str, str]]:
    """For each question, the next one (wrapping round) about another article, with our answer."""
    turns = {}
    for i, item in enumerate(items):
        other = next((o for o in items[i + 1:] + items[:i] if o.doc and item.doc and o.doc != item.doc), None)
        if other is not None:
            turns[item.question] = (other.question, bot.ask(other.question).text)
    return turns


def measure(bot: Any, items: list[GoldItem], k: int = 5) -> dict[str, float]:
    alone = run_items(bot, items, k=k)
    after = run_items(AfterUnrelated(bot, unrelated_turns(bot, items)), items, k=k)
    before, then = summarise(alone), summarise(after)
    return {
        "questions": len(items),
        "changed": sum(1 for r in after if r.query != r.question),
        "fact_alone": before["fact_recall"],
        "fact_after": then["fact_recall"],
        "hit3_alone": before["hit@3"],
        "hit3_after": then["hit@3"],
    }


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(prog="python -m eval.topic_change", description=__doc__.split("\n")[0]).parse_args(argv)
    from qa import Assistant

    with tempfile.TemporaryDirectory(prefix="qa-topic-") as tmp:
        for label, (corpus, files) in CORPORA.items():
            bot = Assistant() if corpus is None else open_assistant(corpus, Path(tmp) / "index")
            items = [i for f in files for i in load_gold(f) if not i.follows and i.answerable]
            m = measure(bot, items)
            print(f"{label}: {m['questions']} questions, {m['changed']} changed by the conversation; "
                  f"fact recall {m['fact_alone']:.3f} alone, {m['fact_after']:.3f} after an unrelated question; "
                  f"hit@3 {m['hit3_alone']:.3f} / {m['hit3_after']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
