"""The committed gold set follows its schema and quotes the articles verbatim.

Quotes are checked against the *cleaned* article text (what passages are cut from), after the
eval's own normalisation, so a quote that only exists in site chrome or in the raw file fails.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from eval.gold_schema import GoldError, load_gold, parse_gold
from eval.metrics import contains
from qa.ingest.readers import article_document

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "eval" / "gold.jsonl"
CORPUS = ROOT / "corpus"


@lru_cache(maxsize=1)
def cleaned_articles() -> dict[str, str]:
    return {p.stem: article_document(p, p.read_text(encoding="utf-8")).text for p in sorted(CORPUS.iterdir()) if p.is_file()}


ITEMS = load_gold(GOLD)


def test_gold_set_loads_with_unique_ids_and_both_kinds_of_item():
    ids = [i.id for i in ITEMS]
    assert len(ids) == len(set(ids)) >= 100
    assert sum(not i.answerable for i in ITEMS) >= 10
    assert any(i.follows for i in ITEMS) and any(i.must_pass for i in ITEMS)


@pytest.mark.parametrize("item", [i for i in ITEMS if i.answerable], ids=lambda i: i.id)
def test_every_evidence_quote_is_in_a_cleaned_article(item):
    articles = cleaned_articles()
    for quote in item.evidence:
        assert any(contains(text, quote) for text in articles.values()), f"{item.id}: quote not in any article: {quote!r}"
    if item.doc:
        assert item.doc in articles, f"{item.id}: unknown doc {item.doc!r}"
        assert any(contains(articles[item.doc], q) for q in item.evidence), f"{item.id}: no quote from its doc {item.doc}"


@pytest.mark.parametrize("item", [i for i in ITEMS if i.answerable], ids=lambda i: i.id)
def test_every_fact_group_is_stated_in_an_evidence_article(item):
    articles = cleaned_articles()
    sources = [text for text in articles.values() if any(contains(text, q) for q in item.evidence)]
    for group in item.facts:
        assert any(contains(text, alias) for text in sources for alias in group), f"{item.id}: no alias of {group} in its articles"


def test_follow_ups_point_to_earlier_items():
    seen: set[str] = set()
    for item in ITEMS:
        if item.follows:
            assert item.follows in seen, f"{item.id} follows {item.follows}, which is not an earlier item"
        seen.add(item.id)


def test_loader_reports_every_problem_with_line_numbers():
    lines = [
        json.dumps({"id": "a", "question": "Q?", "facts": [["x"]], "evidence": ["x"]}),
        "{not json",
        json.dumps({"id": "a", "question": "Again?", "facts": [], "evidence": ["y"]}),
        json.dumps({"id": "b", "question": "", "facts": "x", "evidence": ["y"]}),
        json.dumps({"id": "c", "question": "Then?", "answerable": False, "facts": [["x"]], "evidence": []}),
        json.dumps({"id": "d", "question": "Follow?", "follows": "nope", "evidence": ["y"]}),
        json.dumps({"id": "e", "question": "No evidence?"}),
    ]
    with pytest.raises(GoldError) as info:
        parse_gold(lines, "bad.jsonl")
    message = str(info.value)
    for expected in [
        "bad.jsonl:2: not valid JSON",
        "bad.jsonl:3: duplicate id 'a' (first on line 1)",
        "bad.jsonl:4: 'question' must be a non-empty string",
        "bad.jsonl:4: 'facts' must be a list",
        "bad.jsonl:5: an unanswerable item must have empty 'facts' and 'evidence'",
        "bad.jsonl:6: 'd' follows 'nope', which is not in the file",
        "bad.jsonl:7: an answerable item needs at least one 'evidence' quote",
    ]:
        assert expected in message


def test_loader_accepts_a_minimal_file_and_rejects_missing_or_empty(tmp_path):
    path = tmp_path / "mini.jsonl"
    path.write_text('{"id": "u", "question": "Who?", "answerable": false}\n\n', encoding="utf-8")
    (item,) = load_gold(path)
    assert item.kind == "unanswerable" and not item.answerable and item.facts == ()
    with pytest.raises(GoldError, match="not found"):
        load_gold(tmp_path / "missing.jsonl")
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(GoldError, match="no items"):
        load_gold(tmp_path / "empty.jsonl")


def test_quotes_are_checked_against_cleaned_text_not_raw_files():
    """The "Next Post" teaser of 001 is site chrome: in the raw file, gone from the cleaned text."""
    teaser = "representatives from NATO, its 30 member states, and the Russian Federation"
    raw = (CORPUS / "001_a32b31f8f4665c4d.txt").read_text(encoding="utf-8")
    assert contains(raw, teaser)
    assert not contains(cleaned_articles()["001_a32b31f8f4665c4d"], teaser)
