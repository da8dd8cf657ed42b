"""The eval runner and its regression gate on the real assistant (session index, read-only).

The regression tests build a small gold subset *from the committed gold set*, chosen by what
retrieval does today, so they keep working while answers are tuned: items whose evidence
is at rank 2–5 are exactly the ones a k=1 configuration must lose.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eval.__main__ import main
from eval.gate import check, load_baseline, make_baseline
from eval.gold_schema import load_gold
from eval.metrics import first_hit_rank, summarise
from eval.runner import RunConfig, run_items, run_ours

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "eval" / "gold.jsonl"


def _raw_gold() -> dict[str, dict]:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["id"]: row for row in rows}


def _write_subset(path: Path, ids: list[str]) -> Path:
    """A gold file of the given items, `must_pass` dropped so only the metric gate decides."""
    raw = _raw_gold()
    rows = [{k: v for k, v in raw[i].items() if k != "must_pass"} for i in ids]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def subset(assistant, tmp_path_factory) -> Path:
    """Up to 3 items with evidence at rank 2–5, 2 at rank 1, and 1 unanswerable item."""
    late, first = [], []
    for item in load_gold(GOLD):
        if not item.answerable or item.follows:
            continue
        rank = first_hit_rank([p.text for p in assistant.retrieve(item.question, k=5)], item.evidence)
        if rank == 1 and len(first) < 2:
            first.append(item.id)
        elif rank is not None and 2 <= rank <= 5 and len(late) < 3:
            late.append(item.id)
        if len(late) == 3 and len(first) == 2:
            break
    assert late, "no gold item has its evidence at rank 2-5: a k=1 run cannot show a regression on this subset"
    return _write_subset(tmp_path_factory.mktemp("gold") / "subset.jsonl", late + first + ["u_putin_height"])


def test_k1_regression_fails_the_gate_naming_the_metric(assistant, subset):
    items = load_gold(subset)
    good_config = RunConfig(k=5)
    good = run_ours(assistant, items, good_config)
    baseline = make_baseline(summarise(good), good_config.to_dict(), subset)
    assert check(summarise(good), good, baseline, subset, good_config.to_dict()).ok

    broken_config = RunConfig(k=1)
    broken = run_ours(assistant, items, broken_config)
    assert all(len(r.retrieved) <= 1 for r in broken)
    gate = check(summarise(broken), broken, baseline, subset, broken_config.to_dict())
    assert not gate.ok
    assert any(f.startswith("hit@3 dropped from") for f in gate.failures), gate.failures
    assert any("configuration differs" in n for n in gate.notes)


def test_bm25_off_knob_changes_retrieval_and_is_restored(assistant, subset):
    items = [i for i in load_gold(subset) if i.answerable]
    before = assistant.retriever.weights.bm25
    normal = run_items(assistant, items, k=5, warm_up=False)
    ablated = run_ours(assistant, items, RunConfig(k=5, bm25_off=True))
    assert assistant.retriever.weights.bm25 == before
    assert [r.retrieved for r in normal] != [r.retrieved for r in ablated]


def test_follow_ups_get_our_earlier_answers_as_history(assistant, tmp_path):
    """A three-turn chain listed out of order: each turn sees the answers given before it."""
    raw = _raw_gold()
    first = raw["q_ryabkov"]
    second = dict(raw["q_ryabkov_geneva"])
    third = {"id": "t3", "question": "What is his job?", "follows": "q_ryabkov_geneva",
             "facts": [["Deputy Foreign Minister"]], "evidence": first["evidence"]}
    path = tmp_path / "chain.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in (third, first, second)), encoding="utf-8")

    calls: list[tuple[str, list]] = []

    class Recording:
        """The real assistant, with each ask's history written down."""

        def ask(self, question, history=None, k=None, mode=None):
            calls.append((question, list(history or [])))
            return assistant.ask(question, history=history, k=k, mode=mode)

        def retrieve(self, query, k=None):
            return assistant.retrieve(query, k)

    results = run_items(Recording(), load_gold(path), k=5, warm_up=False)
    assert [r.id for r in results] == ["t3", "q_ryabkov", "q_ryabkov_geneva"]  # file order kept
    by_id = {r.id: r for r in results}
    asked = dict(calls)
    assert asked[first["question"]] == []
    assert asked[second["question"]] == [(first["question"], by_id["q_ryabkov"].answer)]
    assert asked[third["question"]] == [
        (first["question"], by_id["q_ryabkov"].answer),
        (second["question"], by_id["q_ryabkov_geneva"].answer),
    ]
    assert "Ryabkov" in by_id["q_ryabkov_geneva"].query  # condensed with the history


def test_cli_writes_baseline_and_results_then_passes_its_own_gate(assistant, subset, tmp_path):
    baseline, results = tmp_path / "baseline.json", tmp_path / "latest.json"
    common = ["--gold", str(subset), "--baseline", str(baseline), "--results", str(results)]
    assert main(common + ["--update-baseline"], bot=assistant) == 0
    written = load_baseline(baseline)
    assert written["config"] == {"k": assistant.settings.top_k, "mode": "extractive", "bm25_off": False}
    assert {"hit@3", "fact_recall", "refusal_recall", "latency_p50_ms"} <= set(written["metrics"])
    document = json.loads(results.read_text(encoding="utf-8"))
    record = document["items"][0]
    for key in ("id", "kind", "question", "query", "answered", "answer", "citations", "retrieved",
                "facts_found", "facts_missing", "latency_ms"):
        assert key in record
    assert main(common, bot=assistant) == 0


def test_cli_rejects_bad_input_with_exit_2(assistant, tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    assert main(["--gold", str(bad)], bot=assistant) == 2
    assert "'question' must be a non-empty string" in capsys.readouterr().err
    assert main(["--mode", "llm", "--gold", str(GOLD)], bot=assistant) == 2
    assert "QA_LLM_URL" in capsys.readouterr().err


def test_cli_exits_1_on_a_deliberate_regression(assistant, subset, tmp_path):
    """`python -m eval -k 1` against a baseline from the good configuration: exit 1, metric named."""
    baseline, results = tmp_path / "baseline.json", tmp_path / "latest.json"
    items = load_gold(subset)
    good_config = RunConfig(k=5)
    metrics = summarise(run_ours(assistant, items, good_config))
    baseline.write_text(json.dumps(make_baseline(metrics, good_config.to_dict(), subset)), encoding="utf-8")
    index_copy = tmp_path / "index"
    shutil.copytree(assistant.settings.index_dir, index_copy)
    env = dict(os.environ, QA_INDEX_DIR=str(index_copy), QA_CORPUS_DIR=str(assistant.settings.corpus_dir))
    proc = subprocess.run(
        [sys.executable, "-m", "eval", "--gold", str(subset), "--baseline", str(baseline),
         "--results", str(results), "-k", "1", "--json"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "eval gate failed" in proc.stderr and "hit@3 dropped from" in proc.stderr
    document = json.loads(proc.stdout)
    assert document["config"]["k"] == 1 and not document["gate"]["ok"]
    assert any(f.startswith("hit@3 dropped") for f in document["gate"]["failures"])
