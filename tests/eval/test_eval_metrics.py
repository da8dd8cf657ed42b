"""Each eval metric on small hand-computed cases (no model, no index)."""
from __future__ import annotations

import pytest

from eval.gate import TOLERANCE, check, make_baseline
from eval.gold_schema import GoldItem
from eval.metrics import (
    citation_supported,
    contains,
    facts_in,
    first_hit_rank,
    hit_at,
    judge,
    longest_common_run,
    mean_reciprocal_rank,
    normalise,
    percentile,
    quote_matches_evidence,
    refusal_scores,
    summarise,
)
from eval.records import CitedRecord, ItemResult


# ---- normalisation and matching ---------------------------------------------------------
def test_normalise_case_quotes_dashes_space_and_glued_sentences():
    assert normalise("Russia\u2019s  \u201cDemocracy\u00a0Score\u201d \u2013 33") == "russia's \" democracy score\" - 33"
    assert normalise("the Cold War.The NATO") == "the cold war. the nato"
    assert normalise("  a\n\tb  ") == "a b"


def test_contains_normalises_both_sides():
    text = "None of the CSTO members \u2013 Russia, Armenia \u2013 are democratic."
    assert contains(text, "csto members - russia, armenia")
    assert contains("Freedom House calls it a \u201cslightly cohesive dictatorship\u201d", 'a "slightly cohesive')
    assert not contains(text, "Kazakhstan")
    assert not contains(text, "   ")  # an empty quote never matches


def test_first_hit_rank_and_hit_at_k_and_mrr():
    passages = ["nothing here", "Also nothing.", "Putin sent about 100,000 soldiers.", "100,000 again"]
    assert first_hit_rank(passages, ["about 100,000 soldiers"]) == 3
    assert first_hit_rank(passages, ["absent", "100,000 AGAIN"]) == 4
    assert first_hit_rank(passages, ["absent"]) is None
    ranks = [1, 3, None, 2]
    assert hit_at(ranks, 1) == pytest.approx(1 / 4)
    assert hit_at(ranks, 3) == pytest.approx(3 / 4)
    assert hit_at(ranks, 5) == pytest.approx(3 / 4)
    assert mean_reciprocal_rank(ranks) == pytest.approx((1 + 1 / 3 + 0 + 1 / 2) / 4)
    assert hit_at([], 3) is None and mean_reciprocal_rank([]) is None


def test_facts_in_uses_any_alias_per_group():
    found, missing = facts_in("They sent 100 000 troops in 1994.", [["100,000", "100 000"], ["1994"], ["Kyiv", "Kiev"]])
    assert found == ["100,000", "1994"]
    assert missing == ["Kyiv"]


def test_quote_overlap_and_citation_support():
    evidence = ["In 1994, in exchange for Ukraine voluntarily leaving Soviet nuclear weapons"]
    # the quote lies inside the evidence
    assert quote_matches_evidence("in exchange for Ukraine voluntarily leaving", evidence)
    # the quote contains the evidence
    assert quote_matches_evidence("Then: In 1994, in exchange for Ukraine voluntarily leaving Soviet nuclear weapons, it got words.", evidence)
    # partial overlap of exactly 8 consecutive words ("in exchange for ukraine voluntarily leaving soviet nuclear")
    assert longest_common_run("Signed in exchange for Ukraine voluntarily leaving Soviet nuclear arms behind", evidence[0]) == 8
    assert quote_matches_evidence("Signed in exchange for Ukraine voluntarily leaving Soviet nuclear arms behind", evidence)
    # 7 shared words are not enough
    assert not quote_matches_evidence("Signed in exchange for Ukraine voluntarily leaving Soviet arms", evidence)
    # an unrelated quote counts when its passage holds the evidence, unless flagged unsupported
    passage = "Some context. In 1994, in exchange for Ukraine voluntarily leaving Soviet nuclear weapons, ..."
    assert citation_supported("Some context.", passage, evidence)
    assert not citation_supported("Some context.", passage, evidence, flagged_supported=False)
    assert not citation_supported("Some context.", "Some context. Nothing else.", evidence)
    assert not citation_supported("anything", passage, [])  # no evidence: nothing can support


def test_refusal_precision_and_recall():
    # (answerable, refused): 3 unanswerable of which 2 refused; 1 answerable wrongly refused
    pairs = [(False, True), (False, True), (False, False), (True, True), (True, False)]
    precision, recall = refusal_scores(pairs)
    assert precision == pytest.approx(2 / 3)
    assert recall == pytest.approx(2 / 3)
    assert refusal_scores([(True, False)]) == (None, None)
    assert refusal_scores([(False, False)]) == (None, 0.0)


def test_percentile_linear_interpolation():
    assert percentile([4, 1, 3, 2], 50) == pytest.approx(2.5)
    assert percentile(list(range(1, 21)), 95) == pytest.approx(19.05)
    assert percentile([7], 95) == 7
    assert percentile([], 50) is None


# ---- judging items and aggregating a run -------------------------------------------------
def _result(item: GoldItem, answered: bool, answer: str, quotes: list[str], latency: float) -> ItemResult:
    return ItemResult(
        id=item.id, kind=item.kind, question=item.question, answerable=item.answerable, must_pass=item.must_pass,
        query=item.question, answered=answered, answer=answer,
        citations=[CitedRecord(doc_id="d", quote=q) for q in quotes], latency_ms=latency,
    )


A = GoldItem("a", "How many?", facts=(("100,000",),), evidence=("about 100,000 soldiers",))
B = GoldItem("b", "Which?", facts=(("Armenia",), ("Kyrgyzstan",)), evidence=("Russia, Armenia, Belarus",), must_pass=True)
U = GoldItem("u", "How tall?", answerable=False)
V = GoldItem("v", "Who won?", answerable=False)


def _run() -> list[ItemResult]:
    # a: answered, fact found, evidence at rank 2 and in the cited passage
    ra = judge(A, _result(A, True, "About 100,000 soldiers [1]", ["Putin sent about 100,000 soldiers."], 100),
               ["x", "Putin sent about 100,000 soldiers."], ["Putin sent about 100,000 soldiers."])
    # b: answered with one of two facts, evidence at rank 1, but it cites an unrelated passage
    rb = judge(B, _result(B, True, "Armenia is close [1]", ["Armenia is close."], 200),
               ["Russia, Armenia, Belarus and others", "y"], ["Armenia is close."])
    # u: correctly refused; v: wrongly answered
    ru = judge(U, _result(U, False, "The articles don't say.", [], 300), ["z"], [])
    rv = judge(V, _result(V, True, "Biden [1]", ["Biden spoke."], 400), ["Biden spoke."], ["Biden spoke."])
    return [ra, rb, ru, rv]


def test_judge_marks_pass_and_names_reasons():
    ra, rb, ru, rv = _run()
    assert (ra.hit_rank, ra.cite_hit, ra.passed, ra.reasons) == (2, True, True, [])
    assert rb.hit_rank == 1 and not rb.cite_hit and not rb.passed
    assert rb.facts_found == ["Armenia"] and rb.facts_missing == ["Kyrgyzstan"]
    assert any("Kyrgyzstan" in r for r in rb.reasons) and any("cited passage" in r for r in rb.reasons)
    assert ru.passed and not rv.passed
    assert "expected a refusal" in rv.reasons[0]
    refused = judge(A, _result(A, False, "The articles don't say.", [], 1), ["Putin sent about 100,000 soldiers."], [])
    assert not refused.passed and refused.facts_missing == ["100,000"] and "refused" in refused.reasons[0]


def test_summarise_on_a_hand_computed_run():
    m = summarise(_run())
    assert (m["items"], m["answerable"], m["unanswerable"]) == (4, 2, 2)
    assert m["hit@1"] == pytest.approx(0.5)        # only b at rank 1
    assert m["hit@3"] == pytest.approx(1.0)        # a at rank 2
    assert m["mrr"] == pytest.approx((1 / 2 + 1) / 2)
    assert m["cite_hit"] == pytest.approx(0.5)     # a only
    assert m["fact_recall"] == pytest.approx((1 + 1 / 2) / 2)
    assert m["all_facts"] == pytest.approx(0.5)
    assert m["answered"] == pytest.approx(1.0)
    assert m["citation_support"] == pytest.approx(0.5)  # a's citation yes, b's no (v is unanswerable)
    assert m["refusal_precision"] == pytest.approx(1.0)  # the one refusal was right
    assert m["refusal_recall"] == pytest.approx(0.5)     # one of two unanswerable refused
    assert m["latency_p50_ms"] == pytest.approx(250.0)
    assert m["latency_p95_ms"] == pytest.approx(385.0)
    assert m["passed"] == 2


# ---- the gate -------------------------------------------------------------------------
def test_gate_fails_on_a_drop_beyond_tolerance_and_on_must_pass(tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text('{"id": "a", "question": "q", "answerable": false}\n')
    results = _run()
    good = summarise(results)
    baseline = make_baseline(good, {"k": 5}, gold)
    # b is must_pass and failed in this run
    gate = check(good, results, baseline, gold)
    assert not gate.ok and gate.failures == [
        "must-pass item b failed: missing facts: 'Kyrgyzstan'; no cited passage holds an evidence quote"
    ]
    passing = [r for r in results if r.id != "b"]
    within = dict(good, **{"hit@3": good["hit@3"] - TOLERANCE / 2})
    assert check(within, passing, baseline, gold).ok
    worse = dict(good, **{"hit@3": good["hit@3"] - 0.1, "latency_p50_ms": good["latency_p50_ms"] * 4})
    gate = check(worse, passing, baseline, gold)
    assert not gate.ok
    assert any(f.startswith("hit@3 dropped from 1.000 to 0.900") for f in gate.failures)
    assert any(f.startswith("latency_p50_ms rose") for f in gate.failures)
    # 3.5x slower but only 125 ms slower in absolute terms: machine noise, not a regression
    noisy = dict(good, latency_p50_ms=good["latency_p50_ms"] * 1.5)
    fast_base = dict(baseline, metrics=dict(baseline["metrics"], latency_p50_ms=50.0))
    assert check(dict(good, latency_p50_ms=175.0), passing, fast_base, gold).ok
    assert not check(dict(good, latency_p50_ms=251.0), passing, fast_base, gold).ok
    assert check(noisy, passing, baseline, gold).ok
    # a baseline from another gold file: metric gate skipped, with a note saying so
    other = tmp_path / "other.jsonl"
    other.write_text('{"id": "z", "question": "q", "answerable": false}\n')
    gate = check(worse, passing, baseline, other)
    assert gate.ok and "another gold file" in gate.notes[0]
