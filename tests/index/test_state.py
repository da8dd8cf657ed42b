"""Issue 13: the index state kept in Chroma (docstore, library records, fingerprints, version).

Small embedded indexes sharing the session MiniLM; the multi-process checks with a real
`chroma run` server are in `test_replica_processes.py` and `tests/ingest/test_workers.py`.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import make_settings
from qa.errors import IngestError
from qa.index.kvstore import ChromaKVStore, kv_collection
from qa.index.store import ARTICLES, LEGACY_DOCSTORE, STATE_SUFFIX, TEXT_KEYS, IndexStore
from qa.retrieve.hybrid import HybridRetriever

ROOT = Path(__file__).resolve().parents[2]
REAL = "000_7072df8804a34c19"
NOTE = (
    "The harbour board of Orvika counted 412 fishing boats in the spring survey, Ada Lorne said on Monday. "
    "Volunteers planted oak saplings along the river path.\n"
)


@pytest.fixture()
def corpus(one_article_corpus):
    return one_article_corpus


def test_kv_store_round_trips_and_pages(tmp_path):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    client = chromadb.PersistentClient(path=str(tmp_path / "c"), settings=ChromaSettings(anonymized_telemetry=False))
    kv = ChromaKVStore(kv_collection(client, "kv-test"))
    kv.put_all([(f"k{i}", {"i": i, "text": "é" * 3}) for i in range(4100)], collection="one")  # > 2 pages
    kv.put("k0", {"other": True}, collection="two")
    assert kv.get("k7", "one") == {"i": 7, "text": "ééé"} and kv.get("nope", "one") is None
    assert len(kv.get_all("one")) == 4100 and kv.get_all("two") == {"k0": {"other": True}}
    assert kv.get_many(["k1", "k2", "zz"], "one") == {"k1": {"i": 1, "text": "ééé"}, "k2": {"i": 2, "text": "ééé"}}
    assert kv.delete("k1", "one") and not kv.delete("k1", "one")
    assert kv.get("k0", "one") == {"i": 0, "text": "ééé"}  # collections do not mix
    assert kv.existing([f"k{i}" for i in range(4200)], "one") == {f"k{i}" for i in range(4100)} - {"k1"}
    kv.delete_many([f"k{i}" for i in range(2, 4100)] + ["absent"], "one")
    assert set(kv.get_all("one")) == {"k0"} and kv.get_all("two") == {"k0": {"other": True}}
    kv.put_metadata_all([(f"m{i}", {"n": i, "blob": "x" * 50}) for i in range(2100)], collection="meta")
    assert kv.keys("meta") == {f"m{i}" for i in range(2100)} and kv.keys("two") == {"k0"}
    got = kv.get_metadata_many(["m3", "m2099", "nope"], "meta")
    assert set(got) == {"m3", "m2099"} and got["m3"]["n"] == 3 and got["m3"]["blob"] == "x" * 50
    # which keys exist with a metadata value, filtered inside Chroma (the sentence index's splitter version)
    assert kv.existing(["m3", "m4", "m5", "nope"], "meta", where={"n": {"$gte": 4}}) == {"m4", "m5"}


def test_state_lives_in_chroma_and_the_folder_holds_only_bm25(tmp_path, corpus, embedder):
    settings = make_settings(tmp_path / "index", corpus)
    store = IndexStore(settings, embed_model=embedder)
    store.ingest([corpus])
    assert sorted(p.name for p in store.state_dir.iterdir() if not p.name.startswith(".")) == ["bm25"]
    record = store.articles()[REAL]
    assert record["passages"] == store.count() and record["source"] == "Los Angeles Times"
    assert store.article_text(REAL).startswith("US Deputy Secretary of State Wendy Sherman")
    assert store.article_text("missing") is None
    fresh = IndexStore(settings, embed_model=embedder)  # nothing cached: read in one call, as the docstore holds it
    assert fresh.article_texts([REAL, "missing", REAL]) == {REAL: store.docstore.get_document(REAL).get_content()}
    shutil.rmtree(store.state_dir)  # the folder is a cache: a new store rebuilds it
    again = IndexStore(settings, embed_model=embedder)
    assert again.articles() == store.articles() and again.document_ids() == [REAL]
    assert int(again.load_bm25(50).bm25.scores["num_docs"]) == store.count()


def test_another_store_notices_a_change_and_reloads(tmp_path, corpus, embedder):
    settings = make_settings(tmp_path / "index", corpus)
    writer = IndexStore(settings, embed_model=embedder)
    writer.ingest([corpus])
    reader = IndexStore(settings, embed_model=embedder)
    retriever = HybridRetriever(reader)
    assert not reader.refresh()  # nothing changed since it opened
    version = reader.version()
    (corpus / "orvika-boats.txt").write_text(NOTE, encoding="utf-8")
    writer.ingest([corpus])
    assert writer.version() != version
    assert reader.refresh() and not reader.refresh()
    retriever.reload()
    assert retriever.retrieve_passages("How many fishing boats did the Orvika harbour board count?", 3)[0].doc_id == "orvika-boats"
    assert "orvika-boats" in dict((d, s) for d, _, s in retriever.sources)


def test_a_lost_library_record_is_repaired_by_the_next_ingest(tmp_path, corpus, embedder):
    store = IndexStore(make_settings(tmp_path / "index", corpus), embed_model=embedder)
    store.ingest([corpus])
    store.kv.delete(REAL, ARTICLES)  # as if killed between the docstore entry and the record
    report = store.ingest([corpus])
    assert report.unchanged == [REAL] and store.articles()[REAL]["passages"] == store.count()


def test_a_deleted_article_frees_its_text_for_another_id(tmp_path, corpus, embedder):
    store = IndexStore(make_settings(tmp_path / "index", corpus), embed_model=embedder)
    store.ingest([corpus])
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(corpus / f"{REAL}.txt", copy / "renamed.txt")
    with pytest.raises(IngestError, match="same article text"):
        store.ingest([copy])
    store.delete_document(REAL)
    assert store.articles() == {} and store.kv.get_all(TEXT_KEYS) == {}
    assert store.ingest([copy]).added == ["renamed"]


def test_an_index_with_a_docstore_file_is_converted_on_open(tmp_path, corpus, embedder):
    from llama_index.core.storage.docstore import SimpleDocumentStore

    settings = make_settings(tmp_path / "index", corpus)
    store = IndexStore(settings, embed_model=embedder)
    store.ingest([corpus])
    hashes = store.docstore.get_all_document_hashes()
    legacy = SimpleDocumentStore()  # what an older version kept in docstore.json
    legacy.add_documents([store.docstore.get_document(REAL)])
    legacy.set_document_hashes({doc_id: h for h, doc_id in hashes.items()})
    legacy.persist(str(store.state_dir / LEGACY_DOCSTORE))
    store.client.delete_collection(settings.collection + STATE_SUFFIX)

    old = IndexStore(settings, embed_model=embedder)
    assert not (old.state_dir / LEGACY_DOCSTORE).exists() and (old.state_dir / "docstore.json.migrated").exists()
    assert old.docstore.get_all_document_hashes() == hashes
    assert old.articles()[REAL]["passages"] == old.count() and old.version()
    assert old.ingest([corpus]).unchanged == [REAL]  # nothing re-embedded


def test_a_second_assistant_answers_about_an_article_the_first_ingested(tmp_path, corpus):
    """Two Assistants on one index (as two replicas): the second picks up the first's ingest by
    itself, through the version token, in a background reload (no restart, no ingest of its own)."""
    import time

    from qa import Assistant

    settings = make_settings(tmp_path / "index", corpus)
    first, second = Assistant(settings), Assistant(settings)
    question = "How many fishing boats did the Orvika harbour board count?"
    assert "orvika-boats" not in [c.passage.doc_id for c in second.ask(question).citations]
    (corpus / "orvika-boats.txt").write_text(NOTE, encoding="utf-8")
    first.ingest([corpus])
    deadline = time.monotonic() + 10
    while True:
        answer = second.ask(question)
        if answer.citations and answer.citations[0].passage.doc_id == "orvika-boats":
            break
        assert time.monotonic() < deadline, answer.text
        time.sleep(0.2)
    assert "412" in answer.text
    assert [d.doc_id for d in second.library()] == [REAL, "orvika-boats"]
    assert second.document_text("orvika-boats").startswith("The harbour board of Orvika")
