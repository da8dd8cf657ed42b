"""The cross-encoder measurement (`python -m eval.reader_experiment`): what it trains on and how
it reports, on made-up examples (the training itself takes half an hour and is not a test)."""
from __future__ import annotations

from types import SimpleNamespace

from eval.reader_experiment import HARD_NEGATIVES, RANDOM_NEGATIVES, UNANSWERABLE_NEGATIVES, report, training_pairs
from eval.train_answerer import QuestionExample


def _example(item: str, answerable: bool, labels: list[int], oof: list[float], kind: str = "lookup",
             facts: list[list[str]] | None = None) -> QuestionExample:
    cands = [SimpleNamespace(text=f"{item} sentence {i}") for i in range(len(labels))]
    return QuestionExample(item, "five:doc", answerable, facts or [], cands, labels, q=SimpleNamespace(topic=f"{item}?"),
                           kind=kind, oof=oof, dev_set="dev")


def test_an_answerable_question_gives_its_evidence_as_positives_and_its_best_scoring_others_as_hard_negatives():
    n = 20
    labels = [1 if i in (3, 15) else 0 for i in range(n)]
    oof = [1.0 - i / n for i in range(n)]  # candidate 0 scores best
    pairs = training_pairs([_example("a", True, labels, oof)])
    positives = {s for _, s, y in pairs if y == 1.0}
    negatives = [s for _, s, y in pairs if y == 0.0]
    assert positives == {"a sentence 3", "a sentence 15"}
    assert len(negatives) == HARD_NEGATIVES + RANDOM_NEGATIVES
    hard = [f"a sentence {i}" for i in range(n) if not labels[i]][:HARD_NEGATIVES]
    assert set(hard) <= set(negatives)  # the best-scoring non-evidence sentences are all in
    assert all(q == "a?" for q, _, _ in pairs)


def test_an_unanswerable_question_gives_only_negatives_and_one_without_reachable_evidence_gives_nothing():
    near_miss = _example("b", False, [0] * 8, [0.1 * i for i in range(8)], kind="leave_one_out")
    unreachable = _example("c", True, [0] * 8, [0.5] * 8)
    pairs = training_pairs([near_miss, unreachable])
    assert [s for _, s, _ in pairs] and all(y == 0.0 for *_, y in pairs)
    assert sorted(s for _, s, _ in pairs) == sorted(f"b sentence {i}" for i in (7, 6, 5))[:UNANSWERABLE_NEGATIVES]


def test_the_report_ranks_by_the_reader_and_counts_the_first_sentences_facts():
    answerable = _example("a", True, [0, 1], [0.9, 0.2], facts=[["sentence 1"]])
    near_miss = _example("b", False, [0, 0], [0.8, 0.1])
    scores = {("dev", "a", 0): -2.0, ("dev", "a", 1): 3.0, ("dev", "b", 0): 0.5, ("dev", "b", 1): 0.0}
    lines: list[str] = []
    report([answerable, near_miss], scores, log=lines.append)
    logistic = next(line for line in lines if line.startswith("logistic + 0.0"))
    reader = next(line for line in lines if line.startswith("reader alone"))
    assert "top1 0.000 fact1 0.000" in logistic  # the logistic model picks sentence 0
    assert "top1 1.000 fact1 1.000" in reader and "aucW 1.0" in reader  # the reader picks sentence 1, and scores a above b
