"""The policy choices of `python -m eval.train_answerer`, on made-up out-of-fold scores."""
from __future__ import annotations

import numpy as np

from eval.train_answerer import QuestionExample, all_dev_sets, choose_depth, choose_masked, cv_fact_recall, cv_facts_found, group_folds, operating_threshold


def _examples(spec: list[tuple[str, bool]]) -> list[QuestionExample]:
    return [QuestionExample(f"q{i}", f"{name}:doc", ans, [], [], [], dev_set=name) for i, (name, ans) in enumerate(spec)]


def test_the_answer_threshold_answers_the_target_share_of_every_dev_set_not_just_of_all_pooled():
    # "lexical": 20 answerable scored high; "paraphrase": 20 answerable scored lower; 10 unanswerable
    spec = [("lexical", True)] * 20 + [("paraphrase", True)] * 20 + [("paraphrase", False)] * 10
    probs = np.array([0.9] * 20 + [0.305 + 0.01 * i for i in range(20)] + [0.1] * 10)
    examples = _examples(spec)
    threshold = operating_threshold(examples, probs, target=0.95)
    paraphrased = probs[20:40]
    assert (paraphrased >= threshold).mean() >= 0.95  # the harder set meets the target on its own
    assert threshold == 0.31  # the highest that does (pooled, 0.32 answers 0.95 of the 40)
    assert (probs[40:] < threshold).all()  # and the clear refusals stay refused
    pooled = _examples([("all", answerable) for _, answerable in spec])
    assert operating_threshold(pooled, probs, target=0.95) == 0.32


def test_folds_keep_an_article_whole_and_are_deterministic():
    groups = ["five:a", "five:b", "web:c", "five:a", "web:d", "web:c"]
    folds = group_folds(groups, folds=3)
    assert folds == group_folds(list(groups), folds=3)
    for g in set(groups):
        assert len({f for f, h in zip(folds, groups) if h == g}) == 1


def test_out_of_fold_fact_recall_counts_refused_answerable_questions_as_nothing_found():
    from types import SimpleNamespace

    def example(name: str, texts: list[str], oof: list[float], facts: list[list[str]]) -> QuestionExample:
        cands = [SimpleNamespace(text=t) for t in texts]
        return QuestionExample(name, "five:doc", True, facts, cands, [0] * len(cands), oof=oof, dev_set="dev")

    found = example("a", ["The talks were in Geneva.", "Nothing here."], [0.9, 0.1], [["Geneva"]])
    second = example("b", ["Unrelated words.", "It cost 5 dollars."], [0.9, 0.8], [["5 dollars"]])  # joins: 0.8 >= 0.6 * 0.9
    refused = example("c", ["The talks were in Geneva."], [0.9], [["Geneva"]])
    recall = cv_fact_recall(cv_facts_found([found, second, refused], np.array([True, True, False]), ratio=0.6))
    assert recall == {"dev": round(2 / 3, 4)}
    assert cv_fact_recall(cv_facts_found([second], np.array([True]), ratio=0.95)) == {"dev": 0.0}  # 0.8 < 0.95 * 0.9: one sentence


def test_a_deeper_read_is_chosen_only_when_it_beats_a_shallower_one_by_more_than_one_standard_error():
    questions = [f"q{i}" for i in range(100)]
    shallow = {q: 0.5 for q in questions}
    noisy = {q: 0.5 + (0.3 if i % 2 else -0.28) for i, q in enumerate(questions)}  # +0.01 on average, spread 0.29
    steady = {q: 0.5 + (0.1 if i % 3 == 0 else 0.0) for i, q in enumerate(questions)}  # +0.033, nearly every time the same
    assert choose_depth({5: shallow, 15: noisy}) == 5
    assert choose_depth({5: shallow, 15: steady}) == 15
    assert choose_depth({5: shallow, 8: steady, 15: noisy}) == 8
    assert choose_depth({5: steady, 8: shallow}) == 5


def test_all_name_less_variants_count_as_the_costliest_option():
    questions = [f"q{i}" for i in range(50)]
    same = {q: 0.6 for q in questions}
    better = {q: 0.7 for q in questions}
    assert choose_masked({0: same, 2: same, 4: same}) == 2
    assert choose_masked({0: better, 2: same, 4: better}) == 4
    assert choose_masked({0: better, 2: same, 4: same}) == 0


def test_training_on_every_dev_set_reads_no_blind_set_and_each_dev_gold_file_once():
    from eval.suite import default_sets

    sets = all_dev_sets()
    names = [name for name, _, _ in sets]
    blind = {s.name for s in default_sets() if s.blind}
    assert not blind & set(names) and "leave-one-out" not in names
    assert {"dev", "dev-paraphrase", "web-dev", "web-dev-14"} <= set(names)
    assert len({(gold, corpus) for _, gold, corpus in sets}) == len(sets)
    assert all("blind" not in gold.parts for _, gold, _ in sets)
