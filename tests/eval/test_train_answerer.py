"""The policy choices of `python -m eval.train_answerer`, on made-up out-of-fold scores."""
from __future__ import annotations

import numpy as np

from eval.train_answerer import QuestionExample, group_folds, operating_threshold


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
