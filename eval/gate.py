"""The regression gate: compare a run with the committed `eval/baseline.json`.

A run fails the gate when
- a quality metric (a rate between 0 and 1) drops more than `TOLERANCE` below the baseline —
  0.02 is about two answerable items of the committed set, small enough to catch a real
  regression, large enough to let a one-item wobble from an answerer tweak through;
- the median latency exceeds `LATENCY_FACTOR` × the baseline's *and* the baseline plus
  `LATENCY_SLACK_MS`. Machines differ (a laptop vs a loaded 2-core CI runner) and a 60 ms
  median triples easily under load, so only a gross slow-down, such as re-loading the model
  or re-embedding the corpus per question, should trip it; p95 is reported but not gated
  because it is too noisy;
- any gold item marked `must_pass` fails (whatever the baseline says).
The metric comparison only makes sense on the gold set the baseline was made from, so the
baseline stores the file's SHA-256; on another file only the must-pass check applies.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Sequence

from .records import ItemResult

TOLERANCE = 0.02
LATENCY_FACTOR = 3.0
LATENCY_SLACK_MS = 200.0
GATED_RATES = (
    "hit@1", "hit@3", "hit@5", "mrr", "cite_hit", "fact_recall", "all_facts", "answered",
    "citation_support", "refusal_precision", "refusal_recall", "first_fact", "auc",
)
GATED_LATENCY = "latency_p50_ms"


@dataclass
class GateResult:
    ok: bool = True
    compared: bool = False  # True when the metrics were compared with the baseline
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "compared_with_baseline": self.compared, "failures": self.failures, "notes": self.notes}


def file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def make_baseline(metrics: dict[str, Any], config: dict[str, Any], gold_path: Path) -> dict[str, Any]:
    return {
        "note": "Regression baseline for `python -m eval`; regenerate with `python -m eval --update-baseline`.",
        "created": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "gold": Path(gold_path).name,
        "gold_sha256": file_sha256(gold_path),
        "config": config,
        "metrics": {k: (round(v, 4) if isinstance(v, float) else v) for k, v in metrics.items()},
    }


def save_baseline(path: Path, baseline: dict[str, Any]) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(baseline, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    tmp.replace(path)


def load_baseline(path: Path) -> dict[str, Any] | None:
    """The baseline, or None when the file does not exist; a malformed file is an error."""
    path = Path(path)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("metrics"), dict):
        raise ValueError(f"{path}: a baseline needs a 'metrics' object; regenerate it with --update-baseline")
    return data


def check(
    metrics: dict[str, Any],
    results: Sequence[ItemResult],
    baseline: dict[str, Any] | None,
    gold_path: Path,
    config: dict[str, Any] | None = None,
) -> GateResult:
    """Apply the gate; every failure message names the metric (or item) and both values."""
    gate = GateResult()
    for r in results:
        if r.must_pass and not r.passed:
            gate.failures.append(f"must-pass item {r.id} failed: {'; '.join(r.reasons) or 'did not pass'}")
    if baseline is None:
        gate.notes.append("no baseline file: metric gate skipped (create one with --update-baseline)")
    elif baseline.get("gold_sha256") != file_sha256(gold_path):
        gate.notes.append(
            f"the baseline was made from another gold file ({baseline.get('gold', '?')}); "
            "metric gate skipped, must-pass items still checked (pass --baseline FILE for this gold set)"
        )
    else:
        gate.compared = True
        base = baseline["metrics"]
        if config is not None and baseline.get("config") and baseline["config"] != config:
            gate.notes.append(f"configuration differs from the baseline's: {config} vs {baseline['config']}")
        for name in GATED_RATES:
            old, new = base.get(name), metrics.get(name)
            if old is None or new is None:
                continue
            if new < old - TOLERANCE - 1e-9:
                gate.failures.append(f"{name} dropped from {old:.3f} to {new:.3f} (tolerance {TOLERANCE})")
        old, new = base.get(GATED_LATENCY), metrics.get(GATED_LATENCY)
        if old and new and new > LATENCY_FACTOR * old and new > old + LATENCY_SLACK_MS:
            gate.failures.append(
                f"{GATED_LATENCY} rose from {old:.0f} ms to {new:.0f} ms "
                f"(over {LATENCY_FACTOR:g}x the baseline and over {LATENCY_SLACK_MS:.0f} ms slower)"
            )
    gate.ok = not gate.failures
    return gate


def check_sets(
    set_metrics: dict[str, dict[str, Any]],
    set_results: dict[str, Sequence[ItemResult]],
    set_gold: dict[str, Path],
    baseline: dict[str, Any] | None,
) -> GateResult:
    """The gate over every set of `--all`: a drop of more than TOLERANCE in any rate of any set
    fails it, and so does any failing must-pass item. Each set is compared only with a baseline
    made from the same gold file (its SHA-256 is recorded per set)."""
    gate = GateResult()
    base_sets = (baseline or {}).get("sets") or {}
    for name, metrics in set_metrics.items():
        for r in set_results.get(name, ()):
            if r.must_pass and not r.passed:
                gate.failures.append(f"{name}: must-pass item {r.id} failed: {'; '.join(r.reasons) or 'did not pass'}")
        base = base_sets.get(name)
        if base is None:
            gate.notes.append(f"{name}: not in the baseline (add it with --all --update-baseline)")
            continue
        if base.get("gold_sha256") != file_sha256(set_gold[name]):
            gate.notes.append(f"{name}: the gold file changed since the baseline; metric gate skipped for this set")
            continue
        gate.compared = True
        for metric in GATED_RATES:
            old, new = base["metrics"].get(metric), metrics.get(metric)
            if old is not None and new is not None and new < old - TOLERANCE - 1e-9:
                gate.failures.append(f"{name}: {metric} dropped from {old:.3f} to {new:.3f} (tolerance {TOLERANCE})")
        old, new = base["metrics"].get(GATED_LATENCY), metrics.get(GATED_LATENCY)
        if old and new and new > LATENCY_FACTOR * old and new > old + LATENCY_SLACK_MS:
            gate.failures.append(f"{name}: {GATED_LATENCY} rose from {old:.0f} ms to {new:.0f} ms")
    gate.ok = not gate.failures
    return gate


def make_sets_baseline(set_metrics: dict[str, dict[str, Any]], set_gold: dict[str, Path], config: dict[str, Any]) -> dict[str, Any]:
    return {
        name: {
            "gold": str(Path(set_gold[name]).relative_to(Path(__file__).resolve().parent)) if Path(set_gold[name]).is_relative_to(Path(__file__).resolve().parent) else str(set_gold[name]),
            "gold_sha256": file_sha256(set_gold[name]),
            "config": config,
            "metrics": {k: (round(v, 4) if isinstance(v, float) else v) for k, v in metrics.items()},
        }
        for name, metrics in set_metrics.items()
    }
