"""`python -m eval.tune_retrieval`: choose the fusion weights (dense passages, best sentences, BM25)
by grouped cross-validation.

Dev sets only (`eval/gold.jsonl`, `eval/dev/paraphrases.jsonl` over `corpus/`, `eval/dev/web.jsonl`
over the web pages): the paraphrases are there so that the choice does not favour questions
that reuse the articles' words. Each question's dense and BM25 rankings are computed once and
fused offline for every grid point; folds are groups of articles. Prints the grid, the
cross-validated hit@3 of the per-fold choice, and the choice over all dev items.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from qa.retrieve.hybrid import find_source_mention, fuse

from .gold_schema import history_chain, load_gold
from .metrics import contains_any
from .suite import open_assistant
from .train_answerer import dev_sets, group_folds

DENSE_GRID = (0.0, 0.5, 1.0, 1.5, 2.0)
SENTENCE_GRID = (0.0, 0.5, 1.0, 1.5, 2.0)
RRF_GRID = (1, 5, 20, 60)


@dataclass
class Row:
    """One answerable dev question: its group (set:article), each leg's passage ids, the
    documents it names, the passages holding its evidence and each passage's document."""

    group: str
    dense: list[str]
    bm25: list[str]
    sentence: list[str]
    named: set[str]
    hits: set[str]
    doc_of: dict[str, str]


def rankings(bot: Any, items: list, prefix: str) -> list[Row]:
    retriever = bot.answerer.retriever
    store = retriever.store
    texts = {info.doc_id: bot.document_text(info.doc_id) for info in bot.library()}
    passages = store.all_nodes()
    doc_of = {node.node_id: node.metadata.get("doc_id") for node in passages}
    by_id = {i.id: i for i in items}
    out = []
    for item in items:
        if not item.answerable:
            continue
        history = [(t.question, "") for t in history_chain(item, by_id)]
        query = bot.standalone_query(item.question, history or None)
        mention = find_source_mention(query, retriever.sources)
        docs = sorted(d for d, t in texts.items() if contains_any(t, item.evidence))
        hits = {node.node_id for node in passages if contains_any(node.get_content(), item.evidence)}
        out.append(Row(f"{prefix}:{docs[0] if docs else 'none'}", retriever.dense_ids(mention.query),
                       retriever.bm25_ids(mention.query), retriever.sentence_ids(mention.query),
                       mention.doc_ids, hits, doc_of))
    return out


def hit3(row: Row, dense: float, sentence: float, rrf_k: int) -> float:
    fused = fuse([(dense, row.dense), (1.0, row.bm25), (sentence, row.sentence)], rrf_k)
    if row.named:
        fused.sort(key=lambda item: row.doc_of.get(item[0]) not in row.named)
    return float(any(passage_id in row.hits for passage_id, _, _ in fused[:3]))


def main() -> int:
    from qa import Assistant

    rows = []
    with tempfile.TemporaryDirectory(prefix="qa-tune-") as tmp:
        default = Assistant()
        bots: dict[Path, Any] = {}
        for name, gold, corpus in dev_sets():
            bot = default if corpus is None else bots.setdefault(corpus, open_assistant(corpus, Path(tmp) / name))
            rows += rankings(bot, load_gold(gold), "five" if corpus is None else corpus.parent.name)
    grid = [(d, s, k) for d in DENSE_GRID for s in SENTENCE_GRID for k in RRF_GRID if d + s > 0]
    scores = np.array([[hit3(r, d, s, k) for d, s, k in grid] for r in rows])
    folds = np.array(group_folds([r.group for r in rows]))
    held_out = []
    for f in sorted(set(folds)):
        best = int(np.argmax(scores[folds != f].mean(axis=0)))
        held_out.extend(scores[folds == f, best])
    means = scores.mean(axis=0)
    for (d, s, k), m in zip(grid, means):
        print(f"dense {d:<4} sentence {s:<4} bm25 1.0 rrf_k {k:<3} hit@3 {m:.3f}")
    best = int(np.argmax(means))
    current = grid.index((1.0, 0.0, 1))
    print(f"{len(rows)} answerable dev questions; grouped-CV hit@3 of the per-fold choice: {np.mean(held_out):.3f}")
    print(f"without the sentence leg (dense 1.0, bm25 1.0, rrf_k 1): hit@3 {means[current]:.3f}")
    print(f"choice over all dev items: dense {grid[best][0]}, sentence {grid[best][1]}, bm25 1.0, rrf_k {grid[best][2]} "
          f"(hit@3 {means[best]:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
