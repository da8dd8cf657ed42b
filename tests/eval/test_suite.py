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
    assert not gate.ok and gate.failures == ["blind: fact_recall dropped from 0.800 to 0.770 (tolerance 0.020)"]
    within = dict(good, fact_recall=0.785)
    assert check_sets({"blind": within, "dev": good}, {}, {"blind": gold, "dev": gold}, baseline).ok


def test_a_set_may_move_three_items_but_not_four(tmp_path):
    """On 80 answerable questions 0.02 is under two items, less than a new machine moves with no
    code change (`eval.gate.NOISE_ITEMS`): three items pass, four fail."""
    gold = tmp_path / "g.jsonl"
    gold.write_text('{"id": "a", "question": "Q?", "facts": [["x"]], "evidence": ["x"]}\n', encoding="utf-8")
    good = {"items": 100, "answerable": 80, "unanswerable": 20, "hit@1": 60 / 80}
    baseline = {"sets": make_sets_baseline({"web": good}, {"web": gold}, {})}
    three = dict(good, **{"hit@1": 57 / 80})
    assert check_sets({"web": three}, {}, {"web": gold}, baseline).ok
    four = dict(good, **{"hit@1": 56 / 80})
    gate = check_sets({"web": four}, {}, {"web": gold}, baseline)
    assert gate.failures == ["web: hit@1 dropped from 0.750 to 0.700 (tolerance 0.037)"]


def test_a_drop_spread_thinly_over_many_sets_fails_pooled(tmp_path):
    """One item fewer in each of 40 sets passes every set's gate but fails the pooled dev rows
    (the blind rows are pooled apart); the same wobble in one set alone passes."""
    gold = tmp_path / "g.jsonl"
    gold.write_text('{"id": "a", "question": "Q?", "facts": [["x"]], "evidence": ["x"]}\n', encoding="utf-8")
    good = {"items": 100, "answerable": 80, "unanswerable": 20, "fact_recall": 64 / 80}
    names = [f"web-{n}" for n in range(40)]
    baseline = {"sets": make_sets_baseline({n: good for n in names}, {n: gold for n in names}, {})}
    golds = {n: gold for n in names}
    worse = dict(good, fact_recall=63 / 80)
    gate = check_sets({n: worse for n in names}, {}, golds, baseline)
    assert gate.failures == ["dev rows pooled (40 sets): fact_recall dropped from 0.8000 to 0.7875 (tolerance 0.0050)"]
    split = check_sets({n: worse for n in names}, {}, golds, baseline, blind=frozenset(names[:20]))
    assert [f.split(":")[0] for f in split.failures] == ["dev rows pooled (20 sets)", "blind rows pooled (20 sets)"]
    assert check_sets({n: (worse if n == "web-0" else good) for n in names}, {}, golds, baseline).ok


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


def _two_page_set(tmp_path: Path, name: str, pages: tuple[str, ...], rows: list[dict]) -> "EvalSet":
    from eval.suite import EvalSet

    corpus = tmp_path / name / "pages"
    corpus.mkdir(parents=True)
    for page in pages:
        shutil.copy2(ROOT / "eval" / "corpora" / "web" / "pages" / page, corpus / page)
    gold = tmp_path / name / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return EvalSet(name, gold, corpus)


def test_split_lanes_keeps_a_corpus_in_one_lane_and_the_own_corpus_in_the_first(tmp_path):
    from eval.suite import EvalSet, split_lanes

    def gold(name: str, n: int) -> Path:
        path = tmp_path / f"{name}.jsonl"
        path.write_text("{}\n" * n, encoding="utf-8")
        return path

    sets = [EvalSet("own", gold("own", 10)), EvalSet("a1", gold("a1", 50), tmp_path / "a"),
            EvalSet("b", gold("b", 40), tmp_path / "b"), EvalSet("a2", gold("a2", 30), tmp_path / "a"),
            EvalSet("c", gold("c", 5), tmp_path / "c")]
    lanes = split_lanes(sets, 2)
    names = [[s.name for s in lane] for lane in lanes]
    assert len(lanes) == 2 and names[0][0] == "own"
    assert any({"a1", "a2"} <= set(lane) for lane in names)  # one corpus, one index, one lane
    assert sorted(n for lane in names for n in lane) == sorted(s.name for s in sets)
    assert [sorted(s.name for s in lane) for lane in split_lanes(sets, 1)] == [sorted(s.name for s in sets)]
    assert len(split_lanes(sets[:2], 8)) == 2  # never more lanes than corpora


def test_sets_run_in_other_processes_score_the_same_as_in_one(tmp_path):
    """`--jobs 2` runs the second lane in a spawned process that builds its own index: every row
    but the latencies is the same as when one process runs both sets (and `--no-references`
    leaves out only the floor and ceiling rows)."""
    from eval.suite import run_all

    parasite = _two_page_set(tmp_path, "parasite", ("reuters.com.parasite.html",), [
        {"id": "p1", "question": "Which film won the top prize at the SAG awards?", "facts": [["Parasite"]],
         "evidence": ["Parasite"]},
        {"id": "p2", "question": "What is the population of Mars?", "answerable": False, "facts": [], "evidence": []}])
    academics = _two_page_set(tmp_path, "academics", ("theguardian.com.academics.html",), [
        {"id": "a1", "question": "How many research staff in the UK are on fixed-term contracts?",
         "facts": [["67,000"]], "evidence": ["67,000"]}])
    one = run_all([parasite, academics], None, 5, jobs=1)
    two = run_all([parasite, academics], None, 5, jobs=2, references=False)
    assert [r.spec.name for r in two] == ["parasite", "academics"]

    def rows(runs):
        return [(name, {k: v for k, v in m.items() if not k.startswith("latency")})
                for run in runs for name, m in run.rows()]

    assert [row for row in rows(one) if "·" not in row[0]] == rows(two)  # --no-references: ours alone
    assert any("· floor" in name for name, _ in rows(one))
    assert all(run.elapsed_s > 0 for run in two)
