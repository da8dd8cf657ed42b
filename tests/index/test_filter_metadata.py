"""What the store keeps for filters and reports: each passage's `date_int` (YYYYMMDD, 0 when the
article has no date; never part of the embedded or BM25 text), and thin pages named in the
ingest report (`IngestReport.thin`, `summary()`, so `python -m qa.ingest` prints them).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import make_settings
from qa.index.store import IndexStore, date_number

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
DATED = "004_93ab12cb5d174454"
UNDATED = "001_a32b31f8f4665c4d"
THIN = "short-note"
THIN_TEXT = "Harbour Courier\n\nThe ferry Marisol Dawn was launched at Vesterhavn on Friday by captain Oren Talvik.\n"


@pytest.mark.parametrize(
    "date, number",
    [("2022-01-14", 20220114), ("1999-12-31", 19991231), ("", 0), (None, 0), ("2022-01", 0), ("14 Jan 2022", 0),
     ("2022-1-14", 0)],
)
def test_date_number(date, number):
    assert date_number(date) == number


@pytest.fixture(scope="module")
def store(tmp_path_factory, embedder):
    base = tmp_path_factory.mktemp("filters")
    corpus = base / "corpus"
    corpus.mkdir()
    for doc_id in (DATED, UNDATED):
        shutil.copy(CORPUS / f"{doc_id}.txt", corpus / f"{doc_id}.txt")
    (corpus / f"{THIN}.txt").write_text(THIN_TEXT, encoding="utf-8")
    store = IndexStore(make_settings(base / "index", corpus), embed_model=embedder)
    store.report = store.ingest([corpus])
    return store


def test_passages_carry_a_date_number_kept_out_of_their_text(store):
    from llama_index.core.schema import MetadataMode

    nodes = store.all_nodes()
    by_doc = {}
    for node in nodes:
        by_doc.setdefault(node.metadata["doc_id"], set()).add(node.metadata["date_int"])
        assert "date_int" in node.excluded_embed_metadata_keys and "date_int" in node.excluded_llm_metadata_keys
        for mode in (MetadataMode.EMBED, MetadataMode.LLM):
            assert "date_int" not in node.get_content(metadata_mode=mode)
    assert by_doc == {DATED: {20220114}, UNDATED: {0}, THIN: {0}}
    assert store.has_date_numbers()


def test_the_report_names_thin_pages(store):
    report = store.report
    assert set(report.thin) == {THIN}
    assert report.thin[THIN] == "1 passage: the page's text may not have been found"
    assert f"thin page {THIN}: 1 passage: the page's text may not have been found" in report.summary()
    assert store.ingest([store.settings.corpus_dir]).thin == {}  # unchanged files are not reported again


@pytest.mark.slow
def test_ingest_cli_mentions_thin_pages(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / f"{THIN}.txt").write_text(THIN_TEXT, encoding="utf-8")
    env = dict(os.environ, QA_INDEX_DIR=str(tmp_path / "index"), QA_CORPUS_DIR=str(corpus), HF_HUB_OFFLINE="1")
    env.pop("QA_CHROMA_URL", None)
    done = subprocess.run([sys.executable, "-m", "qa.ingest"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "1 added" in done.stdout
    assert f"thin page {THIN}: 1 passage: the page's text may not have been found" in done.stdout
