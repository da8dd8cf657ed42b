"""`python -m eval.tune_retrieval`: choose the dense/BM25 fusion weights by grouped cross-validation.

Dev sets only (`eval/gold.jsonl`, `eval/dev/paraphrases.jsonl` over `corpus/`, `eval/dev/web.jsonl`
over the web pages): the paraphrases are there so that the choice does not favour questions
that reuse the articles' words. Each question's dense and BM25 rankings are computed once and
fused offline for every grid point; folds are groups of articles. Prints the grid, the
cross-validated hit@3 of the per-fold choice, and the choice over all dev items.
"""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from qa.retrieve.hybrid import find_source_mention, fuse

from .gold_schema import history_chain, load_gold
from .metrics import contains_any
from .suite import open_assistant
from .train_answerer import dev_sets, group_folds

DENSE_GRID = (0.3, 0.5, 0.7, 1.0, 1.5, 2.0)
RRF_GRID = (1, 5, 20, 60)


def rankings(bot: Any, items: list, prefix: str) -> list[tuple[str, Any, Any, set[str], tuple[str, ...]]]:
    retriever = bot.answerer.retriever
    texts = {info.doc_id: bot.document_text(info.doc_id) for info in bot.library()}
    by_id = {i.id: i for i in items}
    out = []
    for item in items:
        if not item.answerable:
            continue
        history = [(t.question, "") for t in history_chain(item, by_id)]
        query = bot.standalone_query(item.question, history or None)
        mention = find_source_mention(query, retriever.sources)
        docs = sorted(d for d, t in texts.items() if contains_any(t, item.evidence))
        out.append((f"{prefix}:{docs[0] if docs else 'none'}", retriever.dense_nodes(mention.query),
                    retriever.bm25_nodes(mention.query), mention.doc_ids, item.evidence))
    return out


def hit3(row, dense: float, rrf_k: int) -> float:
    _, dense_nodes, bm25_nodes, named, evidence = row
    fused = fuse([(dense, dense_nodes), (1.0, bm25_nodes)], rrf_k)
    if named:
        fused.sort(key=lambda item: item[2].metadata.get("doc_id") not in named)
    return float(any(contains_any(node.get_content(), evidence) for _, _, node in fused[:3]))


def main() -> int:
    from qa import Assistant

    rows = []
    with tempfile.TemporaryDirectory(prefix="qa-tune-") as tmp:
        default = Assistant()
        bots: dict[Path, Any] = {}
        for name, gold, corpus in dev_sets():
            bot = default if corpus is None else bots.setdefault(corpus, open_assistant(corpus, Path(tmp) / name))
            rows += rankings(bot, load_gold(gold), "five" if corpus is None else corpus.parent.name)
    grid = [(d, k) for d in DENSE_GRID for k in RRF_GRID]
    scores = np.array([[hit3(r, d, k) for d, k in grid] for r in rows])
    folds = np.array(group_folds([r[0] for r in rows]))
    held_out = []
    for f in sorted(set(folds)):
        best = int(np.argmax(scores[folds != f].mean(axis=0)))
        held_out.extend(scores[folds == f, best])
    for (d, k), s in zip(grid, scores.mean(axis=0)):
        print(f"dense {d:<4} bm25 1.0 rrf_k {k:<3} hit@3 {s:.3f}")
    best = int(np.argmax(scores.mean(axis=0)))
    print(f"{len(rows)} answerable dev questions; grouped-CV hit@3 of the per-fold choice: {np.mean(held_out):.3f}")
    print(f"choice over all dev items: dense {grid[best][0]}, bm25 1.0, rrf_k {grid[best][1]} (hit@3 {scores.mean(axis=0)[best]:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
