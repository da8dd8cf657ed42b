"""Store: incremental ingest (idempotent, replace on change, prune), bad files, CLI, Chroma server.

Writable indexes are small (one real article plus a short synthetic one) and share the session
MiniLM (`embedder` fixture), so each build costs a couple of seconds, not a model load.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import make_settings
from servers import ChromaServer
from qa.index.passages import build_passage_nodes
from qa.ingest.readers import IngestError, load_documents
from qa.retrieve.hybrid import HybridRetriever
from qa.index.store import IndexStore

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
REAL = "000_7072df8804a34c19"
TINY = "tiny-note"
TINY_TEXT = (
    "Lithuanian officials met their Polish counterparts in Vilnius on Tuesday to plan a joint exercise. "
    "The exercise will take place in the spring near the Suwalki Gap, a narrow strip of land between "
    "Belarus and the Russian exclave of Kaliningrad. Both governments said the plans had been shared with NATO.\n"
)


def _make_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(CORPUS / f"{REAL}.txt", folder / f"{REAL}.txt")
    (folder / f"{TINY}.txt").write_text(TINY_TEXT, encoding="utf-8")
    return folder


def _ids(store: IndexStore) -> list[str]:
    return sorted(store.collection.get(include=[])["ids"])


def _ids_of(store: IndexStore, doc_id: str) -> list[str]:
    return sorted(n.node_id for n in store.all_nodes() if n.metadata.get("doc_id") == doc_id)


def _snapshot(store: IndexStore) -> tuple:
    return (store.count(), _ids(store), dict(store.docstore.get_all_document_hashes()))


@pytest.fixture(scope="module")
def built(tmp_path_factory, embedder):
    """A read-only two-document index for the tests that must leave it unchanged."""
    base = tmp_path_factory.mktemp("store")
    corpus = _make_corpus(base / "corpus")
    store = IndexStore(make_settings(base / "index", corpus), embed_model=embedder)
    report = store.ingest([corpus])
    assert sorted(report.added) == sorted([REAL, TINY]) and not report.updated
    return store, corpus, report


@pytest.fixture()
def fresh(tmp_path, embedder):
    """A writable two-document index of its own."""
    corpus = _make_corpus(tmp_path / "corpus")
    store = IndexStore(make_settings(tmp_path / "index", corpus), embed_model=embedder)
    store.ingest([corpus])
    return store, corpus


def test_first_ingest_indexes_every_passage(built):
    store, corpus, report = built
    expected = []
    for doc in load_documents([corpus], max_bytes=2_000_000):
        expected += [n.node_id for n in build_passage_nodes(doc)]
    assert _ids(store) == sorted(expected)
    assert report.passages == store.count() == len(expected)
    assert store.document_ids() == sorted([REAL, TINY])
    assert (store.state_dir / "bm25").is_dir()


def test_reingest_is_idempotent(built):
    store, corpus, _ = built
    before = _snapshot(store)
    bm25_mtime = (store.state_dir / "bm25").stat().st_mtime_ns
    os.utime(corpus / f"{TINY}.txt")  # touched, not changed: must still count as unchanged
    report = store.ingest([corpus])
    assert sorted(report.unchanged) == sorted([REAL, TINY])
    assert report.added == report.updated == report.removed == []
    assert not report.changed
    assert report.summary() == f"0 added, 0 updated, 2 unchanged, 0 removed; {before[0]} passages in the index"
    assert _snapshot(store) == before
    assert (store.state_dir / "bm25").stat().st_mtime_ns == bm25_mtime, "BM25 rebuilt for nothing"
    # A second process opening the same folder sees the same index and also changes nothing.
    reopened = IndexStore(store.settings, embed_model=store.embed_model)
    assert _snapshot(reopened) == before
    assert not reopened.ingest([corpus]).changed


def test_changed_file_replaces_its_passages(fresh):
    store, corpus = fresh
    old_real = _ids_of(store, REAL)
    old_tiny = _ids_of(store, TINY)
    path = corpus / f"{REAL}.txt"
    raw = path.read_text(encoding="utf-8")
    raw = raw.replace("On Monday, Vladimir Putin announced", "On Tuesday, Vladimir Putin announced", 1)
    raw = raw.replace(
        "\n\nThe story first appeared",
        "\n\nThe envoy Quentin Marlowe flew to Reykjavik with a sealed proposal on Friday night.\n\nThe story first appeared",
        1,
    )
    path.write_text(raw, encoding="utf-8")

    report = store.ingest([corpus])
    assert report.updated == [REAL] and report.unchanged == [TINY] and not report.added

    [doc] = [d for d in load_documents([corpus], max_bytes=2_000_000) if d.id_ == REAL]
    expected = sorted(n.node_id for n in build_passage_nodes(doc))
    new_real = _ids_of(store, REAL)
    assert new_real == expected, "stale or missing passages after an update"
    assert old_real[0] not in new_real  # the passage with the changed first sentence is gone
    assert _ids_of(store, TINY) == old_tiny
    nodes = store.all_nodes()
    assert len(nodes) == len({n.node_id for n in nodes}) == store.count() == report.passages
    spans = [(n.metadata["doc_id"], n.metadata["start"], n.metadata["end"]) for n in nodes]
    assert len(spans) == len(set(spans)), "duplicate passages for the same span"
    assert not [n for n in nodes if "On Monday, Vladimir Putin announced" in n.get_content()]

    hits = HybridRetriever(store).retrieve("Quentin Marlowe Reykjavik sealed proposal", k=3)
    assert hits and hits[0].doc_id == REAL and "Quentin Marlowe flew to Reykjavik" in hits[0].text
    hits = HybridRetriever(store).retrieve("What did Putin announce on Tuesday about the peacekeepers?", k=5)
    assert any("On Tuesday, Vladimir Putin announced" in p.text for p in hits)


def test_removed_file_is_dropped_only_with_prune(fresh):
    store, corpus = fresh
    tiny_ids = _ids_of(store, TINY)
    assert tiny_ids
    (corpus / f"{TINY}.txt").unlink()

    report = store.ingest([corpus])
    assert report.removed == [] and report.unchanged == [REAL]
    assert _ids_of(store, TINY) == tiny_ids, "a vanished file must not be dropped without prune"

    report = store.ingest([corpus], prune=True)
    assert report.removed == [TINY] and report.unchanged == [REAL]
    assert _ids_of(store, TINY) == []
    assert store.document_ids() == [REAL]
    assert report.passages == store.count() == len(_ids_of(store, REAL))
    hits = HybridRetriever(store).retrieve("Suwalki Gap exercise Lithuanian Polish Vilnius", k=5)
    assert hits and all(p.doc_id == REAL for p in hits)


BAD = {
    "empty.txt": (b"", "empty"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    "latin1.txt": ("Le président a parlé à Genève d’une réunion très importante.".encode("cp1252"), "UTF-8"),
    "too-big.txt": (b"Putin met Biden in Geneva on Monday. " * 60_000, "limit"),  # ~2.2 MB > 2 MB default
    "scan.pdf": (b"%PDF-1.4 an article would be here but this file type is not supported", "unsupported"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_raises_and_leaves_the_index_unchanged(built, tmp_path, name):
    store, corpus, _ = built
    before = _snapshot(store)
    data, reason = BAD[name]
    bad = tmp_path / name
    bad.write_bytes(data)
    newcomer = tmp_path / "newcomer.txt"  # a good new file in the same call must not get in either
    newcomer.write_text("A good new article about the talks in Geneva on Monday. It has two sentences.", encoding="utf-8")
    with pytest.raises(IngestError) as err:
        store.ingest([corpus, newcomer, bad], prune=True)
    message = str(err.value)
    assert name in message and reason.lower() in message.lower(), message
    assert "newcomer" not in message
    assert _snapshot(store) == before
    assert "newcomer" not in store.document_ids()


# ---- the CLI -----------------------------------------------------------------------------------
def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "qa.ingest", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=240
    )


def test_ingest_cli_on_a_temp_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / f"{TINY}.txt").write_text(TINY_TEXT, encoding="utf-8")
    index_dir = tmp_path / "index"
    env = dict(os.environ, QA_INDEX_DIR=str(index_dir), QA_CORPUS_DIR=str(corpus), HF_HUB_OFFLINE="1")
    env.pop("QA_CHROMA_URL", None)

    first = _cli(env)
    assert first.returncode == 0, first.stderr[-2000:]
    assert "1 added, 0 updated, 0 unchanged, 0 removed; 1 passages in the index" in first.stdout

    second = _cli(env)  # up to date: must not even need the model
    assert second.returncode == 0, second.stderr[-2000:]
    assert "0 added, 0 updated, 1 unchanged, 0 removed; 1 passages in the index" in second.stdout

    (corpus / "broken.txt").write_bytes(b"\xff\xfe\x00\x00 not text")
    third = _cli(env)
    assert third.returncode == 2
    assert "broken.txt" in third.stderr and "error:" in third.stderr
    assert third.stdout.strip() == ""

    (corpus / "broken.txt").unlink()
    (corpus / f"{TINY}.txt").unlink()
    pruned = _cli(env, "--prune")  # (that nothing is dropped without --prune is tested in-process above)
    assert pruned.returncode == 0, pruned.stderr[-2000:]
    assert "0 added, 0 updated, 0 unchanged, 1 removed; 0 passages in the index" in pruned.stdout


# ---- server mode -------------------------------------------------------------------------------
@pytest.fixture()
def chroma_server(tmp_path):
    """A real `chroma run` server on a free loopback port, stopped afterwards."""
    with ChromaServer(tmp_path / "chroma-server", tmp_path / "chroma.log") as server:
        yield server.port


@pytest.mark.slow
def test_server_mode_ingest_retrieve_and_reingest(chroma_server, tmp_path, embedder):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    port = chroma_server
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("000_7072df8804a34c19.txt", "004_93ab12cb5d174454.txt"):
        shutil.copy(CORPUS / name, corpus / name)
    settings = make_settings(tmp_path / "index", corpus, chroma_url=f"http://127.0.0.1:{port}")
    store = IndexStore(settings, embed_model=embedder)
    assert not (tmp_path / "index" / "chroma").exists(), "server mode must not open a local Chroma"

    report = store.ingest([corpus])
    assert sorted(report.added) == ["000_7072df8804a34c19", "004_93ab12cb5d174454"]

    # The passages are in the server, seen by an independent HTTP client.
    client = chromadb.HttpClient(host="127.0.0.1", port=port, settings=ChromaSettings(anonymized_telemetry=False))
    remote = client.get_collection(settings.collection)
    got = remote.get(include=["documents", "metadatas", "embeddings"])
    assert len(got["ids"]) == report.passages == store.count() > 20
    assert {m["doc_id"] for m in got["metadatas"]} == {"000_7072df8804a34c19", "004_93ab12cb5d174454"}
    assert len(got["embeddings"][0]) == 384

    hits = HybridRetriever(store).retrieve("Who is the president of Kazakhstan?", k=3)
    assert hits and any("Tokayev" in p.text for p in hits)
    assert all(p.passage_id in set(got["ids"]) for p in hits)

    # Re-ingest against the server is idempotent, also from a fresh store object.
    again = IndexStore(settings, embed_model=embedder).ingest([corpus])
    assert sorted(again.unchanged) == sorted(report.added) and not again.changed
    assert sorted(remote.get(include=[])["ids"]) == sorted(got["ids"])


def test_a_loaded_bm25_maps_its_arrays_and_reads_entries_by_line(built):
    """A replica's BM25 leg is mapped from its folder, not read into memory: the score arrays
    are paged in as queries touch them and the corpus entries are read by line, so a warm
    replica's memory does not carry the whole index (at 200k passages: 8 MiB after opening,
    149 MiB read whole). Results are the same."""
    import numpy as np

    store, _, _ = built
    retriever = store.load_bm25(top_k=10)
    assert all(isinstance(retriever.bm25.scores[key], np.memmap) for key in ("data", "indices", "indptr"))
    assert not isinstance(retriever.bm25.corpus, list) and len(retriever.bm25.corpus) == store.count()
    found = store.bm25_ids(retriever, "Suwalki Gap exercise near Kaliningrad")
    assert found and found[0].startswith(f"{TINY}:")
    entry = retriever.bm25.corpus[0]
    assert set(entry) >= {"node_id", "doc_id", "source", "date"}  # what filters and ids read
