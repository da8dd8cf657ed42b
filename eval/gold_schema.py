"""Loading and validating a gold file (the schema of DESIGN.md), so any file in it can be scored.

One JSON object a line: `id`, `question`, `answerable` (default true), `facts` (groups of
aliases), `evidence` (quotes), optional `follows`, `must_pass`, `doc`, `kind`. Problems are
reported all at once with their line numbers, because a gold file is written by hand and a
run that dies on the first typo of twenty wastes everybody's time.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KNOWN_FIELDS = {"id", "question", "answerable", "facts", "evidence", "follows", "must_pass", "doc", "kind"}


class GoldError(ValueError):
    """A gold file that does not follow the schema; the message lists every problem found."""


@dataclass(frozen=True)
class GoldItem:
    id: str
    question: str
    answerable: bool = True
    facts: tuple[tuple[str, ...], ...] = ()
    evidence: tuple[str, ...] = ()
    follows: str | None = None
    must_pass: bool = False
    doc: str | None = None
    kind: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


def _check_item(raw: Any, where: str) -> tuple[GoldItem | None, list[str]]:
    if not isinstance(raw, dict):
        return None, [f"{where}: expected a JSON object, got {type(raw).__name__}"]
    errors: list[str] = []
    item_id = raw.get("id")
    if not isinstance(item_id, str) or not item_id.strip():
        errors.append(f"{where}: 'id' must be a non-empty string")
    question = raw.get("question")
    if not isinstance(question, str) or not question.strip():
        errors.append(f"{where}: 'question' must be a non-empty string")
    answerable = raw.get("answerable", True)
    if not isinstance(answerable, bool):
        errors.append(f"{where}: 'answerable' must be true or false")
        answerable = True
    facts = raw.get("facts", [])
    if not isinstance(facts, list) or not all(
        isinstance(g, list) and g and all(isinstance(a, str) and a.strip() for a in g) for g in facts
    ):
        errors.append(f"{where}: 'facts' must be a list of non-empty lists of strings, e.g. [[\"1994\"], [\"Kyiv\", \"Kiev\"]]")
        facts = []
    evidence = raw.get("evidence", [])
    if not isinstance(evidence, list) or not all(isinstance(e, str) and e.strip() for e in evidence):
        errors.append(f"{where}: 'evidence' must be a list of non-empty strings")
        evidence = []
    if answerable is True and not evidence:
        errors.append(f"{where}: an answerable item needs at least one 'evidence' quote")
    if answerable is False and (facts or evidence):
        errors.append(f"{where}: an unanswerable item must have empty 'facts' and 'evidence'")
    follows = raw.get("follows")
    if follows is not None and (not isinstance(follows, str) or not follows.strip()):
        errors.append(f"{where}: 'follows' must be the id of another item")
    for key in ("doc", "kind"):
        if raw.get(key) is not None and not isinstance(raw.get(key), str):
            errors.append(f"{where}: '{key}' must be a string")
    if not isinstance(raw.get("must_pass", False), bool):
        errors.append(f"{where}: 'must_pass' must be true or false")
    if errors:
        return None, errors
    return (
        GoldItem(
            id=item_id.strip(),
            question=question.strip(),
            answerable=answerable,
            facts=tuple(tuple(g) for g in facts),
            evidence=tuple(evidence),
            follows=follows,
            must_pass=bool(raw.get("must_pass", False)),
            doc=raw.get("doc"),
            kind=raw.get("kind") or ("unanswerable" if not answerable else ""),
            extra={k: v for k, v in raw.items() if k not in KNOWN_FIELDS},
        ),
        [],
    )


def parse_gold(lines: list[str], name: str = "gold") -> list[GoldItem]:
    """Items in file order; raises GoldError naming every bad line, duplicate id or dangling `follows`."""
    items: list[GoldItem] = []
    errors: list[str] = []
    line_of: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        item, problems = _check_item(raw, where)
        errors.extend(problems)
        if item is None:
            continue
        if item.id in line_of:
            errors.append(f"{where}: duplicate id {item.id!r} (first on line {line_of[item.id]})")
            continue
        line_of[item.id] = number
        items.append(item)
    for item in items:
        if item.follows is None:
            continue
        if item.follows not in line_of:
            errors.append(f"{name}:{line_of[item.id]}: {item.id!r} follows {item.follows!r}, which is not in the file")
        elif item.follows == item.id:
            errors.append(f"{name}:{line_of[item.id]}: {item.id!r} follows itself")
    by_id = {i.id: i for i in items}
    for item in items:  # a cycle of follow-ups would have no first turn
        seen, cur = set(), item
        while cur is not None and cur.follows is not None and cur.follows in by_id:
            if cur.id in seen:
                errors.append(f"{name}:{line_of[item.id]}: the 'follows' chain of {item.id!r} loops")
                break
            seen.add(cur.id)
            cur = by_id[cur.follows]
    if errors:
        raise GoldError(f"{name} does not follow the gold schema:\n  " + "\n  ".join(errors))
    if not items:
        raise GoldError(f"{name} has no items")
    return items


def load_gold(path: Path) -> list[GoldItem]:
    """Read and validate a gold file (UTF-8 JSON lines)."""
    path = Path(path)
    if not path.is_file():
        raise GoldError(f"gold file not found: {path}")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise GoldError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    return parse_gold(text.splitlines(), path.name)


def history_chain(item: GoldItem, by_id: dict[str, GoldItem]) -> list[GoldItem]:
    """The earlier turns of a follow-up, first turn first (empty for a standalone question)."""
    chain: list[GoldItem] = []
    cur = item
    while cur.follows is not None:
        cur = by_id[cur.follows]
        chain.append(cur)
    return list(reversed(chain))
