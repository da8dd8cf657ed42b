"""Every eval metric, each defined once here (and unit-tested on hand-computed cases).

Text matching normalises both sides the same way (`normalise`): case, curly quotes, dashes,
white space, and the missing space of glued sentences ("War.The" → "War. The"), because the
gold quotes were copied by hand from raw files while passages come from the cleaned text.

Definitions (answerable = gold items with `answerable: true`):
- hit@k: share of answerable items with an evidence quote inside one of the first k passages
  the answerer saw; MRR: mean of 1/rank of the first such passage (0 when none). The answerer
  sees `-k` passages, so with k=1 hit@3 and hit@5 equal hit@1: that is the point of the metric.
- cite_hit: share of answerable items where a *cited* passage holds an evidence quote (or a
  cited quote overlaps one).
- fact_recall: mean over answerable items of the share of fact groups with an alias in the
  answer text (a refused item scores 0); all_facts: share of answerable items with every group.
- answered: share of answerable items that got an answer (not a refusal).
- citation_support: share of all citations of answered answerable items whose quote contains,
  is contained in, or shares `OVERLAP_WORDS` consecutive words with an evidence quote, or whose
  passage contains one — and which the answerer itself did not flag as unsupported.
- refusal_precision / refusal_recall: refusal = `answer.answered is False`; precision = refused
  unanswerable / all refused, recall = refused unanswerable / all unanswerable (None when the
  denominator is 0).
- first_fact: share of answerable items whose *first* cited quote holds an alias of some fact
  group (the answer's lead sentence is the answer, not padding before it).
- auc: ROC AUC of the answerer's answer score (`Answer.confidence`, or 1/0 from `answered` when
  it gives none) between answerable (positive) and unanswerable items: how well the score alone
  separates what the articles answer from what they don't, whatever the threshold.
- latency_p50_ms / latency_p95_ms: percentiles (linear interpolation) of per-question latency.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Sequence

from .gold_schema import GoldItem
from .records import ItemResult

OVERLAP_WORDS = 8
HIT_KS = (1, 3, 5)

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": "",
})
_GLUED = re.compile(r'([.!?"])(?=[A-Z])')
_SPACE = re.compile(r"\s+")
_WORDS = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Lower case, straight quotes, '-' for every dash, one space for any white space,
    and a space after `.!?"` glued to a capital letter (applied before lower-casing)."""
    text = text.translate(_QUOTES).replace("\u2026", "...")
    text = _GLUED.sub(r"\1 ", text)
    return _SPACE.sub(" ", text).strip().lower()


def contains(haystack: str, needle: str) -> bool:
    """`needle` occurs in `haystack` after normalising both (an empty needle never matches)."""
    n = normalise(needle)
    return bool(n) and n in normalise(haystack)


def contains_any(haystack: str, needles: Iterable[str]) -> bool:
    return any(contains(haystack, n) for n in needles)


def first_hit_rank(passages: Sequence[str], evidence: Sequence[str]) -> int | None:
    """1-based rank of the first passage containing any evidence quote, None when none does."""
    for rank, text in enumerate(passages, 1):
        if contains_any(text, evidence):
            return rank
    return None


def hit_at(ranks: Sequence[int | None], k: int) -> float | None:
    """Share of items whose first hit is within the top k (None for no items)."""
    if not ranks:
        return None
    return sum(1 for r in ranks if r is not None and r <= k) / len(ranks)


def mean_reciprocal_rank(ranks: Sequence[int | None]) -> float | None:
    if not ranks:
        return None
    return sum(1.0 / r for r in ranks if r is not None) / len(ranks)


def _words(text: str) -> list[str]:
    return _WORDS.findall(normalise(text))


def longest_common_run(a: str, b: str) -> int:
    """Length in words of the longest run of consecutive words shared by `a` and `b`."""
    wa, wb = _words(a), _words(b)
    best = 0
    prev = [0] * (len(wb) + 1)
    for x in wa:
        cur = [0] * (len(wb) + 1)
        for j, y in enumerate(wb, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def quote_matches_evidence(quote: str, evidence: Sequence[str], min_run: int = OVERLAP_WORDS) -> bool:
    """The cited quote contains an evidence quote, lies inside one, or overlaps one by `min_run` words."""
    for ev in evidence:
        if contains(quote, ev) or contains(ev, quote):
            return True
        if longest_common_run(quote, ev) >= min_run:
            return True
    return False


def citation_supported(quote: str, passage_text: str, evidence: Sequence[str], flagged_supported: bool = True) -> bool:
    """A citation backs the answer when its quote matches evidence or its passage holds some,
    and the answerer did not flag it unsupported itself."""
    if not flagged_supported or not evidence:
        return False
    return quote_matches_evidence(quote, evidence) or contains_any(passage_text, evidence)


def facts_in(answer_text: str, facts: Sequence[Sequence[str]]) -> tuple[list[str], list[str]]:
    """(found, missing) fact groups, each named by its first alias; a group is found when any
    alias occurs in the answer (normalised substring, as the gold schema defines)."""
    found, missing = [], []
    for group in facts:
        (found if contains_any(answer_text, group) else missing).append(group[0])
    return found, missing


def refusal_scores(pairs: Sequence[tuple[bool, bool]]) -> tuple[float | None, float | None]:
    """(precision, recall) of refusals from (answerable, refused) pairs."""
    refused = [answerable for answerable, r in pairs if r]
    unanswerable = [r for answerable, r in pairs if not answerable]
    true_refusals = sum(1 for answerable in refused if not answerable)
    precision = true_refusals / len(refused) if refused else None
    recall = sum(1 for r in unanswerable if r) / len(unanswerable) if unanswerable else None
    return precision, recall


def percentile(values: Sequence[float], p: float) -> float | None:
    """The p-th percentile (0–100) with linear interpolation between order statistics."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * p / 100.0
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def judge(item: GoldItem, result: ItemResult, passage_texts: Sequence[str], cited_passages: Sequence[str]) -> ItemResult:
    """Fill the judgement fields of `result` (hit rank, cite hit, facts, citation matches, pass).

    `passage_texts` are the retrieved passages best first; `cited_passages[i]` is the passage
    text of `result.citations[i]`. An answerable item passes when it is answered, every fact
    group is in the answer and a cited passage holds evidence; an unanswerable one passes
    when it is refused.
    """
    result.reasons = []
    result.first_fact = False
    if not item.answerable:
        result.hit_rank = None
        result.cite_hit = False
        result.facts_found, result.facts_missing = [], []
        for cite in result.citations:
            cite.evidence_match = False
        if result.answered:
            result.reasons.append("answered a question the articles do not answer (expected a refusal)")
        result.passed = not result.answered
        return result
    result.hit_rank = first_hit_rank(passage_texts, item.evidence)
    for cite, passage in zip(result.citations, cited_passages):
        cite.evidence_match = citation_supported(cite.quote, passage, item.evidence, cite.supported)
    result.cite_hit = result.answered and any(
        quote_matches_evidence(c.quote, item.evidence) or contains_any(p, item.evidence)
        for c, p in zip(result.citations, cited_passages)
    )
    result.first_fact = bool(result.answered and result.citations) and any(
        contains_any(result.citations[0].quote, group) for group in item.facts
    )
    if result.answered:
        result.facts_found, result.facts_missing = facts_in(result.answer, item.facts)
    else:
        result.facts_found, result.facts_missing = [], [g[0] for g in item.facts]
        result.reasons.append("refused, but the articles answer it")
    if result.answered and result.facts_missing:
        result.reasons.append("missing facts: " + ", ".join(repr(f) for f in result.facts_missing))
    if result.answered and not result.cite_hit:
        result.reasons.append("no cited passage holds an evidence quote")
    if result.hit_rank is None:
        result.reasons.append(f"evidence not in the {len(passage_texts)} retrieved passages")
    result.passed = result.answered and not result.facts_missing and result.cite_hit
    return result


def roc_auc(positives: Sequence[float], negatives: Sequence[float]) -> float | None:
    """P(score of a random positive > score of a random negative), ties counting one half."""
    if not positives or not negatives:
        return None
    wins = 0.0
    for p in positives:
        for n in negatives:
            wins += 1.0 if p > n else 0.5 if p == n else 0.0
    return wins / (len(positives) * len(negatives))


def answer_score(result: ItemResult) -> float:
    return result.confidence if result.confidence is not None else (1.0 if result.answered else 0.0)


def summarise(results: Sequence[ItemResult]) -> dict[str, float | int | None]:
    """All aggregate metrics of a run, by name (see the module docstring for definitions)."""
    answerable = [r for r in results if r.answerable]
    ranks = [r.hit_rank for r in answerable]
    metrics: dict[str, float | int | None] = {
        "items": len(results),
        "answerable": len(answerable),
        "unanswerable": len(results) - len(answerable),
    }
    for k in HIT_KS:
        metrics[f"hit@{k}"] = hit_at(ranks, k)
    metrics["mrr"] = mean_reciprocal_rank(ranks)
    metrics["cite_hit"] = sum(r.cite_hit for r in answerable) / len(answerable) if answerable else None
    recalls = []
    for r in answerable:
        total = len(r.facts_found) + len(r.facts_missing)
        recalls.append(len(r.facts_found) / total if total else (1.0 if r.answered else 0.0))
    metrics["fact_recall"] = sum(recalls) / len(recalls) if recalls else None
    metrics["all_facts"] = (
        sum(1 for r in answerable if r.answered and not r.facts_missing) / len(answerable) if answerable else None
    )
    metrics["answered"] = sum(r.answered for r in answerable) / len(answerable) if answerable else None
    metrics["first_fact"] = sum(r.first_fact for r in answerable) / len(answerable) if answerable else None
    cites = [c for r in answerable if r.answered for c in r.citations]
    metrics["citation_support"] = sum(c.evidence_match for c in cites) / len(cites) if cites else None
    precision, recall = refusal_scores([(r.answerable, not r.answered) for r in results])
    metrics["refusal_precision"] = precision
    metrics["refusal_recall"] = recall
    metrics["auc"] = roc_auc([answer_score(r) for r in answerable], [answer_score(r) for r in results if not r.answerable])
    latencies = [r.latency_ms for r in results]
    metrics["latency_p50_ms"] = percentile(latencies, 50)
    metrics["latency_p95_ms"] = percentile(latencies, 95)
    metrics["passed"] = sum(r.passed for r in results)
    return metrics
