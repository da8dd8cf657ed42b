"""Filters: outlets and a date range limit what `retrieve`, `ask` and `ask_stream` use, inside
both retrieval legs (a Chroma `where` for the dense leg, a bm25s weight mask for BM25), so k
matching passages still come back. The seed corpus: 004 is the only dated article
(2022-01-14, Orange County Register); 001 is the only CNN one.
"""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from conftest import make_settings
from qa.errors import BadQuestion
from qa.retrieve.hybrid import PassageFilter, make_filter

OCR = "004_93ab12cb5d174454"
CNN = "001_a32b31f8f4665c4d"
QUESTION = "What did Putin demand in the draft agreements?"
JAN_1 = dt.date(2022, 1, 1)
DAY = dt.date(2022, 1, 14)


def _docs(passages) -> set[str]:
    return {p.doc_id for p in passages}


def test_since_leaves_only_the_dated_article(assistant):
    passages = assistant.retrieve(QUESTION, k=8, since=JAN_1)
    assert len(passages) == 8 and _docs(passages) == {OCR}
    assert all(p.date == "2022-01-14" and p.source == "Orange County Register" for p in passages)


def test_outlets_match_case_insensitively_and_k_passages_remain(assistant):
    passages = assistant.retrieve(QUESTION, k=10, sources=["cnn"])
    assert len(passages) == 10 and _docs(passages) == {CNN}
    assert assistant.retrieve(QUESTION, k=10, sources=[" CNN "]) == passages
    assert assistant.retrieve(QUESTION, k=10, sources="CNN") == passages  # one name alone is one outlet


def test_date_bounds_are_inclusive_and_undated_articles_are_left_out(assistant):
    assert _docs(assistant.retrieve(QUESTION, k=5, since=DAY, until=DAY)) == {OCR}
    assert _docs(assistant.retrieve(QUESTION, k=5, until="2022-01-14")) == {OCR}  # the undated ones are out
    assert assistant.retrieve(QUESTION, k=5, since=dt.date(2022, 1, 15)) == []
    assert assistant.retrieve(QUESTION, k=5, until=dt.date(2022, 1, 13)) == []
    assert _docs(assistant.retrieve(QUESTION, k=5, since=dt.datetime(2022, 1, 14, 23, 59))) == {OCR}


def test_outlet_and_dates_together(assistant):
    assert _docs(assistant.retrieve(QUESTION, k=5, sources=["orange county register"], since=JAN_1)) == {OCR}
    assert assistant.retrieve(QUESTION, k=5, sources=["CNN"], since=JAN_1) == []  # CNN's article has no date


def test_both_legs_search_only_matching_passages(assistant):
    retriever = assistant.retriever
    only_cnn = retriever.make_filter(sources=["CNN"])
    dense = retriever.dense_nodes(QUESTION, only_cnn)
    bm25 = retriever.bm25_nodes(QUESTION, only_cnn)
    cnn_passages = sum(1 for n in assistant.store.all_nodes() if n.metadata["doc_id"] == CNN)
    # filtered before each leg's top k: every CNN passage is a dense candidate (fewer than 30)
    assert len(dense) == min(cnn_passages, retriever.candidates) and {n.metadata["doc_id"] for n in dense} == {CNN}
    assert bm25 and {n.metadata["doc_id"] for n in bm25} == {CNN}
    unfiltered = retriever.bm25_nodes(QUESTION)
    assert {n.metadata["doc_id"] for n in unfiltered} != {CNN}  # the filter is what narrows it
    dated = retriever.make_filter(since=JAN_1)
    assert {n.metadata["doc_id"] for n in retriever.dense_nodes(QUESTION, dated)} == {OCR}
    assert {n.metadata["doc_id"] for n in retriever.bm25_nodes(QUESTION, dated)} == {OCR}


def test_without_filters_nothing_changes(assistant):
    plain = assistant.retrieve(QUESTION, k=5)
    assert assistant.retrieve(QUESTION, k=5, sources=None, since=None, until=None) == plain
    assert assistant.retrieve(QUESTION, k=5, sources=[], since="", until="") == plain  # empty = no filter
    assert assistant.retriever.retrieve(QUESTION, 5) == plain  # the answerer's own call
    assert len(_docs(plain)) > 1
    assert assistant.ask(QUESTION).to_dict() == assistant.ask(QUESTION, sources=[]).to_dict()


def test_ask_answers_only_from_the_chosen_outlet(assistant):
    answer = assistant.ask(QUESTION, sources=["CNN"])
    assert answer.answered and answer.citations
    assert {c.passage.source for c in answer.citations} == {"CNN"}
    assert all(c.quote in c.passage.text for c in answer.citations)


def test_ask_stream_answers_only_from_the_date_range(assistant):
    events = list(assistant.ask_stream("Why did Russian troops go to Kazakhstan?", since=JAN_1))
    answer = events[-1]
    assert answer.answered and answer.citations
    assert {(c.passage.doc_id, c.passage.date) for c in answer.citations} == {(OCR, "2022-01-14")}
    assert all(p.doc_id == OCR for p in answer.related)


def test_a_filter_that_matches_nothing_refuses_and_says_why(assistant):
    answer = assistant.ask(QUESTION, since=dt.date(2030, 1, 1))
    assert not answer.answered and not answer.citations and not answer.error
    assert "matches the filter" in answer.notice and "2030-01-01" in answer.notice


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"sources": ["BBC"]}, r"no article in the library is from 'BBC'; its outlets are: CNN, Los Angeles Times, Orange County Register"),
        ({"sources": [3]}, "outlet names"),
        ({"sources": 5}, "list of outlet names"),
        ({"since": "2022-13-01"}, "since must be a date as YYYY-MM-DD; '2022-13-01' is no such day"),
        ({"since": "14/01/2022"}, "since must be a date as YYYY-MM-DD"),
        ({"until": 20220114}, "until must be a datetime.date or a YYYY-MM-DD string"),
        ({"since": DAY, "until": JAN_1}, r"since \(2022-01-14\) is after until \(2022-01-01\)"),
    ],
)
def test_bad_filter_values_are_bad_questions(assistant, kwargs, message):
    with pytest.raises(BadQuestion, match=message):
        assistant.retrieve(QUESTION, **kwargs)
    with pytest.raises(BadQuestion, match=message):
        assistant.ask(QUESTION, **kwargs)
    with pytest.raises(BadQuestion, match=message):
        assistant.ask_stream(QUESTION, **kwargs)  # raised before the first piece


def test_filter_where_clauses():
    f = make_filter(["cnn", "Reuters"], "2022-01-01", None, outlets=["CNN", "Reuters", "Cnn"])
    assert f.sources == ("CNN", "Cnn", "Reuters")  # every spelling of the outlet in the library
    assert f.where() == {"$and": [{"source": {"$in": ["CNN", "Cnn", "Reuters"]}}, {"date_int": {"$gte": 20220101}}]}
    assert f.where(dates=False) == {"source": {"$in": ["CNN", "Cnn", "Reuters"]}}
    assert PassageFilter(until=DAY).where() == {"$and": [{"date_int": {"$gte": 1}}, {"date_int": {"$lte": 20220114}}]}
    assert not make_filter(None, None, None) and make_filter([], "", "").where() is None
    assert PassageFilter(since=DAY).accepts({"date": "2022-01-14"}) and not PassageFilter(since=DAY).accepts({"date": ""})


def test_an_index_without_date_numbers_filters_dates_after_the_search(assistant, tmp_path):
    """Passages indexed before `date_int` existed: dates are checked on the dense candidates,
    until the next ingest adds the numbers."""
    from qa import Assistant

    copy = tmp_path / "index"
    shutil.copytree(assistant.settings.index_dir, copy)
    old = Assistant(make_settings(copy))
    ids = old.store.collection.get(include=[])["ids"]
    old.store.collection.update(ids=ids, metadatas=[{"date_int": None}] * len(ids))  # as an old index has them
    old.store._nodes.clear()
    assert not old.store.has_date_numbers()
    for kwargs in ({"since": JAN_1}, {"until": DAY, "sources": ["Orange County Register"]}, {"sources": ["CNN"]}):
        got = old.retrieve(QUESTION, k=6, **kwargs)
        assert got == assistant.retrieve(QUESTION, k=6, **kwargs), kwargs
    assert old.retrieve(QUESTION, k=6, sources=["CNN"], until=DAY) == []

    # an ingest gives the old passages their date numbers (metadata only: nothing re-embedded)
    report = old.ingest([old.settings.corpus_dir])
    assert not report.changed and old.store.has_date_numbers()
    numbers = {(n.metadata["doc_id"], n.metadata["date_int"]) for n in old.store.all_nodes()}
    assert (OCR, 20220114) in numbers and (CNN, 0) in numbers and len(numbers) == 5
    assert all("date_int" in n.excluded_embed_metadata_keys for n in old.store.all_nodes())
    for kwargs in ({"since": JAN_1}, {"sources": ["CNN"]}, {}):
        assert old.retrieve(QUESTION, k=6, **kwargs) == assistant.retrieve(QUESTION, k=6, **kwargs), kwargs
