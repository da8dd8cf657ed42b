"""Crash safety: `python -m qa.ingest` killed with SIGKILL half-way through a large ingest.

The index holds the five real articles (a copy of the session index); 120 synthetic
articles are added by a real ingest subprocess, which is killed once some of them are
committed (in the docstore) *and* the next batch is already in Chroma without its hashes,
the worst moment (the subprocess pauses there, so the kill does not depend on its speed). Then: the previous index still answers a question about the real
articles; running ingest again completes with every passage of every document exactly once
(checked against `passage_spans` of the cleaned texts), and BM25 agrees with Chroma.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from conftest import make_settings
from synthetic import expected_passages, write_synthetic_articles

ROOT = Path(__file__).resolve().parents[2]
SYNTHETIC = 120
CARD_QUESTION = "What did Putin demand in the draft agreements?"


def persisted_doc_ids(index_dir: Path) -> set[str]:
    """Document ids whose hashes are committed to the docstore (kept in the Chroma state
    collection beside the passages; read after the ingest process is gone)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from qa.index.store import STATE_SUFFIX
    from qa.settings import Settings

    client = chromadb.PersistentClient(path=str(index_dir / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))
    try:
        state = client.get_collection(Settings().collection + STATE_SUFFIX)
    except Exception:  # noqa: BLE001 - no state collection yet: nothing committed
        return set()
    prefix = "docstore/metadata/"
    return {i[len(prefix):] for i in state.get(where={"kv": "docstore/metadata"}, include=[])["ids"] if i.startswith(prefix)}


# The ingest CLI with one pause at the worst moment: the pipeline's second docstore update
# (after its batch's passages are in Chroma, before their hashes are written) announces itself
# with a marker file and waits. Then the first batch is committed, the second is in Chroma
# without its hashes, and the kill lands there whatever the machine's speed.
PAUSED_INGEST = """
import sys, time
from pathlib import Path
from llama_index.core.ingestion import IngestionPipeline
from qa.ingest.__main__ import main

marker, update, calls = Path(sys.argv[1]), IngestionPipeline._update_docstore, []

def pause_then_update(self, *args, **kwargs):
    calls.append(1)
    if len(calls) == 2:  # batch 2 is in Chroma; its hashes are not written yet
        marker.write_text("paused", encoding="utf-8")
        time.sleep(600)
    return update(self, *args, **kwargs)

IngestionPipeline._update_docstore = pause_then_update
sys.exit(main([]))
"""


def kill_mid_ingest(index_dir: Path, corpus: Path, originals: set[str], total: int) -> tuple[set[str], str]:
    """Run the ingest CLI and SIGKILL it when some new documents are committed and more passages
    were written to Chroma after that commit (uncommitted leftovers exist). Returns the committed ids."""
    env = dict(os.environ, QA_INDEX_DIR=str(index_dir), QA_CORPUS_DIR=str(corpus), HF_HUB_OFFLINE="1", PYTHONUNBUFFERED="1")
    env.pop("QA_CHROMA_URL", None)
    log_path = index_dir.parent / "ingest.log"
    marker = index_dir.parent / "ingest.paused"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([sys.executable, "-c", PAUSED_INGEST, str(marker)], cwd=ROOT, env=env, stdout=log,
                                stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 600
        while proc.poll() is None and time.monotonic() < deadline:
            if marker.exists():
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait(timeout=30)
                committed = persisted_doc_ids(index_dir)
                assert originals < committed and len(committed) < total, (len(committed), total)
                return committed, log_path.read_text(errors="replace")
            time.sleep(0.05)
        pytest.fail(f"ingest ended (rc={proc.poll()}) before it could be killed half-way:\n{log_path.read_text()[-2000:]}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)


@pytest.mark.slow
def test_sigkill_mid_ingest_keeps_the_old_index_and_a_rerun_completes(assistant, tmp_path):
    from qa import Assistant

    # The five real articles, fully indexed: a copy of the session index (built by a complete run).
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(assistant.settings.corpus_dir, corpus)
    shutil.copytree(assistant.settings.index_dir, index_dir)
    originals = persisted_doc_ids(index_dir)
    assert len(originals) == 5
    bm25_before = sorted(p.name for p in (index_dir / "local" / "bm25").iterdir())
    synthetic = write_synthetic_articles(corpus, SYNTHETIC)

    committed, log = kill_mid_ingest(index_dir, corpus, originals, total=5 + SYNTHETIC)
    new_committed = committed - originals
    assert originals <= committed and 0 < len(new_committed) < SYNTHETIC, (len(committed), log[-1000:])
    # the BM25 index of the complete run is untouched (it is only swapped at the very end)
    assert sorted(p.name for p in (index_dir / "local" / "bm25").iterdir()) == bm25_before

    # The previous index still answers, with the same Assistant an app would open.
    bot = Assistant(make_settings(index_dir, corpus))
    uncommitted = {m["doc_id"] for m in bot.store.collection.get(include=["metadatas"])["metadatas"]} - committed
    assert uncommitted, "the kill did not leave uncommitted passages in Chroma: the crash path was not exercised"
    print(f"\nkilled with {len(new_committed)} of {SYNTHETIC} new articles committed, {len(uncommitted)} more in Chroma uncommitted")
    answer = bot.ask(CARD_QUESTION)
    assert answer.answered and answer.citations, answer.text
    assert all(c.passage.doc_id in originals for c in answer.citations)
    assert "draft" in answer.text.lower()

    # Ingest again: it completes, every document is in, every passage exactly once.
    report = bot.ingest([corpus])
    assert sorted(report.added) == sorted(set(synthetic) - new_committed)
    assert sorted(report.unchanged) == sorted(committed)
    expected = expected_passages(corpus)
    assert len(expected) == 5 + SYNTHETIC
    got = bot.store.collection.get(include=["metadatas"])
    ids, metas = got["ids"], got["metadatas"]
    assert len(ids) == len(set(ids)) == sum(expected.values()) == report.passages
    per_doc = Counter(m["doc_id"] for m in metas)
    assert per_doc == Counter(expected), {d: (per_doc.get(d), n) for d, n in expected.items() if per_doc.get(d) != n}
    spans = Counter((m["doc_id"], m["start"], m["end"]) for m in metas)
    assert max(spans.values()) == 1, "a passage is stored twice under different ids"
    assert set(bot.store.document_ids()) == set(expected)
    assert int(bot.retriever.bm25.bm25.scores["num_docs"]) == len(ids)  # BM25 rebuilt over all of it

    # Both the old and the new articles answer after the repair.
    assert bot.ask(CARD_QUESTION).answered
    syn_hits = bot.retrieve("Synthetic report number 42", k=3)
    assert syn_hits and syn_hits[0].doc_id == "syn_042"

    # A kill between BM25's two renames leaves no bm25 folder: it is rebuilt from Chroma on open.
    shutil.rmtree(index_dir / "local" / "bm25")
    bot.retriever.reload()
    assert int(bot.retriever.bm25.bm25.scores["num_docs"]) == len(ids)
    assert bot.ask(CARD_QUESTION).answered
