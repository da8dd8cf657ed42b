"""The sentence vectors: every candidate sentence's vector, written at ingest beside the index
state, kept in step with the passages, and read back by the answer step."""
from __future__ import annotations

import numpy as np
import pytest

from conftest import ONE_ARTICLE, make_settings
from qa.index.embedding import embed_alone
from qa.index.sentences import SENTENCES, passage_sentences, sentence_id
from qa.index.store import SENTENCES_DONE, STATE, IndexStore
from qa.retrieve.hybrid import HybridRetriever

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
    return {sentence_id(node.node_id, offset): text for node in store.all_nodes()
            for offset, text in passage_sentences(node)}


def _stored_passages(store: IndexStore) -> set[str]:
    return store.sentences.passages()


def test_every_candidate_sentence_is_stored_with_the_vector_it_has_alone(store, embedder):
    expected = _expected(store)
    stored = store.sentences.vectors(list(expected))
    assert set(stored) == set(expected) and len(expected) > store.count()
    assert _stored_passages(store) == {node.node_id for node in store.all_nodes()}
    sample = sorted(expected)[:6]
    for sid, vector in zip(sample, embed_alone(embedder, [expected[sid] for sid in sample])):
        assert np.array_equal(stored[sid], vector)  # bit for bit what the answer step would compute
    assert store.sentences.vectors(["nope:0", sample[0] + "1"]) == {}


def test_changed_and_removed_articles_take_their_sentences_with_them(store, one_article_corpus):
    before = _stored_passages(store)
    (one_article_corpus / "harbour.txt").write_text(NOTE.replace("412", "413"), encoding="utf-8")
    store.ingest([one_article_corpus])
    now = _stored_passages(store)
    assert now == {node.node_id for node in store.all_nodes()} and now != before
    (one_article_corpus / "harbour.txt").unlink()
    store.ingest([one_article_corpus], prune=True)
    assert _stored_passages(store) == {node.node_id for node in store.all_nodes()}
    assert all(pid.startswith(ONE_ARTICLE) for pid in _stored_passages(store))


def test_an_index_from_before_the_sentence_vectors_gets_them_on_the_next_ingest(store, one_article_corpus):
    passages = sorted(_stored_passages(store))
    store.kv.delete_many(passages[::2], SENTENCES)  # as if built before them, or a backfill cut short
    store.kv.delete(SENTENCES_DONE, STATE)
    report = store.ingest([one_article_corpus])  # every file unchanged
    assert not report.changed
    assert sorted(_stored_passages(store)) == passages
    assert set(store.sentences.vectors(list(_expected(store)))) == set(_expected(store))
    assert store.kv.get(SENTENCES_DONE, STATE)["complete"]


def test_records_cut_by_another_splitter_are_not_read_and_the_next_ingest_embeds_them_again(
        store, one_article_corpus, monkeypatch):
    """Vectors are kept by their sentence's start offset: after the splitter changes where a
    sentence ends ("George H.W." | "Bush held…" became one sentence), the old record would give
    the longer sentence the shorter one's vector. A record of another `SPLITTER_VERSION` reads as
    absent until the next ingest embeds its passage again."""
    from qa.index import sentences as sentence_module
    from qa.index import store as store_module

    expected = _expected(store)
    assert set(store.sentences.vectors(list(expected))) == set(expected)
    newer = sentence_module.SPLITTER_VERSION + 1
    monkeypatch.setattr(sentence_module, "SPLITTER_VERSION", newer)
    monkeypatch.setattr(store_module, "SPLITTER_VERSION", newer)
    store.sentences.forget()
    assert store.sentences.vectors(list(expected)) == {}  # stale: not read
    report = store.ingest([one_article_corpus])  # every file unchanged
    assert not report.changed
    assert set(store.sentences.vectors(list(expected))) == set(expected)
    assert store.kv.get(SENTENCES_DONE, STATE)["splitter"] == newer
    metas = store.kv.get_metadata_many(sorted(_stored_passages(store)), SENTENCES)
    assert metas and all(meta["splitter"] == newer for meta in metas.values())


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


def test_a_run_killed_before_the_library_record_gets_its_sentences_back(store, one_article_corpus):
    from qa.index.store import ARTICLES

    expected = _stored_passages(store)
    mine = sorted(pid for pid in expected if pid.startswith(ONE_ARTICLE))
    store.sentences.delete_passages(mine)  # killed after the passages and hashes, before the rest
    store.kv.delete(ONE_ARTICLE, ARTICLES)
    store.ingest([one_article_corpus])  # the article is unchanged but has no record: repaired
    assert _stored_passages(store) == expected and ONE_ARTICLE in store.articles()


def test_the_answer_step_s_passages_come_with_their_sentence_vectors(store, monkeypatch):
    """`candidates` reads the sentence records beside the passages (another thread), so the
    answer step's own read of them finds them cached and asks Chroma for none."""
    import qa.answer.extractive as extractive

    retriever = HybridRetriever(store)
    answerer = extractive.ExtractiveAnswerer(store.embed_model, retriever)
    question = "How many fishing boats were counted in the spring survey?"
    passages = answerer.candidates(question, 5)
    reads: list[list[str]] = []
    real = store.kv.get_metadata_many
    monkeypatch.setattr(store.kv, "get_metadata_many", lambda keys, collection: reads.append(keys) or real(keys, collection))
    q, cands = answerer.featurize(question, passages)
    assert cands and all(c.features for c in cands)
    assert reads == []  # nothing read again
    assert answerer.answer(question, question, passages).answered


def test_cached_sentence_vectors_are_read_again_after_a_rewrite_and_gone_after_a_removal(store, embedder, monkeypatch):
    reads: list[list[str]] = []
    real = store.kv.get_metadata_many
    monkeypatch.setattr(store.kv, "get_metadata_many", lambda keys, collection: reads.append(keys) or real(keys, collection))
    pid = sorted(_stored_passages(store))[0]
    first = store.sentences.passage_vectors([pid])[pid]
    assert store.sentences.passage_vectors([pid])[pid] is first and len(reads) == 1  # cached
    store.sentences.add(store.nodes_by_id([pid]), embedder)  # rewritten: read again
    again = store.sentences.passage_vectors([pid])[pid]
    assert len(reads) == 2 and again[0] == first[0] and np.array_equal(again[1], first[1])
    store.refresh()  # nothing changed elsewhere: the cache stays
    store.sentences.passage_vectors([pid])
    assert len(reads) == 2
    store.sentences.delete_passages([pid])
    assert store.sentences.passage_vectors([pid]) == {}


def test_a_sentence_two_overlapping_passages_share_is_embedded_once(tmp_path, one_article_corpus, embedder, monkeypatch):
    asked: list[str] = []
    real = type(embedder).encode_alone
    monkeypatch.setattr(type(embedder), "encode_alone", lambda self, texts: asked.extend(texts) or real(self, texts))
    store = IndexStore(make_settings(tmp_path / "index", one_article_corpus), embed_model=embedder)
    store.ingest([one_article_corpus])
    expected = _expected(store)
    assert len(set(expected.values())) < len(expected)  # the passages do overlap
    assert sorted(asked) == sorted(set(expected.values()))  # each distinct sentence once
    stored = store.sentences.vectors(list(expected))
    by_text: dict[str, list[np.ndarray]] = {}
    for sid, text in expected.items():
        by_text.setdefault(text, []).append(stored[sid])
    assert all(all(np.array_equal(v, vs[0]) for v in vs) for vs in by_text.values())
