"""The cross-validation that chooses `typed_first_ratio` (its arithmetic; the run itself takes minutes)."""
from eval.choose_typed_first import OFF, leave_one_article_out


def test_each_article_is_scored_with_the_ratio_the_other_articles_chose():
    ratios = (0.5, 0.9, OFF)
    # article a: 0.5 helps; articles b and c: 0.9 helps, 0.5 hurts
    scores = {
        ("s", "a1"): {0.5: 1.0, 0.9: 0.0, OFF: 0.0},
        ("s", "b1"): {0.5: 0.0, 0.9: 1.0, OFF: 0.0},
        ("s", "c1"): {0.5: 0.0, 0.9: 1.0, OFF: 1.0},
        ("s", "c2"): {0.5: 0.0, 0.9: 1.0, OFF: 0.0},
    }
    docs = {("s", "a1"): "a", ("s", "b1"): "b", ("s", "c1"): "c", ("s", "c2"): "c"}
    held, chosen = leave_one_article_out(scores, docs, ratios)
    # a held out: b and c prefer 0.9, on which a scores 0; b held out: a + c give 0.9 two, 0.5 one -> 1;
    # c held out: a and b tie 0.5 and 0.9 at 1 each -> the higher ratio, 0.9 -> 2
    assert chosen == {0.9: 3}
    assert held == (0.0 + 1.0 + 2.0) / 4


def test_ties_go_to_the_ratio_that_fires_less():
    scores = {("s", "a1"): {0.5: 1.0, OFF: 1.0}, ("s", "b1"): {0.5: 1.0, OFF: 1.0}}
    docs = {("s", "a1"): "a", ("s", "b1"): "b"}
    _, chosen = leave_one_article_out(scores, docs, (0.5, OFF))
    assert chosen == {OFF: 2}
