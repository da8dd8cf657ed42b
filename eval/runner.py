"""Running a gold set through an answerer and judging every item.

The runner speaks to anything with `ask(question, history=, k=, mode=) -> Answer` and
`retrieve(query, k) -> list[Passage]` — our `Assistant`, or the naive llama-index pipeline of
`eval.naive` — so both are scored by the same code on the same items.

Follow-ups: the history of an item with `follows` is the chain of earlier turns with *our own
answers from this run*, as a user would see them; hit@k is measured on the passages the
answerer saw for its standalone query (`answer.query`, i.e. `qa.retrieve.followups.condense(...)`).
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Callable, Protocol, Sequence

from .gold_schema import GoldItem, history_chain
from .metrics import contains_any, judge
from .records import CitedRecord, ItemResult, RetrievedRecord

WARM_UP_QUESTION = "What is this article about?"


class Answerer(Protocol):
    def ask(self, question: str, history: Any = None, k: int | None = None, mode: str | None = None) -> Any: ...

    def retrieve(self, question: str, k: int | None = None) -> list[Any]: ...


@dataclass
class RunConfig:
    """The knobs of one run; the regression test turns them to break things on purpose."""

    k: int = 5
    mode: str = "extractive"
    bm25_off: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"k": self.k, "mode": self.mode, "bm25_off": self.bm25_off}


def _ordered(items: Sequence[GoldItem]) -> list[GoldItem]:
    """Items in file order, except that a turn always comes after the turn it follows."""
    by_id = {i.id: i for i in items}
    done: set[str] = set()
    out: list[GoldItem] = []
    for item in items:
        for turn in history_chain(item, by_id) + [item]:
            if turn.id not in done:
                done.add(turn.id)
                out.append(turn)
    return out


def run_items(
    answerer: Answerer,
    items: Sequence[GoldItem],
    k: int = 5,
    mode: str | None = None,
    progress: Callable[[GoldItem], None] | None = None,
    warm_up: bool = True,
) -> list[ItemResult]:
    """Ask every item (follow-ups with their history), retrieve what the answerer saw, judge.

    Returns results in the gold file's order. Latency is the wall time of `ask` alone; one
    untimed warm-up question first keeps lazy loading out of the first item's latency.
    """
    by_id = {i.id: i for i in items}
    if warm_up:
        answerer.ask(WARM_UP_QUESTION, k=k, mode=mode)
    answers: dict[str, str] = {}
    results: dict[str, ItemResult] = {}
    for item in _ordered(items):
        history = [(turn.question, answers[turn.id]) for turn in history_chain(item, by_id)]
        start = time.perf_counter()
        answer = answerer.ask(item.question, history=history or None, k=k, mode=mode)
        latency_ms = (time.perf_counter() - start) * 1000.0
        answers[item.id] = answer.text
        query = answer.query or item.question
        passages = answerer.retrieve(query, k=k)
        cited_texts = [c.passage.text for c in answer.citations]
        result = ItemResult(
            id=item.id,
            kind=item.kind,
            question=item.question,
            answerable=item.answerable,
            must_pass=item.must_pass,
            query=query,
            answered=bool(answer.answered),
            answer=answer.text,
            citations=[
                CitedRecord(
                    doc_id=c.passage.doc_id,
                    quote=c.quote,
                    passage_id=c.passage.passage_id,
                    supported=bool(getattr(c, "supported", True)),
                )
                for c in answer.citations
            ],
            retrieved=[
                RetrievedRecord(p.passage_id, p.doc_id, item.answerable and contains_any(p.text, item.evidence))
                for p in passages
            ],
            confidence=getattr(answer, "confidence", None),
            latency_ms=round(latency_ms, 1),
        )
        results[item.id] = judge(item, result, [p.text for p in passages], cited_texts)
        if progress is not None:
            progress(item)
    return [results[i.id] for i in items]


def configure(bot: Any, config: RunConfig) -> Callable[[], None]:
    """Apply the run's retrieval knobs to an Assistant; returns the function that undoes them."""
    if not config.bm25_off:
        return lambda: None
    weights = bot.retriever.weights
    old = weights.bm25
    weights.bm25 = 0.0

    def restore() -> None:
        weights.bm25 = old

    return restore


def run_ours(bot: Any, items: Sequence[GoldItem], config: RunConfig, progress: Callable[[GoldItem], None] | None = None) -> list[ItemResult]:
    """Score our Assistant under `config` (its knobs are restored afterwards)."""
    restore = configure(bot, config)
    try:
        return run_items(bot, items, k=config.k, mode=config.mode, progress=progress)
    finally:
        restore()
