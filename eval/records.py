"""What one scored gold item looks like: the record written to `eval/results/latest.json`.

Plain dataclasses shared by the runner (which fills them), the metrics (which aggregate them)
and the report (which prints them), so the three can never disagree about a field.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class CitedRecord:
    """One citation of an answer, reduced to what the eval judges."""

    doc_id: str
    quote: str
    passage_id: str = ""
    supported: bool = True          # the answerer's own flag (False: its verifier rejected it)
    evidence_match: bool = False    # the quote or its passage matches a gold evidence quote


@dataclass
class RetrievedRecord:
    """One passage the answerer saw, best first."""

    passage_id: str
    doc_id: str
    has_evidence: bool


@dataclass
class ItemResult:
    """Everything about one gold item in one run: input, what came back, and the judgement."""

    id: str
    kind: str
    question: str
    answerable: bool
    must_pass: bool
    query: str
    answered: bool
    answer: str
    citations: list[CitedRecord] = field(default_factory=list)
    retrieved: list[RetrievedRecord] = field(default_factory=list)
    hit_rank: int | None = None      # 1-based rank of the first retrieved passage holding evidence
    cite_hit: bool = False           # evidence inside a cited passage (or overlapping a cited quote)
    facts_found: list[str] = field(default_factory=list)    # first alias of each group found
    facts_missing: list[str] = field(default_factory=list)  # first alias of each group missing
    first_fact: bool = False         # the first cited quote holds one of the facts
    confidence: float | None = None  # the answerer's own answer score (None: it gives none)
    latency_ms: float = 0.0
    passed: bool = False
    reasons: list[str] = field(default_factory=list)        # why it failed, empty when it passed

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
