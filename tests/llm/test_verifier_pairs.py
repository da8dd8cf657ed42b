"""The verifier on hand-labelled (claim, passage, supported?) pairs from real model output.

tests/llm/verifier_pairs.jsonl holds, one JSON object a line:
  id, split ("tune" | "report"), origin ("gemma3-270m" or "hand: <kind>"), question (for model
  output), claim, supported (the hand label), passage {doc_id, source, title, text}.

* "gemma3-270m": every distinct (sentence, cited passage) that the tiny gemma3 270m base model
  wrote for the questions of eval/gold.jsonl through the project's prompt (llama.cpp server,
  temperature 0, tests/llm/collect_model_claims.py), read and labelled by hand. A sentence is
  supported only if the passage it cites says it as written: the right outlet when it names
  one ("According to the Daily News, …" copied from the prompt's example is not), the speaker
  kept for reported speech or opinion, nothing added; a question or a fragment that asserts
  nothing is not a supported claim.
* "hand: …": paraphrases, attributed versions, negations, swaps and attribution drops written
  over passages of corpus/ (the same index passages), labelled as written.

Split by article: pairs whose passage comes from corpus/001 (CNN) or corpus/003 form "report",
the other three articles "tune". Thresholds are chosen on "tune" only (`python
tests/llm/test_verifier_pairs.py` prints the grid); "report" is only measured and reported.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from qa.llm.verify import Claim, Thresholds, Verifier, source_sentences  # noqa: E402
from qa.text.instructions import is_instruction  # noqa: E402
from qa.types import Passage  # noqa: E402

PAIRS = Path(__file__).with_name("verifier_pairs.jsonl")
REPORT_PRECISION = 0.95


def load_pairs() -> list[dict]:
    return [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]


def judge(verifier: Verifier, pair: dict) -> tuple[bool, str]:
    """The verifier's verdict on one labelled pair, as the answerer would reach it."""
    p = pair["passage"]
    passage = Passage(p["doc_id"], p["title"], p["source"], "", p["text"], passage_id=pair["id"])
    sentences = [source_sentences(passage.text, keep=lambda s: not is_instruction(s))]
    verdict = verifier.verify(Claim(pair["claim"], [1]), [passage], sentences)
    return verdict.supported, verdict.reason


def precision_recall(rows: list[tuple[dict, bool]]) -> tuple[float, float, int, int, int]:
    tp = sum(1 for pair, predicted in rows if predicted and pair["supported"])
    fp = sum(1 for pair, predicted in rows if predicted and not pair["supported"])
    fn = sum(1 for pair, predicted in rows if not predicted and pair["supported"])
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, tp, fp, fn


@pytest.fixture(scope="module")
def judged(embedder):
    verifier = Verifier(embedder)
    return [(pair, *judge(verifier, pair)) for pair in load_pairs()]


def test_labelled_set_is_large_split_by_article_and_mostly_real_output():
    pairs = load_pairs()
    assert len(pairs) >= 200
    assert len({p["id"] for p in pairs}) == len(pairs)
    assert {p["split"] for p in pairs} == {"tune", "report"}
    docs = {split: {p["passage"]["doc_id"] for p in pairs if p["split"] == split} for split in ("tune", "report")}
    assert not docs["tune"] & docs["report"], "tune and report pairs must come from different articles"
    assert sum(p["origin"] == "gemma3-270m" for p in pairs) >= 150
    for split in ("tune", "report"):
        labels = Counter(p["supported"] for p in pairs if p["split"] == split)
        assert labels[True] >= 20 and labels[False] >= 20, (split, labels)
    corpus = {f.name[:3]: " ".join(f.read_text(encoding="utf-8").split()) for f in (ROOT / "corpus").glob("*.txt")}
    squashed = {k: "".join(v.split()) for k, v in corpus.items()}
    for p in pairs:  # every passage sentence is corpus text (white space aside: the indexer repairs
        # glued sentence ends, and cleaning drops photo credits between sentences)
        article = squashed[p["passage"]["doc_id"][:3]]
        for sentence in source_sentences(p["passage"]["text"]):
            assert "".join(sentence.split()) in article, (p["id"], sentence)


def test_verifier_precision_on_the_report_split(judged):
    lines = []
    for split in ("tune", "report"):
        rows = [(pair, predicted) for pair, predicted, _ in judged if pair["split"] == split]
        precision, recall, tp, fp, fn = precision_recall(rows)
        model = [(pair, predicted) for pair, predicted in rows if pair["origin"] == "gemma3-270m"]
        mp, mr, *_ = precision_recall(model)
        lines.append(f"{split}: {len(rows)} pairs ({sum(p['supported'] for p, _ in rows)} supported): "
                     f"precision {precision:.3f} recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn}); "
                     f"model output only: precision {mp:.3f} recall {mr:.3f}")
    print("\nverifier on tests/llm/verifier_pairs.jsonl\n  " + "\n  ".join(lines))
    report = [(pair, predicted) for pair, predicted, _ in judged if pair["split"] == "report"]
    precision, recall, *_ = precision_recall(report)
    wrong = [(pair["id"], pair["claim"]) for pair, predicted in report if predicted and not pair["supported"]]
    assert precision >= REPORT_PRECISION, wrong


def _main() -> None:  # pragma: no cover - measurement helper
    """Threshold grid on the tune split, errors on both: python tests/llm/test_verifier_pairs.py"""
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from qa.index.embedding import load_embedder
    from qa.settings import default_model_dir

    verifier = Verifier(load_embedder(default_model_dir()))
    pairs = load_pairs()
    tune = [p for p in pairs if p["split"] == "tune"]
    print(f"grid on the tune split ({len(tune)} pairs):")
    for r in (0.6, 0.7, 0.8):
        for pr in (0.6, 0.7, 0.8):
            row = []
            for c in (0.3, 0.4, 0.5):
                verifier.thresholds = Thresholds(r, pr, c)
                p, rec, tp, fp, fn = precision_recall([(x, judge(verifier, x)[0]) for x in tune])
                row.append(f"c{c:.1f}: P{p:.3f} R{rec:.3f}")
            print(f"  recall≥{r:.1f} pairs≥{pr:.1f}  " + "  ".join(row))
    verifier.thresholds = Thresholds()
    print("\nerrors at the chosen thresholds:")
    for pair in pairs:
        predicted, reason = judge(verifier, pair)
        if predicted != pair["supported"]:
            print(f"  {'FP' if predicted else 'FN'} {pair['split']:6} {pair['id']} [{pair['origin']}] {reason or 'accepted'} :: {pair['claim'][:120]}")
    for split in ("tune", "report"):
        rows = [(x, judge(verifier, x)[0]) for x in pairs if x["split"] == split]
        print(split, "precision %.3f recall %.3f (tp %d fp %d fn %d)" % precision_recall(rows))


if __name__ == "__main__":
    _main()
