"""The gold questions and the evidence check behind hit@k (same normalisation as the eval)."""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-", "−": "-"})


def normalize(text: str) -> str:
    """Case, curly quotes, dashes and white space folded, so a quote matches its passage."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return re.sub(r"\s+", " ", text).strip()


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Gold items in file order, each turn after the turn it follows."""
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_id = {item["id"]: item for item in items}
    ordered: list[dict[str, Any]] = []
    done: set[str] = set()

    def add(item: dict[str, Any], depth: int = 0) -> None:
        if item["id"] in done or depth > 20:
            return
        parent = by_id.get(item.get("follows") or "")
        if parent is not None:
            add(parent, depth + 1)
        done.add(item["id"])
        ordered.append(item)

    for item in items:
        add(item)
    return ordered


def evidence_hit(item: dict[str, Any], passage_texts: list[str]) -> bool:
    """True when any gold evidence quote lies inside one of the passages."""
    texts = [normalize(t) for t in passage_texts]
    return any(normalize(quote) in t for quote in item.get("evidence") or [] for t in texts)


def scored(item: dict[str, Any]) -> bool:
    """Items that count for hit@k: answerable and with evidence quotes."""
    return bool(item.get("answerable", True) and item.get("evidence"))
