"""`python -m eval.topic_change`: a question asked after an unrelated one, against the same
question alone, on the real assistant."""
from pathlib import Path

from eval.gold_schema import load_gold
from eval.topic_change import AfterUnrelated, measure, unrelated_turns

GOLD = Path(__file__).resolve().parents[2] / "eval" / "gold.jsonl"


def _items(n: int = 8):
    items = [i for i in load_gold(GOLD) if not i.follows and i.answerable]
    docs: dict[str, list] = {}
    for item in items:
        docs.setdefault(item.doc, []).append(item)
    # two articles, alternating, so that every question has an unrelated one
    a, b = [docs[d] for d in sorted(docs)[:2]]
    return [x for pair in zip(a, b) for x in pair][:n]


def test_each_question_gets_an_unrelated_turn_about_another_article(assistant):
    items = _items()
    turns = unrelated_turns(assistant, items)
    doc_of = {i.question: i.doc for i in items}
    assert set(turns) == {i.question for i in items}
    assert all(doc_of[q] != doc_of[before] and answer for q, (before, answer) in turns.items())
    proxy = AfterUnrelated(assistant, turns)
    named = next(i.question for i in items if "Putin" in i.question or "NATO" in i.question)
    assert proxy.ask(named).query == assistant.ask(named).query  # names its topic: the chat changes nothing


def test_measure_reports_both_ways_and_how_many_questions_changed(assistant):
    m = measure(assistant, _items())
    assert m["questions"] == 8 and 0 <= m["changed"] <= 8
    assert 0.0 <= m["fact_after"] <= 1.0 and 0.0 <= m["fact_alone"] <= 1.0
    if m["changed"] == 0:
        assert m["fact_after"] == m["fact_alone"] and m["hit3_after"] == m["hit3_alone"]
