"""The sentence index: every candidate sentence's vector, written at ingest, kept in step with
the passages, read back by the answer step and by the (optional) best-sentence retrieval leg."""
from __future__ import annotations

import numpy as np
import pytest

from conftest import ONE_ARTICLE, make_settings
from qa.index.embedding import embed_alone
from qa.index.sentences import passage_of, passage_sentences
from qa.index.store import SENTENCES_DONE, STATE, IndexStore
from qa.retrieve.hybrid import FusionWeights, HybridRetriever

NOTE = ("The harbour board of Orvika counted 412 fishing boats in the spring survey, Ada Lorne said on Monday. "
        "Volunteers planted oak saplings along the river path near the old mill.\n")


@pytest.fixture()
def store(tmp_path, one_article_corpus, embedder):
    (one_article_corpus / "harbour.txt").write_text(NOTE, encoding="utf-8")
    store = IndexStore(make_settings(tmp_path / "index", one_article_corpus), embed_model=embedder)
    store.ingest([one_article_corpus])
    return store


def _expected(store: IndexStore) -> dict[str, str]:
    """sentence id -> sentence text, from the passages in Chroma."""
    return {sid: text for node in store.all_nodes() for sid, text, _ in passage_sentences(node)}


def test_every_candidate_sentence_is_stored_with_the_vector_it_has_alone(store, embedder):
    expected = _expected(store)
    got = store.sentences.collection.get(include=["embeddings", "metadatas"])
    assert sorted(got["ids"]) == sorted(expected) and len(expected) > store.count()
    passages = {node.node_id: node for node in store.all_nodes()}
    for sid, meta in zip(got["ids"], got["metadatas"]):
        assert passage_of(sid) == meta["passage_id"] and meta["doc_id"] == passages[meta["passage_id"]].ref_doc_id
    sample = got["ids"][:6]
    alone = embed_alone(embedder, [expected[sid] for sid in sample])
    for sid, vector in zip(sample, alone):  # bit for bit what the answer step would compute
        stored = np.asarray(got["embeddings"][got["ids"].index(sid)], dtype=np.float32)
        assert np.array_equal(stored, vector)


def test_changed_and_removed_articles_take_their_sentences_with_them(store, one_article_corpus):
    before = set(_expected(store))
    (one_article_corpus / "harbour.txt").write_text(NOTE.replace("412", "413"), encoding="utf-8")
    store.ingest([one_article_corpus])
    now = set(store.sentences.collection.get(include=[])["ids"])
    assert now == set(_expected(store)) and now != before
    (one_article_corpus / "harbour.txt").unlink()
    store.ingest([one_article_corpus], prune=True)
    left = store.sentences.collection.get(include=["metadatas"])
    assert left["ids"] and {m["doc_id"] for m in left["metadatas"]} == {ONE_ARTICLE}


def test_an_index_from_before_the_sentence_index_gets_its_sentences_on_the_next_ingest(store, one_article_corpus):
    expected = set(_expected(store))
    store.sentences.collection.delete(ids=sorted(expected)[::2])  # as if built before, or half done
    store.kv.delete(SENTENCES_DONE, STATE)
    report = store.ingest([one_article_corpus])  # every file unchanged
    assert not report.changed
    assert set(store.sentences.collection.get(include=[])["ids"]) == expected
    assert store.kv.get(SENTENCES_DONE, STATE)["complete"]


def test_the_answer_step_reads_stored_vectors_instead_of_embedding_sentences(store, monkeypatch):
    import qa.answer.extractive as extractive

    retriever = HybridRetriever(store)
    answerer = extractive.ExtractiveAnswerer(store.embed_model, retriever)
    embedded: list[str] = []
    real = extractive.embed_alone
    monkeypatch.setattr(extractive, "embed_alone", lambda model, texts: embedded.extend(texts) or real(model, texts))
    question = "How many fishing boats were counted in the spring survey?"
    passages = retriever.retrieve_passages(question, 5)
    answer = answerer.answer(question, question, passages)
    assert answer.answered and "412 fishing boats" in answer.citations[0].quote
    candidates = {c.text for c in answerer._sentences(passages)}
    assert candidates and not candidates & set(embedded)  # name-less variants at most


def test_the_best_sentence_leg_ranks_passages_and_follows_filters(store):
    retriever = HybridRetriever(store, weights=FusionWeights(sentence=1.0))
    ids = retriever.sentence_ids("How many boats did the harbour board count?")
    first = store.nodes_by_id(ids[:1])[0]
    assert "412 fishing boats" in first.get_content()
    only_la = retriever.make_filter(sources=["Los Angeles Times"])
    assert all(node.metadata["source"] == "Los Angeles Times"
               for node in store.nodes_by_id(retriever.sentence_ids("fishing boats", only_la)))
    off = HybridRetriever(store, weights=FusionWeights(sentence=0.0))
    assert off.sentence_ids("fishing boats") == []
