"""Presenting a run: the rich metric table, the failure list, the gate verdict, and the JSON.

Kept apart from the runner so that what is measured and how it is shown change independently.
"""
from __future__ import annotations

from typing import Any, Sequence

from rich.console import Console
from rich.table import Table

from .gate import GATED_LATENCY, GATED_RATES, LATENCY_FACTOR, TOLERANCE, GateResult, dropped
from .gold_schema import GoldItem
from .records import ItemResult

ROWS: list[tuple[str, str]] = [
    ("hit@1", "evidence in the top passage"),
    ("hit@3", "evidence in the top 3 passages"),
    ("hit@5", "evidence in the top 5 passages"),
    ("mrr", "mean reciprocal rank of the evidence"),
    ("cite_hit", "evidence in a cited passage"),
    ("fact_recall", "share of fact groups in the answer"),
    ("all_facts", "answers with every fact"),
    ("answered", "answerable questions answered"),
    ("first_fact", "first cited quote holds a fact"),
    ("citation_support", "citations that match evidence"),
    ("refusal_precision", "refusals that were right"),
    ("refusal_recall", "unanswerable questions refused"),
    ("auc", "answer score separates (un)answerable"),
    ("latency_p50_ms", "median latency (ms)"),
    ("latency_p95_ms", "95th percentile latency (ms)"),
]


def _fmt(name: str, value: Any) -> str:
    if value is None:
        return "—"
    if name.endswith("_ms"):
        return f"{value:,.0f}"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _delta(name: str, new: Any, old: Any) -> str:
    if new is None or old is None:
        return ""
    diff = new - old
    if name.endswith("_ms"):
        return f"{diff:+,.0f}"
    if abs(diff) < 0.0005:
        return "="
    colour = "green" if diff > 0 else "red"
    return f"[{colour}]{diff:+.3f}[/{colour}]"


def metric_table(metrics: dict[str, Any], baseline: dict[str, Any] | None, naive: dict[str, Any] | None, title: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("metric")
    table.add_column("meaning", style="dim")
    table.add_column("ours", justify="right", style="bold")
    if baseline is not None:
        table.add_column("baseline", justify="right")
        table.add_column("Δ", justify="right")
    if naive is not None:
        table.add_column("naive llama-index", justify="right")
    for name, meaning in ROWS:
        gated = " *" if name in GATED_RATES or name == GATED_LATENCY else ""
        row = [name + gated, meaning, _fmt(name, metrics.get(name))]
        if baseline is not None:
            row += [_fmt(name, baseline.get(name)), _delta(name, metrics.get(name), baseline.get(name))]
        if naive is not None:
            row.append(_fmt(name, naive.get(name)))
        table.add_row(*row)
    passed = f"{metrics.get('passed')}/{metrics.get('items')}"
    row = ["items passed", f"{metrics.get('answerable')} answerable, {metrics.get('unanswerable')} unanswerable", passed]
    if baseline is not None:
        row += [f"{baseline.get('passed', '—')}/{baseline.get('items', '—')}", ""]
    if naive is not None:
        row.append(f"{naive.get('passed')}/{naive.get('items')}")
    table.add_row(*row)
    return table


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def failure_rows(items: Sequence[GoldItem], results: Sequence[ItemResult]) -> list[dict[str, Any]]:
    """Each failed item: id, question, what was expected, what came back, and why it failed."""
    by_id = {i.id: i for i in items}
    rows = []
    for r in results:
        if r.passed:
            continue
        item = by_id[r.id]
        if item.answerable:
            facts = "; ".join(" / ".join(g) for g in item.facts) or "(no fact groups)"
            expected = f"facts: {facts} — evidence: “{_short(item.evidence[0], 90)}”"
        else:
            expected = "a refusal (the articles do not answer this)"
        got = "refused" if not r.answered else r.answer
        rows.append({
            "id": r.id, "must_pass": r.must_pass, "question": r.question, "query": r.query,
            "expected": expected, "got": got, "reasons": r.reasons,
        })
    return rows


def failure_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title=f"Failed items ({len(rows)})", title_justify="left", show_lines=True)
    table.add_column("id", no_wrap=True)
    table.add_column("question")
    table.add_column("expected")
    table.add_column("came back")
    for row in rows:
        ident = row["id"] + (" [bold red](must pass)[/bold red]" if row["must_pass"] else "")
        question = row["question"] + (f"\n[dim]query: {row['query']}[/dim]" if row["query"] != row["question"] else "")
        got = _short(row["got"], 220) + "\n[yellow]" + "; ".join(row["reasons"]) + "[/yellow]"
        table.add_row(ident, question, row["expected"], got)
    return table


def print_report(
    console: Console,
    metrics: dict[str, Any],
    failures: list[dict[str, Any]],
    gate: GateResult,
    baseline: dict[str, Any] | None,
    naive: dict[str, Any] | None,
    title: str,
    results_path: str,
) -> None:
    base_metrics = baseline.get("metrics") if baseline and gate.compared else None
    console.print(metric_table(metrics, base_metrics, naive, title))
    console.print(f"[dim]* gated: a rate may not drop more than {TOLERANCE} below the baseline; "
                  f"the median latency may not exceed {LATENCY_FACTOR:g}x the baseline's (plus a margin).[/dim]")
    if failures:
        console.print(failure_table(failures))
    print_verdict(console, gate, results_path)


def print_verdict(console: Console, gate: GateResult, results_path: str) -> None:
    """The gate's notes, where the per-item results are, and pass/fail with every failure."""
    for note in gate.notes:
        console.print(f"[yellow]note:[/yellow] {note}")
    console.print(f"per-item results: {results_path}")
    if gate.ok:
        console.print("[bold green]gate passed[/bold green]")
    else:
        console.print("[bold red]gate FAILED[/bold red]")
        for failure in gate.failures:
            console.print(f"  [red]✗[/red] {failure}")


SUITE_COLUMNS: list[tuple[str, str]] = [
    ("hit@3", "hit@3"),
    ("answered", "answered"),
    ("fact_recall", "fact recall"),
    ("first_fact", "fact in 1st"),
    ("refusal_recall", "refusal R"),
    ("refusal_precision", "refusal P"),
    ("auc", "AUC"),
    ("latency_p50_ms", "p50 ms"),
]


def suite_table(rows: Sequence[tuple[str, dict[str, Any]]], blind: set[str], baseline: dict[str, Any] | None, title: str) -> Table:
    """One row per set (and its floor/ceiling): HasAns columns, then NoAns columns, then speed.

    A cell that dropped more than the gate's tolerance below the baseline is shown in red."""
    table = Table(title=title, title_justify="left")
    table.add_column("set", no_wrap=True)
    table.add_column("HasAns/NoAns", justify="right")
    for _key, label in SUITE_COLUMNS:
        table.add_column(label, justify="right")
    for name, metrics in rows:
        base = (baseline or {}).get(name) or {}
        label = name + (" (blind)" if name in blind else "")
        cells = [label, f"{metrics.get('answerable')}/{metrics.get('unanswerable')}"]
        for key, _label in SUITE_COLUMNS:
            cell = _fmt(key, metrics.get(key))
            old, new = base.get(key), metrics.get(key)
            if key != GATED_LATENCY and dropped(key, old, new, metrics):
                cell = f"[red]{cell}[/red]"
            cells.append(cell)
        table.add_row(*cells, style="dim" if "·" in name else None)
    return table
