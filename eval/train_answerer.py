"""`python -m eval.train_answerer`: retrain the answer models on the dev sets and choose the policy.

Reads **dev sets only** (`eval/gold.jsonl` and `eval/dev/paraphrases.jsonl` over `corpus/`,
`eval/dev/web.jsonl` over the web pages); blind sets are never read here. Writes
`qa/data/answer_model.json`.

Examples:
- every candidate sentence of the top-5 passages of every dev question is a sentence example,
  positive when it overlaps an evidence quote;
- every dev question is a question example (answerable or not), and so is its
  **leave-one-article-out near miss**: the same answerable question asked with the passages of
  its evidence article(s) removed from retrieval, which must be refused.
Choices, all by cross-validation grouped by article (an article's questions are never split
between training and test folds): the regularisation C of both models; the answer threshold,
the highest one that still answers 95 % of the answerable questions of each dev set out-of-fold (see
`operating_threshold`); the extra-sentence ratio, maximising the mean F2 of fact recall and
sentence precision on out-of-fold sentence probabilities. Then, by out-of-fold fact recall (as
`python -m eval` counts it) with the one-standard-error rule: how many passages the answer step
reads (`DEPTH_GRID`: the shallowest within one paired standard error of the best) and, at that
depth, how many name-less sentence variants a question may embed (`MASKED_GRID`, the fewest
within one standard error). Each option is a full retraining (about a minute each).
"""
from __future__ import annotations

import argparse
import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from qa.answer.features import QUESTION_FEATURES, SENTENCE_FEATURES, Candidate, matrix, question_features
from qa.answer.model import FIXED_POLICY, MODEL_FILE, AnswerModels, AnswerPolicy, LinearModel, fit_linear

from .gold_schema import GoldItem, history_chain, load_gold
from .metrics import contains, contains_any, longest_common_run
from .suite import DEV_DIR, EVAL_DIR, WEB_CORPUS, open_assistant

K = 5
DEPTH_GRID = (5, 8, 10, 12, 15, 20)  # passages the answer step reads: chosen by out-of-fold fact recall
MASKED_GRID = (1, 2, 4, 8)  # name-less sentence variants per question (besides all): the same
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
RATIO_GRID = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
FOLDS = 5


@dataclass
class QuestionExample:
    item_id: str
    group: str
    answerable: bool
    facts: list[list[str]]
    cands: list[Candidate]
    labels: list[int]
    q: Any = None
    kind: str = ""
    oof: list[float] = field(default_factory=list)
    dev_set: str = ""  # which dev set it came from (the answered target holds per set)


def _holds_evidence(sentence: str, evidence: tuple[str, ...]) -> bool:
    return any(contains(sentence, ev) or contains(ev, sentence) or longest_common_run(sentence, ev) >= 6 for ev in evidence)


def _placeholder_models(masked_sentences: int = 0) -> AnswerModels:
    zeros = LinearModel(tuple(SENTENCE_FEATURES), np.zeros(len(SENTENCE_FEATURES)), np.ones(len(SENTENCE_FEATURES)),
                        np.zeros(len(SENTENCE_FEATURES)), 0.0)
    qzeros = LinearModel(tuple(QUESTION_FEATURES), np.zeros(len(QUESTION_FEATURES)), np.ones(len(QUESTION_FEATURES)),
                         np.zeros(len(QUESTION_FEATURES)), 0.0)
    return AnswerModels(zeros, qzeros, AnswerPolicy(masked_sentences=masked_sentences), {})


def collect(bot: Any, items: list[GoldItem], prefix: str, dev_set: str = "", depth: int = K,
            masked_sentences: int = 0) -> list[QuestionExample]:
    """Question examples of one dev set, plus the leave-one-article-out near misses."""
    from qa.answer.extractive import ExtractiveAnswerer

    answerer = ExtractiveAnswerer(bot.embed_model, bot.answerer.retriever, _placeholder_models(masked_sentences))
    texts = {info.doc_id: bot.document_text(info.doc_id) for info in bot.library()}
    by_id = {i.id: i for i in items}
    out: list[QuestionExample] = []
    for item in items:
        history = [(turn.question, "") for turn in history_chain(item, by_id)]
        query = bot.standalone_query(item.question, history or None)
        docs = sorted(d for d, t in texts.items() if item.answerable and contains_any(t, item.evidence))
        group = f"{prefix}:{docs[0] if docs else (item.doc or 'none')}"
        passages = answerer.candidates(query, depth)
        q, cands = answerer.featurize(query, passages)
        labels = [int(item.answerable and _holds_evidence(c.text, item.evidence)) for c in cands]
        facts = [list(g) for g in item.facts]
        out.append(QuestionExample(item.id, group, item.answerable, facts, cands, labels, q, item.kind, dev_set=dev_set))
        if item.answerable and docs and item.follows is None:
            wider = answerer.candidates(query, depth + 40)
            kept = [p for p in wider if p.doc_id not in docs][:depth]
            q2, cands2 = answerer.featurize(query, kept)
            out.append(QuestionExample(item.id + "#loo", group, False, [], cands2, [0] * len(cands2), q2, "leave_one_out",
                                       dev_set=dev_set))
    return out


def group_folds(groups: list[str], folds: int = FOLDS) -> list[int]:
    """Deterministic fold of each group: groups sorted by name, dealt round-robin."""
    names = sorted(set(groups))
    fold_of = {g: i % folds for i, g in enumerate(names)}
    return [fold_of[g] for g in groups]


def _auc(pos: list[float], neg: list[float]) -> float | None:
    if not pos or not neg:
        return None
    p, n = np.asarray(pos)[:, None], np.asarray(neg)[None, :]
    return float(((p > n).sum() + 0.5 * (p == n).sum()) / (p.size * n.size))


def sentence_oof(examples: list[QuestionExample], c: float) -> None:
    folds = group_folds([e.group for e in examples])
    rows = [(f, cand, lab) for e, f in zip(examples, folds) for cand, lab in zip(e.cands, e.labels)]
    x = matrix([cand.features for _, cand, _ in rows], SENTENCE_FEATURES)
    y = np.array([lab for _, _, lab in rows])
    fold = np.array([f for f, _, _ in rows])
    oof = np.zeros(len(rows))
    for k in range(FOLDS):
        train, test = fold != k, fold == k
        if test.any() and len(set(y[train])) == 2:
            oof[test] = fit_linear(x[train], y[train], SENTENCE_FEATURES, c).probability(x[test])
    i = 0
    for e in examples:
        e.oof = list(oof[i : i + len(e.cands)])
        i += len(e.cands)


def question_rows(examples: list[QuestionExample]) -> list[dict[str, float]]:
    rows = []
    for e in examples:
        for cand, p in zip(e.cands, e.oof):
            cand.probability = p
        ranked = sorted(e.cands, key=lambda c: -c.probability)
        rows.append(question_features(e.q, ranked))
    return rows


def question_oof(examples: list[QuestionExample], rows: list[dict[str, float]], c: float) -> np.ndarray:
    x = matrix(rows, QUESTION_FEATURES)
    y = np.array([int(e.answerable) for e in examples])
    fold = np.array(group_folds([e.group for e in examples]))
    oof = np.zeros(len(examples))
    for k in range(FOLDS):
        train, test = fold != k, fold == k
        if test.any():
            oof[test] = fit_linear(x[train], y[train], QUESTION_FEATURES, c).probability(x[test])
    return oof


ANSWERED_TARGET = 0.95  # the answers issue: answer at least 95 % of answerable questions


def operating_threshold(examples: list[QuestionExample], probs: np.ndarray, target: float = ANSWERED_TARGET) -> float:
    """The highest threshold that still answers `target` of the answerable questions of *every*
    dev set: refusals are spent only where the answerability score is confident. (On near misses
    written in the articles' names the score separates poorly, so a balanced-accuracy threshold
    refused half of the answerable paraphrases while catching few more near misses.) Per set,
    because the target is per set and questions in the asker's own words score lower than those
    reusing the articles' words: a threshold met on all dev sets pooled answered only 0.926 of
    the paraphrased ones."""
    ans = np.array([e.answerable for e in examples])
    names = np.array([e.dev_set for e in examples])
    best = 0.95
    for name in sorted(set(names[ans])):
        mine = probs[ans & (names == name)]
        met = [round(float(t), 2) for t in np.arange(0.05, 0.96, 0.01) if (mine >= t).mean() >= target]
        best = min(best, max(met) if met else 0.05)
    return best


def best_threshold(examples: list[QuestionExample], probs: np.ndarray) -> tuple[float, float]:
    """Threshold maximising balanced accuracy (answered answerable, refused unanswerable); the
    written near misses and the leave-one-out ones weigh the same in the refused share, so the
    many easy leave-one-out questions cannot hide the hard written ones."""
    ans = np.array([e.answerable for e in examples])
    loo = np.array([e.kind == "leave_one_out" for e in examples])
    written = ~ans & ~loo
    best = (0.5, -1.0)
    for t in np.arange(0.05, 0.96, 0.01):
        refused = 0.5 * ((probs[written] < t).mean() + (probs[loo] < t).mean()) if written.any() and loo.any() else (probs[~ans] < t).mean()
        bal = 0.5 * ((probs[ans] >= t).mean() + refused)
        if bal > best[1] + 1e-9:
            best = (round(float(t), 2), float(bal))
    return best


BETA = 2.0  # recall counts double: a missing fact makes a wrong answer, an extra sentence costs a glance


def _chosen(e: QuestionExample, ratio: float, max_sentences: int = 3) -> list[int]:
    """The sentences the answer step would quote, by out-of-fold probability (`select`'s ratio
    rule; its check for near-duplicate sentences is left out)."""
    order = sorted(range(len(e.cands)), key=lambda i: -e.oof[i])
    best = e.oof[order[0]]
    return [order[0]] + [i for i in order[1:max_sentences] if e.oof[i] >= ratio * best]


def cv_facts_found(examples: list[QuestionExample], answered: np.ndarray, ratio: float) -> dict[str, tuple[str, float]]:
    """Out-of-fold share of each answerable question's facts found in the quoted sentences, as
    `python -m eval` counts it (0 when it is refused): item id -> (dev set, share)."""
    out: dict[str, tuple[str, float]] = {}
    for e, said in zip(examples, answered):
        if not e.answerable or not e.facts:
            continue
        found = 0.0
        if said and e.cands:
            texts = [e.cands[i].text for i in _chosen(e, ratio)]
            found = sum(any(contains_any(t, g) for t in texts) for g in e.facts) / len(e.facts)
        out[f"{e.dev_set}/{e.item_id}"] = (e.dev_set, found)
    return out


def cv_fact_recall(found: dict[str, tuple[str, float]]) -> dict[str, float]:
    """Out-of-fold fact recall per dev set, from what `cv_facts_found` gave."""
    per_set: dict[str, list[float]] = {}
    for dev_set, share in found.values():
        per_set.setdefault(dev_set, []).append(share)
    return {name: round(float(np.mean(v)), 4) for name, v in sorted(per_set.items())}


def ratio_score(examples: list[QuestionExample], ratio: float, max_sentences: int = 3) -> float:
    """Mean F-beta (beta 2) of fact recall and sentence precision over answerable questions (out-of-fold)."""
    scores = []
    for e in examples:
        if not e.answerable or not e.facts or not e.cands:
            continue
        texts = [e.cands[i].text for i in _chosen(e, ratio, max_sentences)]
        found = sum(any(contains_any(t, g) for t in texts) for g in e.facts) / len(e.facts)
        precise = sum(any(contains_any(t, g) for g in e.facts) for t in texts) / len(texts)
        b2 = BETA * BETA
        scores.append(0.0 if found + precise == 0 else (1 + b2) * found * precise / (b2 * precise + found))
    return float(np.mean(scores)) if scores else 0.0


def train(examples: list[QuestionExample], log=print, depth: int = K,
          masked_sentences: int = 0) -> tuple[dict[str, Any], dict[str, float]]:
    """(the model file's content, question -> out-of-fold share of its facts found: what the
    depth and variant choices compare)."""
    # 1. sentence model: C by grouped CV (AUC of sentence probabilities on held-out articles)
    best_c, best_auc = C_GRID[0], -1.0
    for c in C_GRID:
        sentence_oof(examples, c)
        pos = [p for e in examples for p, lab in zip(e.oof, e.labels) if lab]
        neg = [p for e in examples for p, lab in zip(e.oof, e.labels) if not lab]
        auc = _auc(pos, neg) or 0.0
        log(f"sentence model C={c}: CV AUC {auc:.3f}")
        if auc > best_auc + 1e-6:
            best_c, best_auc = c, auc
    sentence_oof(examples, best_c)
    # top-1 accuracy on answerable questions whose evidence is among the candidates
    reachable = [e for e in examples if e.answerable and any(e.labels)]
    top1 = np.mean([e.labels[int(np.argmax(e.oof))] for e in reachable]) if reachable else 0.0
    rows = question_rows(examples)
    # 2. question model: C and threshold by grouped CV
    best_qc, best_q = C_GRID[0], (-1.0, 0.5, 0.0)
    for c in C_GRID:
        oof = question_oof(examples, rows, c)
        auc = _auc([p for p, e in zip(oof, examples) if e.answerable], [p for p, e in zip(oof, examples) if not e.answerable]) or 0.0
        threshold, bal = best_threshold(examples, oof)
        log(f"question model C={c}: CV AUC {auc:.3f}, best balanced accuracy {bal:.3f} at {threshold}")
        if auc > best_q[0] + 1e-6:
            best_qc, best_q = c, (auc, threshold, bal)
    oof = question_oof(examples, rows, best_qc)
    balanced_threshold, bal = best_threshold(examples, oof)
    threshold = operating_threshold(examples, oof)
    log(f"answer threshold {threshold} (balanced-accuracy optimum would be {balanced_threshold}, {bal:.3f})")
    ans = np.array([e.answerable for e in examples])
    loo = np.array([e.kind == "leave_one_out" for e in examples])
    answered = float((oof[ans] >= threshold).mean())
    answered_per_set = {name: round(float((oof[ans & (np.array([e.dev_set for e in examples]) == name)] >= threshold).mean()), 4)
                        for name in sorted({e.dev_set for e in examples if e.answerable})}
    refused = float((oof[~ans] < threshold).mean())
    refused_written = float((oof[~ans & ~loo] < threshold).mean())
    refused_loo = float((oof[loo] < threshold).mean())
    pos = [p for p, e in zip(oof, examples) if e.answerable]
    auc_written = _auc(pos, [p for p, e in zip(oof, examples) if not e.answerable and e.kind != "leave_one_out"])
    auc_loo = _auc(pos, [p for p, e in zip(oof, examples) if e.kind == "leave_one_out"])
    log(f"question model CV AUC vs written unanswerable {auc_written}, vs leave-one-out {auc_loo}")
    # 3. extra-sentence ratio
    ratio_scores = {r: ratio_score(examples, r) for r in RATIO_GRID}
    ratio = max(ratio_scores, key=lambda r: (ratio_scores[r], r))
    log(f"extra-sentence ratio: {ratio} ({ratio_scores})")
    found = cv_facts_found(examples, oof >= threshold, ratio)
    fact_recall = cv_fact_recall(found)
    log(f"out-of-fold fact recall per dev set: {fact_recall}")
    # final fits on everything
    x = matrix([c.features for e in examples for c in e.cands], SENTENCE_FEATURES)
    y = np.array([lab for e in examples for lab in e.labels])
    sentence = fit_linear(x, y, SENTENCE_FEATURES, best_c)
    # the question model is fitted on out-of-fold sentence probabilities: on a new question the
    # sentence model's probabilities are out-of-sample too
    question = fit_linear(matrix(rows, QUESTION_FEATURES), ans.astype(int), QUESTION_FEATURES, best_qc)
    sets = sorted({e.group.split(":")[0] for e in examples})
    origin = f"grouped {FOLDS}-fold CV by article over the dev sets ({', '.join(sets)})"
    report = {
        "examples": {"questions": len(examples), "answerable": int(ans.sum()), "unanswerable": int((~ans).sum()),
                     "leave_one_out": sum(e.kind == "leave_one_out" for e in examples),
                     "sentences": int(len(y)), "positive_sentences": int(y.sum()),
                     "articles": len({e.group for e in examples})},
        "cv": {"sentence_auc": round(best_auc, 4), "sentence_top1_when_reachable": round(float(top1), 4),
               "question_auc": round(best_q[0], 4),
               "question_auc_written_unanswerable": round(auc_written or 0.0, 4),
               "question_auc_leave_one_out": round(auc_loo or 0.0, 4), "balanced_accuracy": round(bal, 4),
               "answered_answerable": round(answered, 4), "answered_per_set": answered_per_set,
               "refused_unanswerable": round(refused, 4),
               "refused_written_near_misses": round(refused_written, 4), "refused_leave_one_out": round(refused_loo, 4),
               "balanced_accuracy_threshold": balanced_threshold,
               "ratio_f2": {str(k): round(v, 4) for k, v in ratio_scores.items()},
               "fact_recall_per_set": fact_recall},
    }
    data = {
        "note": "Written by `python -m eval.train_answerer` from the dev sets only; do not edit by hand.",
        "sentence_model": sentence.to_dict() | {"C": best_c},
        "question_model": question.to_dict() | {"C": best_qc},
        "policy": {
            "answer_threshold": threshold,
            "extra_ratio": ratio,
            "max_sentences": 3,
            "answer_passages": depth,
            "masked_sentences": masked_sentences,
            "redundant_cosine": FIXED_POLICY["redundant_cosine"][0],
            "typed_first_ratio": FIXED_POLICY["typed_first_ratio"][0],
            "origins": {
                "answer_threshold": f"highest threshold answering >= {ANSWERED_TARGET} of the answerable questions of each dev set on out-of-fold answerability probabilities, {origin}",
                "extra_ratio": f"max mean F2 (recall weighted double) of fact recall and sentence precision on out-of-fold sentence probabilities, {origin}",
                "answer_passages": f"of the depths trained (`fact_recall_by_depth`), the shallowest whose out-of-fold fact recall is within one standard error (paired, per question) of the best depth's, {origin}",
                "masked_sentences": f"of those trained at that depth (`fact_recall_by_masked`; 0 = every one), the fewest whose out-of-fold fact recall is within one standard error (paired, per question) of the best's, {origin}",
                "max_sentences": "fixed: a short answer (the answers issue asks for at most 3 by default)",
                "redundant_cosine": FIXED_POLICY["redundant_cosine"][1],
                "typed_first_ratio": FIXED_POLICY["typed_first_ratio"][1],
            },
        },
        "report": report,
    }
    return data, {key: share for key, (_, share) in found.items()}


def dev_sets() -> list[tuple[str, Path, Path | None]]:
    return [("dev", EVAL_DIR / "gold.jsonl", None), ("dev-paraphrase", DEV_DIR / "paraphrases.jsonl", None),
            ("web-dev", DEV_DIR / "web.jsonl", WEB_CORPUS)]


def all_dev_sets() -> list[tuple[str, Path, Path | None]]:
    """Every dev set `python -m eval --all` scores (never a blind one; the leave-one-out row is
    the dev set again, whose leave-one-article-out near misses `collect` makes anyway)."""
    from .suite import default_sets

    return [(s.name, s.gold, s.corpus) for s in default_sets() if not s.blind and not s.leave_one_out]


def build_examples(log=print, depth: int = K, masked_sentences: int = 0,
                   sets: list[tuple[str, Path, Path | None]] | None = None) -> list[QuestionExample]:
    """Question examples of `sets` ((name, gold file, corpus or None for `corpus/`); default:
    the dev sets the answer models train on)."""
    import qa.answer.extractive as extractive
    from qa import Assistant

    extractive.default_models = _placeholder_models  # features only: no trained model is needed (or may exist yet)
    examples: list[QuestionExample] = []
    with tempfile.TemporaryDirectory(prefix="qa-train-") as tmp:
        default = Assistant()
        bots: dict[Path, Any] = {}
        for name, gold, corpus in sets or dev_sets():
            if not gold.is_file():
                continue
            if corpus is None:
                bot, prefix = default, "five"
            else:
                bot = bots.get(corpus) or bots.setdefault(corpus, open_assistant(corpus, Path(tmp) / f"index-{len(bots)}"))
                prefix = corpus.parent.name
            got = collect(bot, load_gold(gold), prefix, name, depth, masked_sentences)
            log(f"{name}: {len(got)} question examples")
            examples.extend(got)
    return examples


def gaps_to_best(found: dict[int, dict[str, float]]) -> tuple[int, dict[int, tuple[float, float]]]:
    """(best option, option -> (mean paired shortfall of its per-question fact share against the
    best's, standard error of that mean)), over the questions every option has."""
    keys = sorted(set.intersection(*(set(f) for f in found.values())))
    scores = {d: np.array([f[k] for k in keys]) for d, f in found.items()}
    best = max(scores, key=lambda d: scores[d].mean())
    gaps = {}
    for option, score in scores.items():
        diff = scores[best] - score
        gaps[option] = (float(diff.mean()), float(diff.std(ddof=1) / np.sqrt(len(diff))) if len(diff) > 1 else 0.0)
    return best, gaps


def one_standard_error_choice(found: dict[int, dict[str, float]], cheapest_first: list[int]) -> int:
    """The cheapest option whose out-of-fold fact recall is within one standard error of the best
    option's (the one-standard-error rule, on paired per-question differences): a costlier
    option must beat a cheaper one by more than the noise of ~300 dev questions to be chosen.
    `found`: option -> question -> share of its facts found."""
    best, gaps = gaps_to_best(found)
    return next((o for o in cheapest_first if gaps[o][0] <= gaps[o][1]), best)


def choose_depth(found: dict[int, dict[str, float]]) -> int:
    """The shallowest depth within one standard error of the best (fewer passages: less to read)."""
    return one_standard_error_choice(found, sorted(found))


def choose_masked(found: dict[int, dict[str, float]]) -> int:
    """The fewest name-less variants within one standard error of the best (0 = all: costliest)."""
    return one_standard_error_choice(found, sorted(found, key=lambda m: m or float("inf")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.train_answerer", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL_FILE, help="where to write the model file")
    parser.add_argument("--depth", type=int, nargs="*", default=list(DEPTH_GRID),
                        help="passages the answer step may read (several: chosen by cross-validation)")
    parser.add_argument("--masked", type=int, nargs="*", default=list(MASKED_GRID),
                        help="name-less variants per question to try besides all of them (chosen by cross-validation)")
    parser.add_argument("--all-dev-sets", action="store_true",
                        help="train on every dev set `eval --all` scores, not only dev, dev-paraphrase and web-dev")
    args = parser.parse_args(argv)
    sets = all_dev_sets() if args.all_dev_sets else None
    results: dict[int, dict[str, Any]] = {}
    found: dict[int, dict[str, float]] = {}
    for depth in args.depth:
        print(f"== answer step reading {depth} passages")
        results[depth], found[depth] = train(build_examples(depth=depth, sets=sets), depth=depth)
    depth = choose_depth(found)
    by_masked = {0: results[depth]}
    found_masked = {0: found[depth]}
    for masked in args.masked:
        print(f"== {depth} passages, name-less variants of at most {masked} sentences")
        by_masked[masked], found_masked[masked] = train(build_examples(depth=depth, masked_sentences=masked, sets=sets),
                                                        depth=depth, masked_sentences=masked)
    masked = choose_masked(found_masked)
    data = by_masked[masked]
    cv = data["report"]["cv"]
    cv["fact_recall_by_depth"] = {str(d): r["report"]["cv"]["fact_recall_per_set"] for d, r in sorted(results.items())}
    cv["depth_shortfall_vs_best"] = {str(d): [round(g, 4), round(se, 4)] for d, (g, se) in sorted(gaps_to_best(found)[1].items())}
    cv["fact_recall_by_masked"] = {str(m): r["report"]["cv"]["fact_recall_per_set"] for m, r in sorted(by_masked.items())}
    cv["masked_shortfall_vs_best"] = {str(m): [round(g, 4), round(se, 4)] for m, (g, se) in sorted(gaps_to_best(found_masked)[1].items())}
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(data["report"], indent=1))
    print(f"policy: {data['policy']['answer_threshold']=}, {data['policy']['extra_ratio']=}, {depth=}, {masked=}")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
