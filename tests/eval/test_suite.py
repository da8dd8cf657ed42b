"""`python -m eval --all` pieces: the floor and ceiling answerers, leave-one-article-out, the
per-set gate, AUC, and `--corpus` on a corpus of its own."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from eval.gate import check_sets, make_sets_baseline
from eval.gold_schema import GoldItem, load_gold
from eval.metrics import roc_auc, summarise
from eval.references import CeilingAnswerer, FloorAnswerer
from eval.runner import run_items
from eval.suite import leave_one_out_groups

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "eval" / "gold.jsonl"


def test_roc_auc_on_hand_computed_cases():
    assert roc_auc([0.9, 0.8], [0.1, 0.2]) == 1.0
    assert roc_auc([0.1], [0.9]) == 0.0
    assert roc_auc([0.5, 0.9], [0.5]) == 0.75  # one tie (half), one win
    assert roc_auc([], [0.1]) is None


def test_floor_quotes_two_verbatim_sentences_and_never_refuses(assistant):
    floor = FloorAnswerer(assistant)
    answer = floor.ask("Who is Sergei Ryabkov?")
    assert answer.answered and len(answer.citations) == 2
    for citation in answer.citations:
        assert citation.quote in citation.passage.text
    assert answer.citations[0].quote != answer.citations[1].quote
    assert floor.ask("What is the capital of Peru?").answered  # the floor never refuses


def test_ceiling_holds_the_top_five_passages(assistant):
    answer = CeilingAnswerer(assistant).ask("Who is Sergei Ryabkov?")
    passages = assistant.retrieve("Who is Sergei Ryabkov?", k=5)
    assert [c.passage.passage_id for c in answer.citations] == [p.passage_id for p in passages]


def test_leave_one_out_turns_answerable_items_into_near_misses_grouped_by_article(assistant):
    items = load_gold(GOLD)
    groups = leave_one_out_groups(assistant, items)
    flat = [i for group in groups.values() for i in group]
    assert flat and all(not i.answerable and not i.facts and not i.evidence for i in flat)
    assert not any(i.follows for i in flat)
    by_id = {i.id: i for i in items}
    docs_of_ryabkov = next(docs for docs, group in groups.items() if any(i.id == "q_ryabkov" for i in group))
    assert docs_of_ryabkov == frozenset({by_id["q_ryabkov"].doc})


def test_the_set_gate_fails_on_a_drop_in_any_set_and_names_it(tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text('{"id": "a", "question": "Q?", "facts": [["x"]], "evidence": ["x"]}\n', encoding="utf-8")
    good = {"fact_recall": 0.80, "refusal_recall": 0.9}
    baseline = {"sets": make_sets_baseline({"blind": good, "dev": good}, {"blind": gold, "dev": gold}, {})}
    ok = check_sets({"blind": good, "dev": good}, {}, {"blind": gold, "dev": gold}, baseline)
    assert ok.ok and ok.compared
    worse = dict(good, fact_recall=0.77)
    gate = check_sets({"blind": worse, "dev": good}, {}, {"blind": gold, "dev": gold}, baseline)
    assert not gate.ok and gate.failures == ["blind: fact_recall dropped from 0.800 to 0.770 (tolerance 0.02)"]
    within = dict(good, fact_recall=0.785)
    assert check_sets({"blind": within, "dev": good}, {}, {"blind": gold, "dev": gold}, baseline).ok


@pytest.mark.slow
def test_eval_corpus_indexes_another_corpus_into_a_temporary_folder(tmp_path):
    """`python -m eval --corpus DIR --gold FILE` on two real web pages and a two-item gold set."""
    from eval.__main__ import main

    pages = ROOT / "eval" / "corpora" / "web" / "pages"
    corpus = tmp_path / "web"
    corpus.mkdir()
    for name in ("reuters.com.parasite.html", "theguardian.com.academics.html"):
        shutil.copy2(pages / name, corpus / name)
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"id": "w1", "question": "Which film won the top prize at the SAG awards?", "facts": [["Parasite"]],
         "evidence": ["Parasite"]},
        {"id": "w2", "question": "What is the population of Mars?", "answerable": False, "facts": [], "evidence": []},
    ]
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    results = tmp_path / "out.json"
    before = sorted(p.name for p in (ROOT / "index_store").iterdir()) if (ROOT / "index_store").exists() else []
    code = main(["--corpus", str(corpus), "--gold", str(gold), "--results", str(results), "--baseline", str(tmp_path / "none.json")])
    assert code == 0
    document = json.loads(results.read_text(encoding="utf-8"))
    assert document["metrics"]["items"] == 2 and document["metrics"]["hit@3"] == 1.0
    after = sorted(p.name for p in (ROOT / "index_store").iterdir()) if (ROOT / "index_store").exists() else []
    assert before == after  # nothing written into the developer's index


def test_summarise_reports_first_fact_and_auc(assistant):
    items = [GoldItem(id="a", question="Who is Sergei Ryabkov?", answerable=True, facts=[["Deputy Foreign Minister"]],
                      evidence=["Deputy Foreign Minister Sergei Ryabkov"])]
    results = run_items(assistant, items, k=5, warm_up=False)
    metrics = summarise(results)
    assert metrics["first_fact"] in (0.0, 1.0)
    assert metrics["auc"] is None  # no unanswerable item: AUC is undefined
