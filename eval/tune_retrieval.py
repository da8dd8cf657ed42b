"""`python -m eval.tune_retrieval`: choose the dense/BM25 fusion weights by grouped cross-validation,
and measure a candidate third leg (passages ranked by their best sentence).

Dev sets only (`eval/gold.jsonl`, `eval/dev/paraphrases.jsonl` over `corpus/`, `eval/dev/web.jsonl`
over the web pages): the paraphrases are there so that the choice does not favour questions
that reuse the articles' words. Each question's dense and BM25 rankings are computed once and
fused offline for every grid point; folds are groups of articles. Prints, for hit@3 and hit@5,
the cross-validated figure of the per-fold choice and the choice over all dev items, with and
without the best-sentence leg.
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
    sentence_leg = best_sentence_ranking(store, [node.node_id for node in passages])
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
                       retriever.bm25_ids(mention.query), sentence_leg(mention.query),
                       mention.doc_ids, hits, doc_of))
    return out


def best_sentence_ranking(store: Any, passage_ids: list[str]) -> Any:
    """A candidate third leg, measured here and not in the product: passages ranked by their
    most similar sentence (the sentence vectors the answer step reads; brute force over the
    dev corpora). Grouped CV over the dev sets: hit@3 0.806 → 0.812, hit@5 0.879 → 0.867, and
    the answer step's fact recall fell on two of the three dev sets; so it is off."""
    stored = store.sentences.passage_vectors(passage_ids)
    owners = [pid for pid, (offsets, _) in stored.items() for _ in offsets]
    matrix = np.concatenate([vectors for _, vectors in stored.values() if len(vectors)])

    def leg(query: str, depth: int = 30) -> list[str]:
        sims = matrix @ np.asarray(store.embed_model.get_query_embedding(query), dtype=np.float32)
        best: dict[str, float] = {}
        for owner, sim in zip(owners, sims):
            best[owner] = max(best.get(owner, -1.0), float(sim))
        return sorted(best, key=lambda pid: (-best[pid], pid))[:depth]

    return leg


def hit_at(row: Row, dense: float, sentence: float, rrf_k: int, k: int = 3) -> float:
    fused = fuse([(dense, row.dense), (1.0, row.bm25), (sentence, row.sentence)], rrf_k)
    if row.named:
        fused.sort(key=lambda item: row.doc_of.get(item[0]) not in row.named)
    return float(any(passage_id in row.hits for passage_id, _, _ in fused[:k]))


def cross_validated(rows: list[Row], grid: list[tuple[float, float, int]], k: int) -> tuple[float, np.ndarray]:
    """(grouped-CV hit@k of the per-fold choice, in-sample hit@k of every grid point)."""
    scores = np.array([[hit_at(r, d, s, q, k) for d, s, q in grid] for r in rows])
    folds = np.array(group_folds([r.group for r in rows]))
    held_out = []
    for f in sorted(set(folds)):
        best = int(np.argmax(scores[folds != f].mean(axis=0)))
        held_out.extend(scores[folds == f, best])
    return float(np.mean(held_out)), scores.mean(axis=0)


def main() -> int:
    from qa import Assistant

    rows = []
    with tempfile.TemporaryDirectory(prefix="qa-tune-") as tmp:
        default = Assistant()
        bots: dict[Path, Any] = {}
        for name, gold, corpus in dev_sets():
            bot = default if corpus is None else bots.setdefault(corpus, open_assistant(corpus, Path(tmp) / name))
            rows += rankings(bot, load_gold(gold), "five" if corpus is None else corpus.parent.name)
    two_legs = [(d, 0.0, k) for d in DENSE_GRID if d > 0 for k in RRF_GRID]
    three_legs = [(d, s, k) for d in DENSE_GRID for s in SENTENCE_GRID for k in RRF_GRID if d + s > 0]
    print(f"{len(rows)} answerable dev questions; grouped {len(set(group_folds([r.group for r in rows])))}-fold CV by article")
    for k in (3, 5):  # the answer step reads the top 5 passages
        cv2, means2 = cross_validated(rows, two_legs, k)
        cv3, means3 = cross_validated(rows, three_legs, k)
        best2, best3 = int(np.argmax(means2)), int(np.argmax(means3))
        print(f"hit@{k}: dense+BM25 CV {cv2:.3f} (all dev: dense {two_legs[best2][0]}, rrf_k {two_legs[best2][2]}, "
              f"{means2[best2]:.3f}); + best-sentence leg CV {cv3:.3f} (all dev: dense {three_legs[best3][0]}, "
              f"sentence {three_legs[best3][1]}, rrf_k {three_legs[best3][2]}, {means3[best3]:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
