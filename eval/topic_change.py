"""`python -m eval.topic_change`: does the conversation hurt a question that changes the topic?

Follow-ups are asked together with the question before them when they lean on it
(`qa.retrieve.followups`). The follow-up rows of `eval --all` show what that gains; this shows
what it may cost. Every standalone dev question is asked twice: alone, and right after an
unrelated one (the next answerable dev question about another article, with its answer). A chat
that changes topic should lose nothing: an answerable question keeps its facts, and one the
articles don't answer ("How do I bake sourdough bread?" after a question about Putin) is still
refused, not answered from the earlier turn's passages. Prints fact recall, hit@3 and refusal
recall both ways per corpus, and how many questions the conversation changed. Dev sets only (no
blind set is read); ~4 minutes.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

from .gold_schema import GoldItem, load_gold
from .metrics import summarise
from .runner import run_items
from .suite import default_sets, open_assistant

def dev_corpora() -> dict[str, tuple[Path | None, list[Path]]]:
    """Every corpus of the suite's dev sets, with those sets (follow-up sets too: their first
    turns are standalone questions); blind sets are never read. Labelled by the corpus folder
    ("web3"), the assistant's own corpus as "five articles"."""
    corpora: dict[str, tuple[Path | None, list[Path]]] = {}
    for dev in default_sets():
        if dev.blind or dev.leave_one_out:
            continue
        label = "five articles" if dev.corpus is None else dev.corpus.parent.name
        corpora.setdefault(label, (dev.corpus, []))[1].append(dev.gold)
    return corpora


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
    """For each question, the next answerable one (wrapping round) about another article, with
    our answer; a question about no article (off the corpus's topics) gets the next one."""
    turns = {}
    for i, item in enumerate(items):
        other = next((o for o in items[i + 1:] + items[:i]
                      if o.answerable and o.doc and o.doc != item.doc and o.question != item.question), None)
        if other is not None:
            turns[item.question] = (other.question, bot.ask(other.question).text)
    return turns


def measure(bot: Any, items: list[GoldItem], k: int = 5) -> dict[str, float]:
    alone = run_items(bot, items, k=k)
    after = run_items(AfterUnrelated(bot, unrelated_turns(bot, items)), items, k=k)
    before, then = summarise(alone), summarise(after)
    return {
        "questions": len(items),
        "unanswerable": before["unanswerable"],
        "changed": sum(1 for r in after if r.query != r.question),
        "fact_alone": before["fact_recall"],
        "fact_after": then["fact_recall"],
        "hit3_alone": before["hit@3"],
        "hit3_after": then["hit@3"],
        "refused_alone": before["refusal_recall"],
        "refused_after": then["refusal_recall"],
    }


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(prog="python -m eval.topic_change", description=__doc__.split("\n")[0]).parse_args(argv)
    from qa import Assistant

    with tempfile.TemporaryDirectory(prefix="qa-topic-") as tmp:
        for label, (corpus, files) in dev_corpora().items():
            bot = Assistant() if corpus is None else open_assistant(corpus, Path(tmp) / label / "index")
            items = [i for f in files for i in load_gold(f) if not i.follows]
            m = measure(bot, items)
            print(f"{label}: {m['questions']} questions ({m['unanswerable']} unanswerable), {m['changed']} changed "
                  f"by the conversation; fact recall {m['fact_alone']:.3f} alone, {m['fact_after']:.3f} after an "
                  f"unrelated question; hit@3 {m['hit3_alone']:.3f} / {m['hit3_after']:.3f}; "
                  f"refusal recall {m['refused_alone']:.3f} / {m['refused_after']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
