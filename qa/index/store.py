"""Where passages live: a Chroma collection (embedded or a server) plus a BM25 index beside it.

Ingest goes through llama-index's `IngestionPipeline` with a docstore of document hashes
(`DocstoreStrategy.UPSERTS`): an unchanged file writes nothing, a changed one has its old
passages deleted before the new ones are added.

All index state lives in Chroma: the passages in the collection, and beside it a second
collection ("<collection>-state", a llama-index key-value store, `kvstore.py`) with the
docstore (each article's cleaned text and content hash), one short record per article for the
library, the articles' text fingerprints (duplicate check) and a version token that every
change renews. With `QA_CHROMA_URL` every replica therefore sees the same library; the local
folder holds only the BM25 index, a cache rebuilt from Chroma whenever the version token it
was built at is no longer the current one (`refresh`), so an article ingested through any
replica or the CLI reaches the others without a restart or any re-embedding.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Sequence
from urllib.parse import urlparse

from ..errors import EmbedderMismatch, IngestError
from ..settings import Settings, check_chroma_url
from ..ingest.readers import load_documents
from ..text.sentences import SPLITTER_VERSION
from .cache import LRUCache
from .lexical import _bm25_retriever_class, build_bm25
from .sentences import SENTENCES, SentenceIndex

log = logging.getLogger(__name__)

BM25_DIRNAME = "bm25"
EMBEDDER_FILE = "embedder.json"  # where an older index recorded its backend (now: the collection metadata)
# the Chroma collection metadata naming the embedder that built it (one embedder per collection)
EMBED_META = {"model": "qa_embed_model", "backend": "qa_embed_backend", "dim": "qa_embed_dim",
              "recipe": "qa_embed_recipe"}
INGEST_BATCH_DOCS = 16  # documents per pipeline run
NODE_CACHE_SIZE = 4_000  # passages kept parsed for the query fast path (a question touches ~80)
TEXT_CACHE_SIZE = 256  # article texts kept for the answer step, source cards and the paragraph view
PAGE = 2000  # passages per Chroma read when scanning the collection
STATE_SUFFIX = "-state"  # the Chroma collection beside the passages holding the rest of the index state
DOCSTORE = "docstore"  # the llama-index docstore's namespace in the state collection
# its records of the documents themselves (KVDocumentStore's naming), read many at a time
DOCSTORE_TEXTS = DOCSTORE + "/data"
LEGACY_DOCSTORE = "docstore.json"  # where the docstore lived before it moved into Chroma
# key-value collections of the state store (besides the docstore's own)
ARTICLES, TEXT_KEYS, STATE, VERSION = "qa/articles", "qa/text_keys", "qa/state", "version"
SENTENCES_DONE = "sentence_vectors"  # qa/state key: every passage has its sentence vectors (set after a backfill)
BM25_VERSION_FILE = "qa_version.json"  # inside the BM25 folder: the state version it was built at

@dataclass
class IngestReport:
    """What an ingest run changed, for the CLI, the web library and tests.

    `thin`: document id -> warning (`qa.ingest.metadata.thin_warning`) for each added or
    updated page whose text looks thin (the page's article was probably not found).
    """

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    passages: int = 0
    thin: dict[str, str] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        line = (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{len(self.removed)} removed; {self.passages} passages in the index"
        )
        for doc_id, warning in sorted(self.thin.items()):
            line += f"\nthin page {doc_id}: {warning}"
        return line


# ---- filter metadata ------------------------------------------------------------------------
DATE_INT_KEY = "date_int"  # passage metadata: the article date as YYYYMMDD (0: no date), for range filters


def date_number(date: Any) -> int:
    """An ISO date ("2022-01-14") as the sortable number 20220114; 0 for "" or anything else.

    Chroma compares numbers only ($gte/$lte), so date ranges are filtered on this."""
    text = str(date or "").strip()
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and (text[:4] + text[5:7] + text[8:]).isdigit():
        return int(text[:4] + text[5:7] + text[8:])
    return 0


def _filter_keys_class() -> type:
    from llama_index.core.schema import TransformComponent

    class FilterKeys(TransformComponent):
        """Adds `date_int` to each passage (kept out of the embedded and LLM text), so that a
        date range can be filtered inside Chroma. A transformation of the ingest pipeline
        after the passage parser: document hashes do not change, so nothing is re-ingested."""

        def __call__(self, nodes: Sequence[Any], **kwargs: Any) -> Sequence[Any]:
            for node in nodes:
                node.metadata[DATE_INT_KEY] = date_number(node.metadata.get("date"))
                for keys in (node.excluded_embed_metadata_keys, node.excluded_llm_metadata_keys):
                    if DATE_INT_KEY not in keys:
                        keys.append(DATE_INT_KEY)
            return nodes

    return FilterKeys


def chroma_client(settings: Settings) -> Any:
    """A persistent client on disk, or an HTTP client when QA_CHROMA_URL is set."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(check_chroma_url(settings.chroma_url))  # SettingsError when it is no URL
        return chromadb.HttpClient(
            host=url.hostname,
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    path = settings.index_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


def _describe(identity: dict[str, Any]) -> str:
    recipe = f", export recipe {identity['recipe']}" if identity.get("recipe") else ""
    return f"{identity.get('model')} ({identity.get('backend')}{recipe}, {identity.get('dim')} dimensions)"


def _state_dir(settings: Settings) -> Path:
    """Docstore and BM25 belong to one Chroma location; keep one folder per location."""
    where = settings.chroma_url or "local"
    key = hashlib.sha1(f"{where}|{settings.collection}".encode()).hexdigest()[:10]
    name = "local" if not settings.chroma_url else f"server-{key}"
    return settings.index_dir / name


class IndexStore:
    """The Chroma collection, its ingestion docstore and the BM25 index, kept in step."""

    def __init__(self, settings: Settings | None = None, embed_model: Any = None) -> None:
        from llama_index.core.storage.docstore.keyval_docstore import KVDocumentStore

        from .kvstore import ChromaKVStore, kv_collection

        self.settings = settings or Settings()
        self._embed_model = embed_model
        self.state_dir = _state_dir(self.settings)
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.client = chroma_client(self.settings)
        self.collection = self.client.get_or_create_collection(
            self.settings.collection, metadata={"hnsw:space": "cosine"}
        )
        self.vector_store = self._vector_store()
        self._embedder_checked = False
        self._nodes: LRUCache[str, Any] = LRUCache(NODE_CACHE_SIZE)  # passage id -> TextNode (query fast path)
        self._texts: LRUCache[str, str] = LRUCache(TEXT_CACHE_SIZE)  # doc id -> cleaned article text
        self._nonempty = False
        self._dated: bool | None = None  # every passage has date_int (None: not checked since the last change)
        self.kv = ChromaKVStore(kv_collection(self.client, self.settings.collection + STATE_SUFFIX))
        self.docstore = KVDocumentStore(self.kv, namespace=DOCSTORE)
        # each passage's sentence vectors (the answer step reads them), the last ones read kept
        self.sentences = SentenceIndex(self.kv)
        self._reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qa-read")  # (threads start on first use)
        self._migrate_legacy_state()
        self.seen_version = self.version()  # the state version this process's caches reflect

    def _vector_store(self) -> Any:
        from llama_index.vector_stores.chroma import ChromaVectorStore

        return ChromaVectorStore(chroma_collection=self.collection)

    # -- embedding model is loaded lazily: opening an index for BM25-only work stays cheap
    @property
    def embed_model(self) -> Any:
        """The embedder of this collection, checked against the one that built it (recorded in
        the Chroma collection's metadata): `EmbedderMismatch` when they differ."""
        if self._embed_model is None:
            model = self._load_embedder(self._built_with())
            self._check_embedder(model)
            self._embed_model = model
        elif not self._embedder_checked:
            self._check_embedder(self._embed_model)
        self._embedder_checked = True
        return self._embed_model

    def _load_embedder(self, backend: str | None) -> Any:
        from .embedding import load_embedder

        settings = self.settings
        return load_embedder(
            settings.embedding_model_dir, backend or settings.embed_backend,
            threads=settings.embed_threads, cache_dir=settings.cache_dir,
        )

    # -- one embedder per collection (int8 ≠ fp32 vectors; another model, other dimensions) --
    def recorded_embedder(self) -> dict[str, Any] | None:
        """What the collection's metadata says built it ({"model", "backend", "dim"}), or None."""
        meta = self.collection.metadata or {}
        if not meta.get(EMBED_META["backend"]):
            return None
        return {key: meta.get(name) for key, name in EMBED_META.items()}

    def _built_with(self) -> str | None:
        """The backend that built this collection: from its metadata; else the marker file an
        older index kept beside its docstore; "onnx" (fp32, same vectors as torch) for an index
        built before backends were recorded; None for an empty index (use the default)."""
        recorded = self.recorded_embedder()
        if recorded:
            return str(recorded["backend"])
        marker = self.state_dir / EMBEDDER_FILE
        if marker.exists():
            return json.loads(marker.read_text(encoding="utf-8")).get("backend") or None
        return None if self.is_empty() else "onnx"

    def _record_embedder(self, embed_model: Any) -> None:
        """Write `embed_model`'s identity into the collection's metadata (other keys kept;
        Chroma does not let the distance setting be re-sent, so "hnsw:*" keys are left out)."""
        from .embedding import embedder_identity

        identity = embedder_identity(embed_model)
        meta = {k: v for k, v in (self.collection.metadata or {}).items() if not k.startswith("hnsw:")}
        meta.update({EMBED_META[key]: value for key, value in identity.items()})
        self.collection.modify(metadata=meta)
        self.collection = self.client.get_collection(self.settings.collection)
        self.vector_store = self._vector_store()

    def _check_embedder(self, embed_model: Any) -> None:
        """Raise `EmbedderMismatch` when `embed_model` is not the embedder that built the
        collection; a non-empty collection without a record (built before records) gets one."""
        from .embedding import embedder_identity, same_vectors

        if self.is_empty():
            return  # nothing to match yet: the first ingest records its embedder
        recorded = self.recorded_embedder()
        if recorded is None:
            self._record_embedder(embed_model)  # an older collection: record it, no error
            return
        mine = embedder_identity(embed_model)
        if same_vectors(recorded, mine):
            if mine.get("recipe") and not recorded.get("recipe") and recorded.get("backend") == "onnx-int8":
                log.warning("the collection %r was built by an older int8 export (signed 8-bit weights, whose vectors "
                            "differ slightly by CPU); answers stay close, re-ingest it into a new collection "
                            "(QA_COLLECTION) for vectors that are the same on every machine", self.settings.collection)
            return
        raise EmbedderMismatch(
            f"the collection {self.settings.collection!r} ({self.settings.chroma_url or self.settings.index_dir}) "
            f"was built with {_describe(recorded)}, but this process embeds with {_describe(mine)}: "
            f"its vectors would not match. Use the embedder that built it "
            f"(QA_EMBED_BACKEND={recorded['backend']}, QA_MODEL_DIR pointing at a {recorded['model']!r} folder), "
            f"or build a new index in another collection (QA_COLLECTION=<new name>)."
        )

    def count(self) -> int:
        return int(self.collection.count())

    # -- query fast path: rank by ids, build each passage's node once (not 30 per query) ----
    def nodes_by_id(self, ids: list[str], with_sentences: bool = False) -> list[Any]:
        """TextNodes for passage ids (memoised; unknown ones fetched from Chroma in one call).
        `with_sentences`: their sentence vectors are read at the same time, in another thread
        (both are Chroma reads that release the GIL), for the answer step that follows."""
        sentences = self._reader.submit(self.sentences.prefetch, list(ids)) if with_sentences and ids else None
        nodes = self._nodes_by_id(ids)
        if sentences is not None:
            sentences.result()
        return nodes

    def _nodes_by_id(self, ids: list[str]) -> list[Any]:
        found = {i: self._nodes.get(i) for i in dict.fromkeys(ids)}
        missing = [i for i, node in found.items() if node is None]
        if missing:
            from llama_index.core.vector_stores.utils import metadata_dict_to_node

            got = self.collection.get(ids=missing, include=["documents", "metadatas"])
            for node_id, text, meta in zip(got["ids"], got["documents"], got["metadatas"]):
                node = metadata_dict_to_node(meta, text=text)
                node.id_ = node_id
                self._nodes[node_id] = found[node_id] = node
        return [found[i] for i in ids if found.get(i) is not None]

    def dense_nodes(self, embedding: list[float], top_k: int, where: dict | None = None) -> list[Any]:
        """Nearest passages by cosine, best first: the query llama-index's ChromaVectorStore
        makes, asking Chroma for ids only (fetching 30 documents + metadata per query and
        parsing them back into nodes was most of the dense leg's time).

        `where`: a Chroma metadata filter (`{"source": {"$in": [...]}}`, `date_int` ranges),
        applied inside Chroma, so the `top_k` nearest *matching* passages come back."""
        return self.nodes_by_id(self.dense_ids(embedding, top_k, where))

    def dense_ids(self, embedding: list[float], top_k: int, where: dict | None = None) -> list[str]:
        """The ids of `dense_nodes`, best first: ranking needs no more; passages are read
        from Chroma only for the few that make the final top k."""
        got = self.collection.query(query_embeddings=[embedding], n_results=top_k, where=where or None, include=["distances"])
        return list(got["ids"][0]) if got["ids"] else []

    def has_date_numbers(self) -> bool:
        """Whether every passage carries `date_int` (indexes built before it was added do not,
        until their articles are re-ingested); checked once per change of the index."""
        if self._dated is None:
            total = self.count()
            dated = len(self.collection.get(where={DATE_INT_KEY: {"$gte": 0}}, include=[])["ids"]) if total else 0
            self._dated = dated == total
        return self._dated

    def bm25_nodes(self, retriever: Any, query: str, mask: Any = None) -> list[Any]:
        """`bm25_ids` as TextNodes (read from Chroma, memoised)."""
        return self.nodes_by_id(self.bm25_ids(retriever, query, mask))

    def bm25_ids(self, retriever: Any, query: str, mask: Any = None) -> list[str]:
        """Passage ids with a BM25 score > 0, best first (`PassageBM25Retriever.entries`:
        same tokenizer, stemmer, k; `mask` filters). The corpus keeps ids only
        (`lexical.py`): texts come from Chroma when needed."""
        return [entry["node_id"] for entry, score in retriever.entries(query, mask) if score > 0]

    def document_ids(self) -> list[str]:
        return sorted(self.docstore.get_all_document_hashes().values())

    # -- shared state: version token, article records, article texts -------------------------
    def version(self) -> str:
        """The token every change of the index renews ("" for an index that has none yet).
        One small Chroma read: replicas poll it to notice another process's ingest."""
        record = self.kv.get(VERSION, STATE)
        return str(record.get("token", "")) if record else ""

    def _bump_version(self) -> str:
        token = uuid.uuid4().hex
        self.kv.put(VERSION, {"token": token, "passages": self.count(), "at": time.time()}, STATE)
        self.seen_version = token
        return token

    def refresh(self) -> bool:
        """Drop what this process cached if another process changed the index since; True then.

        The caller (the retriever) reloads its BM25 leg, which `load_bm25` rebuilds from Chroma
        when its version tag is stale."""
        current = self.version()
        if current == self.seen_version:
            return False
        self._forget()
        self.seen_version = current
        return True

    def _forget(self) -> None:
        self._nodes.clear()
        self.sentences.forget()
        self._texts.clear()
        self._nonempty = False
        self._dated = None

    def articles(self) -> dict[str, dict[str, Any]]:
        """doc id -> its library record (title, source, url, date, author, thin, passages)."""
        return self.kv.get_all(ARTICLES)

    def article_text(self, doc_id: str) -> str | None:
        """The cleaned text of one article (None: no such article), from a bounded cache."""
        return self.article_texts([doc_id]).get(doc_id)

    def article_texts(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """doc id -> cleaned text for those of `doc_ids` that exist: cached ones from the
        bounded cache, the rest in one read of the docstore's records (the answer step wants
        the articles of all 15 passages it reads; one Chroma call each was most of a new
        question's time in a large archive)."""
        from llama_index.core.storage.docstore.utils import json_to_doc

        out, missing = self._texts.split(doc_ids)
        if missing:
            for doc_id, record in self.kv.get_many(missing, DOCSTORE_TEXTS).items():
                out[doc_id] = self._texts[doc_id] = json_to_doc(record).get_content()
        return out

    def _record_articles(self, documents: list[Any], passages: dict[str, int]) -> None:
        """Write the library record and text fingerprint of each document (after its passages
        and docstore entry: a record never names passages that are not there)."""
        if not documents:
            return
        old = self.kv.get_many([d.id_ for d in documents], ARTICLES)
        stale = [old[d.id_]["text_key"] for d in documents if d.id_ in old and old[d.id_].get("text_key") != text_key(d.text)]
        owners = self.kv.get_many(stale, TEXT_KEYS)
        for key in stale:
            if key in owners and owners[key].get("doc_id") in {d.id_ for d in documents}:
                self.kv.delete(key, TEXT_KEYS)
        self.kv.put_all([(d.id_, article_record(d.metadata, passages.get(d.id_, 0), text_key(d.text))) for d in documents], ARTICLES)
        self.kv.put_all([(text_key(d.text), {"doc_id": d.id_}) for d in documents], TEXT_KEYS)
        for doc in documents:
            self._texts.pop(doc.id_)

    def _passage_counts(self, doc_ids: list[str]) -> dict[str, int]:
        return {doc_id: len(self.collection.get(where={"doc_id": doc_id}, include=[])["ids"]) for doc_id in doc_ids}

    def _migrate_legacy_state(self) -> None:
        """Bring an index from before the state moved into Chroma up to date: copy the docstore
        file into the state collection (then keep it as `docstore.json.migrated`), and give
        articles without a library record one, and the index a version token."""
        from llama_index.core.storage.docstore import SimpleDocumentStore

        legacy = self.state_dir / LEGACY_DOCSTORE
        if legacy.exists():
            if not self.docstore.get_all_document_hashes():
                old = SimpleDocumentStore.from_persist_path(str(legacy))
                docs = list(old.docs.values())
                if docs:
                    self.docstore.add_documents(docs)
                    self.docstore.set_document_hashes({doc_id: h for h, doc_id in old.get_all_document_hashes().items()})
                log.info("moved the docstore of %d articles from %s into Chroma", len(docs), legacy)
            os.replace(legacy, legacy.with_suffix(".json.migrated"))
        hashes = self.docstore.get_all_document_hashes()
        missing = sorted(set(hashes.values()) - set(self.articles())) if hashes else []
        if missing:
            docs = [self.docstore.get_document(doc_id, raise_error=False) for doc_id in missing]
            docs = [d for d in docs if d is not None]
            self._record_articles(docs, self._passage_counts([d.id_ for d in docs]))
        if not self.version() and not self.is_empty():
            self._bump_version()

    def is_empty(self) -> bool:
        # Asked on every question; Chroma's count costs milliseconds, so once the collection is
        # seen non-empty it is taken as such until this store ingests or deletes.
        if self._nonempty:
            return False
        self._nonempty = self.count() > 0
        return not self._nonempty

    def ingest(self, paths: list[Path], prune: bool = False, show_progress: bool = False,
               rebuild_bm25: bool = True) -> IngestReport:
        """Bring the index in line with the files: add new, replace changed, skip unchanged.

        Files are validated first; one bad file rejects the whole call with nothing written.
        Documents are committed in batches (passages, then their docstore hashes and texts,
        then their library records), so a killed run loses at most the batch in flight, and a
        re-run repairs it. Two processes ingesting at once duplicate nothing: passage ids are
        derived from the document and its text, and every write is an upsert.
        `rebuild_bm25=False` (a worker of `python -m qa.ingest --workers N`) leaves the local
        BM25 folder to whoever reads it next: the version token tells them it is stale.
        """
        from llama_index.core.ingestion import DocstoreStrategy, IngestionPipeline

        from .passages import passage_parser

        documents = load_documents(paths, self.settings.max_file_bytes, show_progress=False)
        self._nonempty = False
        if self.is_empty() and self.docstore.get_all_document_hashes():
            # The passages were wiped (or the collection recreated) but our hashes remain: start over.
            for doc_id in list(self.docstore.get_all_document_hashes().values()):
                self._forget_document(doc_id)
        known = {doc_id: h for h, doc_id in self.docstore.get_all_document_hashes().items()}  # one scan, not a read per file
        self._reject_duplicates(documents, paths, prune, known)
        report = IngestReport()
        self._forget()
        pipeline: IngestionPipeline | None = None  # built on first change: an up-to-date run loads no model
        fresh = self.is_empty()  # nothing in Chroma: no leftovers of a killed run to clear
        pending: list[Any] = []
        recorded = set(self.kv.get_many([d.id_ for d in documents], ARTICLES)) if documents else set()
        repaired: list[Any] = []

        def flush(final: bool = False) -> None:
            # One pipeline run per batch of documents: embedding batches and Chroma writes are
            # larger. The pipeline writes the passages, then the docstore entries (hash and
            # text); the library records follow. A kill loses at most the batch in flight: its
            # passages have no hash, so the re-run clears and redoes them.
            nonlocal pipeline
            if pending:
                if pipeline is None:
                    if self.is_empty():  # a new (or emptied) collection: this embedder builds it
                        (self.state_dir / EMBEDDER_FILE).unlink(missing_ok=True)
                        if self._embed_model is None:
                            self._embed_model = self._load_embedder(None)
                        self._record_embedder(self._embed_model)
                        self._embedder_checked = True
                    pipeline = IngestionPipeline(
                        transformations=[passage_parser(), _filter_keys_class()(), self.embed_model],
                        vector_store=self.vector_store,
                        docstore=self.docstore,
                        docstore_strategy=DocstoreStrategy.UPSERTS,
                        # its default in-memory cache keeps every passage of the run, vectors
                        # included, as JSON: memory that grows with the archive, for re-runs of
                        # identical input that the docstore's hashes already skip
                        disable_cache=True,
                    )
                if not fresh:  # a changed article's old sentences go with its old passages
                    self._delete_sentences_of([d.id_ for d in pending])
                nodes = pipeline.run(documents=list(pending))
                self.sentences.add(nodes, self.embed_model)  # before the records: a kill here is repaired below
                counts: dict[str, int] = {}
                for node in nodes:
                    counts[node.ref_doc_id] = counts.get(node.ref_doc_id, 0) + 1
                # a document the pipeline skipped was just written by another process: count what is there
                counts.update(self._passage_counts([d.id_ for d in pending if d.id_ not in counts]))
                self._record_articles(list(pending), counts)
                pending.clear()

        iterator: Any = documents
        if show_progress and documents:
            from tqdm import tqdm

            iterator = tqdm(documents, desc="Indexing articles", unit="doc")
        for doc in iterator:
            old_hash = known.get(doc.id_)
            if old_hash == doc.hash:
                report.unchanged.append(doc.id_)
                if doc.id_ not in recorded:  # killed between its docstore entry and its record
                    repaired.append(doc)
                continue
            if old_hash is None and not fresh:
                # Leftovers of a killed run have no hash yet: clear them before adding.
                self._delete_sentences_of([doc.id_])
                self.vector_store.delete(doc.id_)
            pending.append(doc)
            (report.updated if old_hash else report.added).append(doc.id_)
            if len(pending) >= INGEST_BATCH_DOCS:
                flush()
        flush(final=True)
        if repaired:
            self._add_sentences_of([d.id_ for d in repaired])
            self._record_articles(repaired, self._passage_counts([d.id_ for d in repaired]))
        if prune:
            present = {d.id_ for d in documents}
            present |= {p.stem for p in _listed_files(paths)}
            for doc_id in self.document_ids():
                if doc_id not in present:
                    self.delete_document(doc_id)
                    report.removed.append(doc_id)
        dated = self.add_date_numbers()
        backfilled = self.add_missing_sentences()
        if report.changed or repaired or dated or backfilled or not self.version():
            self._bump_version()
        if rebuild_bm25 and self._bm25_version() != self.version():
            self.rebuild_bm25()
        report.passages = self.count()
        report.thin = self._thin_warnings([d for d in documents if d.id_ in set(report.added + report.updated)])
        return report

    def add_date_numbers(self) -> int:
        """Give the passages of an index built before `date_int` existed their date number, so
        date filters run inside Chroma: a metadata update, nothing re-embedded. Returns how
        many passages were updated (0 when every passage has one)."""
        if self.is_empty() or self.has_date_numbers():
            return 0
        from llama_index.core.vector_stores.utils import metadata_dict_to_node, node_to_metadata_dict

        fix = _filter_keys_class()()
        updated, offset, batch = 0, 0, 2000
        while True:
            got = self.collection.get(include=["metadatas"], limit=batch, offset=offset)
            if not got["ids"]:
                break
            ids, metadatas = [], []
            for node_id, meta in zip(got["ids"], got["metadatas"]):
                if DATE_INT_KEY in meta:
                    continue
                node = metadata_dict_to_node(meta)
                node.id_ = node_id
                fix([node])
                new = node_to_metadata_dict(node, remove_text=True, flat_metadata=True)
                ids.append(node_id)
                metadatas.append({k: "" if v is None else v for k, v in new.items()})  # as ChromaVectorStore.add
            if ids:
                self.collection.update(ids=ids, metadatas=metadatas)
                updated += len(ids)
            offset += batch
        self._nodes.clear()
        self._dated = None
        log.info("added date numbers to %d passages indexed before date filters", updated)
        return updated

    def _delete_sentences_of(self, doc_ids: list[str]) -> None:
        """Drop the sentence vectors of these articles' passages (before the passages go)."""
        for doc_id in doc_ids:
            self.sentences.delete_passages(self.collection.get(where={"doc_id": doc_id}, include=[])["ids"])

    def _add_sentences_of(self, doc_ids: list[str]) -> int:
        """(Re)write the sentence vectors of these articles' passages (read back from Chroma)."""
        return sum(self.sentences.add(self.nodes_by_id(self.collection.get(where={"doc_id": doc_id}, include=[])["ids"]),
                                      self.embed_model) for doc_id in doc_ids)

    def add_missing_sentences(self) -> int:
        """Give the passages of an index built before the sentence index their sentence vectors,
        and those whose vectors another splitter cut (`SPLITTER_VERSION`) new ones (once: a
        flag in the state records that every passage has them, and from which splitter).
        Returns how many sentences were added."""
        done = self.kv.get(SENTENCES_DONE, STATE) or {}
        if self.is_empty() or (done.get("complete") and done.get("splitter", 1) == SPLITTER_VERSION):
            return 0
        added, offset = 0, 0
        while True:  # ids first: only the passages missing vectors of today's splitter are read whole
            ids = self.collection.get(include=[], limit=PAGE, offset=offset)["ids"]
            if not ids:
                break
            have = self.sentences.current(ids)
            missing = [i for i in ids if i not in have]
            if missing:
                added += self.sentences.add(self.nodes_by_id(missing), self.embed_model)
            offset += PAGE
        self.kv.put(SENTENCES_DONE, {"complete": True, "splitter": SPLITTER_VERSION, "at": time.time()}, STATE)
        if added:
            log.info("added the sentence vectors of passages indexed before the sentence index, "
                     "or before its splitter changed: %d sentences", added)
        return added

    def _thin_warnings(self, documents: list[Any]) -> dict[str, str]:
        """doc id -> `thin_warning` (with its passage count) for the thin pages among `documents`."""
        from ..ingest.metadata import thin_warning

        thin = [d for d in documents if d.metadata.get("thin")]
        records = self.kv.get_many([d.id_ for d in thin], ARTICLES) if thin else {}
        return {d.id_: thin_warning(d.metadata, records.get(d.id_, {}).get("passages")) for d in thin}

    def _reject_duplicates(self, documents: list[Any], paths: list[Path], prune: bool, known: dict[str, str]) -> None:
        """Refuse a new or changed file whose article text the library already has under another
        id (IngestError naming both, nothing written): a renamed copy would double every passage
        in the results. With prune, indexed documents not in this run are about to go: not counted."""
        changed = {d.id_ for d in documents if known.get(d.id_) != d.hash}
        if not changed:
            return
        key = text_key
        owner: dict[str, str] = {}
        if not prune:  # articles already in the library, looked up by fingerprint (not read whole)
            incoming = {d.id_ for d in documents}
            library = self.kv.get_many(sorted({key(d.text) for d in documents if d.id_ in changed}), TEXT_KEYS)
            for fingerprint, record in library.items():
                if record.get("doc_id") not in incoming:
                    owner[fingerprint] = record["doc_id"]
        for doc in sorted(documents, key=lambda d: d.id_ in changed):  # unchanged ones claim first
            owner.setdefault(key(doc.text), doc.id_)
        names = {p.stem: p.name for p in _listed_files(paths)}
        errors = []
        for doc in documents:
            other = owner[key(doc.text)]
            if doc.id_ in changed and other != doc.id_:
                where = "another file of this ingest" if other in changed else "an article already in the library"
                errors.append(f"{names.get(doc.id_, doc.id_)}: the same article text as {other} ({where}); not added twice")
        if errors:
            raise IngestError("; ".join(errors))

    def delete_document(self, doc_id: str) -> None:
        """Remove an article: its passages, docstore entry and library record (then a new
        version token, so replicas drop it too; the caller rebuilds BM25)."""
        self._forget_document(doc_id)
        self._bump_version()

    def _forget_document(self, doc_id: str) -> None:
        self._forget()
        self._delete_sentences_of([doc_id])
        self.vector_store.delete(doc_id)
        record = self.kv.get(doc_id, ARTICLES)
        if record and (self.kv.get(record.get("text_key", ""), TEXT_KEYS) or {}).get("doc_id") == doc_id:
            self.kv.delete(record["text_key"], TEXT_KEYS)
        self.kv.delete(doc_id, ARTICLES)
        self.docstore.delete_document(doc_id, raise_error=False)

    def passage_pages(self, size: int = PAGE) -> Iterator[list[Any]]:
        """Every passage in the collection as TextNodes (text + metadata), a page at a time."""
        from llama_index.core.vector_stores.utils import metadata_dict_to_node

        offset = 0
        while True:
            got = self.collection.get(include=["documents", "metadatas"], limit=size, offset=offset)
            if not got["ids"]:
                return
            page = []
            for node_id, text, meta in zip(got["ids"], got["documents"], got["metadatas"]):
                node = metadata_dict_to_node(meta, text=text)
                node.id_ = node_id
                page.append(node)
            yield page
            offset += size

    def all_nodes(self) -> list[Any]:
        """Every passage in the collection as a TextNode (text + metadata), sorted by id.
        Holds the whole archive: for tests and small tools, not for the serving path."""
        nodes = [node for page in self.passage_pages() for node in page]
        nodes.sort(key=lambda n: n.id_)
        return nodes

    def _bm25_version(self) -> str | None:
        """The state version the local BM25 folder was built at (None: none or untagged)."""
        try:
            return json.loads((self.state_dir / BM25_DIRNAME / BM25_VERSION_FILE).read_text(encoding="utf-8"))["version"]
        except (OSError, ValueError, KeyError):
            return None

    def rebuild_bm25(self) -> None:
        """Build BM25 over Chroma's current passages and swap it in with one rename, tagged
        with the version token read *before* reading the passages: a change made meanwhile
        renews the token, so the next check rebuilds again instead of missing it."""
        version = self.version()
        retriever = build_bm25(self.passage_pages(), similarity_top_k=50)
        target = self.state_dir / BM25_DIRNAME
        if retriever is None:
            shutil.rmtree(target, ignore_errors=True)
            return
        tmp = Path(tempfile.mkdtemp(prefix=".bm25-", dir=self.state_dir))
        retriever.persist(str(tmp), show_progress=False)
        (tmp / BM25_VERSION_FILE).write_text(json.dumps({"version": version}), encoding="utf-8")
        old = self.state_dir / f".bm25-old-{os.getpid()}"
        with self._bm25_lock(exclusive=True):  # processes sharing this folder swap one at a time
            if target.exists():
                os.replace(target, old)
            os.replace(tmp, target)
        shutil.rmtree(old, ignore_errors=True)

    @contextlib.contextmanager
    def _bm25_lock(self, exclusive: bool) -> Iterator[None]:
        """A file lock on the BM25 folder: the swap (two renames) takes it exclusively and a
        load shares it, so two CLI runs or app processes on one QA_INDEX_DIR never see the
        folder half-swapped. The lock is released when the process dies."""
        import fcntl

        with open(self.state_dir / ".bm25.lock", "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def load_bm25(self, top_k: int) -> Any:
        BM25Retriever = _bm25_retriever_class()

        path = self.state_dir / BM25_DIRNAME
        if not path.exists() or self._bm25_version() != self.version():
            if self.is_empty():
                shutil.rmtree(path, ignore_errors=True)
                return None
            self.rebuild_bm25()
        with self._bm25_lock(exclusive=False):
            # mapped, not read: the score arrays are paged in as queries touch them (shared by the
            # replicas of one machine), the corpus entries read by line when retrieved or filtered
            retriever = BM25Retriever.from_persist_dir(str(path), mmap=True)
        retriever.node_lookup = self.nodes_by_id
        retriever.similarity_top_k = min(top_k, int(retriever.bm25.scores.get("num_docs", top_k)))
        return retriever

    def stats(self) -> dict[str, Any]:
        return {"passages": self.count(), "documents": len(self.document_ids()), "chroma": self.settings.chroma_url or str(self.settings.index_dir / "chroma")}


def text_key(text: str) -> str:
    """An article's text fingerprint (whitespace-insensitive), for the duplicate check."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


ARTICLE_FIELDS = ("title", "source", "url", "date", "author")


def article_record(metadata: dict[str, Any], passages: int, fingerprint: str) -> dict[str, Any]:
    """What the library shows of an article (kept in the state collection, one per article)."""
    record = {key: metadata.get(key, "") for key in ARTICLE_FIELDS}
    record.update(thin=bool(metadata.get("thin")), passages=int(passages), text_key=fingerprint)
    return record


def _listed_files(paths: list[Path]) -> list[Path]:
    from ..ingest.readers import list_article_files

    return list_article_files([p for p in paths if p.exists()])


__all__ = ["IndexStore", "IngestReport", "IngestError", "chroma_client", "date_number", "DATE_INT_KEY"]
