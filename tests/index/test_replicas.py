"""Issue 13 (stateless replicas on one Chroma server): one embedder per collection.

The collection's metadata records the embedder that built it (model folder, backend, dimension),
so a replica with its own index folder knows it too; opening it with another embedder raises
`EmbedderMismatch` (a `SettingsError`) naming both and the fix, never silently mixing vectors.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_settings
from qa.errors import EmbedderMismatch, SettingsError
from qa.index.embedding import embedder_backend, embedder_identity
from qa.index.store import EMBED_META, EMBEDDER_FILE, IndexStore

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "000_7072df8804a34c19"


class Relabelled:
    """The session embedder pretending to be another backend (same vectors, another label)."""

    def __init__(self, inner, backend: str) -> None:
        self._inner, self.backend, self.model_name = inner, backend, inner.model_name

    def __getattr__(self, name):
        return getattr(self._inner, name)


@pytest.fixture()
def corpus(one_article_corpus):
    return one_article_corpus


def test_the_collection_records_its_embedder_and_refuses_another(tmp_path, corpus, embedder):
    settings = make_settings(tmp_path / "index", corpus)
    store = IndexStore(settings, embed_model=embedder)
    store.ingest([corpus])
    recorded = store.recorded_embedder()
    assert recorded == embedder_identity(embedder)
    assert recorded["backend"] == embedder_backend(embedder) and recorded["dim"] == 384
    assert recorded["model"] and "/" not in recorded["model"]

    # another replica: its own index folder (no docstore, no marker), the same collection
    same = IndexStore(settings, embed_model=Relabelled(embedder, embedder_backend(embedder)))
    assert same.embed_model is not None  # same embedder: fine
    assert same.embed_model.get_query_embedding("Putin")  # and it queries

    other = "onnx" if embedder_backend(embedder) == "onnx-int8" else "onnx-int8"
    wrong = IndexStore(settings, embed_model=Relabelled(embedder, other))
    with pytest.raises(EmbedderMismatch) as caught:
        wrong.embed_model
    message = str(caught.value)
    assert isinstance(caught.value, SettingsError)
    assert embedder_backend(embedder) in message and other in message
    assert f"QA_EMBED_BACKEND={embedder_backend(embedder)}" in message and "QA_COLLECTION" in message
    (corpus / "new-note.txt").write_text(
        "Officials in Vilnius planned a joint exercise with Poland near the Suwalki Gap in the spring.\n",
        encoding="utf-8")
    before = store.count()
    with pytest.raises(EmbedderMismatch):  # ingesting a new article with it is refused as well
        IndexStore(settings, embed_model=Relabelled(embedder, other)).ingest([corpus])
    assert IndexStore(settings, embed_model=embedder).count() == before  # nothing written

    # fp32 ONNX and torch give the same vectors: one may query what the other built
    if embedder_backend(embedder) in ("onnx", "torch"):
        twin = "torch" if embedder_backend(embedder) == "onnx" else "onnx"
        assert IndexStore(settings, embed_model=Relabelled(embedder, twin)).embed_model is not None


def test_a_store_loads_the_backend_the_collection_records(tmp_path, corpus, embedder):
    """A replica whose QA_EMBED_BACKEND differs still queries with the recorded backend."""
    settings = make_settings(tmp_path / "index", corpus)
    IndexStore(settings, embed_model=embedder).ingest([corpus])
    reopened = IndexStore(make_settings(tmp_path / "index", corpus, embed_backend="torch"))
    assert reopened._built_with() == embedder_backend(embedder)


def test_an_older_collection_gets_its_record_on_first_open(tmp_path, corpus, embedder):
    settings = make_settings(tmp_path / "index", corpus)
    store = IndexStore(settings, embed_model=embedder)
    store.ingest([corpus])
    keep = {k: v for k, v in store.collection.metadata.items() if k not in EMBED_META.values() and not k.startswith("hnsw:")}
    store.collection.modify(metadata=keep or {"other": "kept"})  # as built before records
    (store.state_dir / EMBEDDER_FILE).unlink(missing_ok=True)

    old = IndexStore(settings, embed_model=embedder)
    assert old.recorded_embedder() is None
    assert old.embed_model is embedder  # no error
    assert IndexStore(settings).recorded_embedder() == embedder_identity(embedder)


def test_the_readme_says_how_to_run_replicas_and_what_they_share():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Running several replicas" in readme
    section = readme.split("## Running several replicas", 1)[1].split("\n## ", 1)[0]
    for needed in ("chroma run", "QA_CHROMA_URL", "QA_INDEX_DIR", "load balancer", "docstore", "BM25",
                   "EmbedderMismatch", "QA_COLLECTION-state", "version token", "--workers", "IndexUnavailable"):
        assert needed in section, needed


def test_an_int8_collection_from_another_export_recipe_is_refused(tmp_path, corpus, embedder):
    """The int8 vectors changed with the export recipe (7-bit weights): a collection recorded
    with another recipe is an `EmbedderMismatch` naming both; one recorded before recipes were
    (8-bit weights, vectors that already differed by CPU) is still opened."""
    if embedder_backend(embedder) != "onnx-int8":
        pytest.skip("the recipe matters for int8 only")
    settings = make_settings(tmp_path / "index", corpus)
    store = IndexStore(settings, embed_model=embedder)
    store.ingest([corpus])
    assert store.recorded_embedder()["recipe"] == embedder_identity(embedder)["recipe"]
    meta = {k: v for k, v in store.collection.metadata.items() if not k.startswith("hnsw:")}

    store.collection.modify(metadata=meta | {EMBED_META["recipe"]: "0"})
    with pytest.raises(EmbedderMismatch) as caught:
        IndexStore(settings, embed_model=embedder).embed_model
    assert "export recipe 0" in str(caught.value) and f"export recipe {embedder_identity(embedder)['recipe']}" in str(caught.value)

    store.collection.modify(metadata=meta | {EMBED_META["recipe"]: ""})  # recorded before recipes were
    assert IndexStore(settings, embed_model=embedder).embed_model is embedder
