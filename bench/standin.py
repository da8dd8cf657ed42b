"""`python -m bench.standin --size 200000`: a warm replica over an archive too large to embed here.

Embedding 200k passages with MiniLM takes this shared 2-core machine one to two hours, so this
probe builds the index with **stand-in vectors** (deterministic unit vectors seeded by each
passage's text, 384 dimensions, recorded under the real embedder's name so the warm process,
which embeds its questions with the real MiniLM, opens it). Everything else is the real
pipeline: synthetic articles from shuffled corpus sentences (`bench/synth.py`), the passage
parser, Chroma (HNSW over 200k vectors), the state collection, the BM25 index.

What it measures for real: the build's CPU seconds *besides* embedding (the embedding cost per
passage does not depend on the archive size: see the 50k row of `python -m bench`), the BM25
folder size, and the warm replica's start, peak memory and ask latency (the questions are
embedded by the real model; the dense neighbours are meaningless, so retrieval quality is not
measured here). The figures are printed as JSON and written to bench/results/standin-SIZE.json.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .runner import BENCH_ROOT, child_env, run_worker


def _standin_class() -> type:
    import numpy as np
    from llama_index.core.base.embeddings.base import BaseEmbedding

    class StandInEmbedder(BaseEmbedding):
        """Unit vectors from a hash of the text: no model, microseconds per passage."""

        backend: str = "onnx-int8"

        def _vector(self, text: str) -> list[float]:
            seed = int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest()[:8], "little")
            v = np.random.default_rng(seed).standard_normal(384).astype(np.float32)
            return (v / np.linalg.norm(v)).tolist()

        def _get_query_embedding(self, query: str) -> list[float]:
            return self._vector(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return self._vector(text)

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return [self._vector(t) for t in texts]

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._vector(query)

    return StandInEmbedder


def build(index_dir: Path, corpus_dir: Path) -> dict[str, Any]:
    """Build the index with stand-in vectors under the real embedder's identity (run in a child)."""
    from qa.index.store import IndexStore
    from qa.settings import Settings

    settings = Settings()
    real = IndexStore(settings).embed_model  # its name/backend are what the collection records
    standin = _standin_class()(model_name=real.model_name, embed_batch_size=256)
    standin.backend = getattr(real, "backend", "onnx-int8")
    del real
    store = IndexStore(settings, embed_model=standin)
    cpu0, t0 = time.process_time(), time.perf_counter()
    report = store.ingest([corpus_dir])
    return {"passages": store.count(), "documents": len(report.added), "build_s": time.perf_counter() - t0,
            "build_cpu_s_without_embedding": time.process_time() - cpu0}


def replicas_on_a_server(code: Path, index: Path, corpus: Path, gold: list[str]) -> dict[str, Any]:
    """The same index served by `chroma run` (its vectors then live in the server process, as
    for replicas): a new replica (own empty QA_INDEX_DIR: BM25 built from Chroma at start),
    then a warm one (BM25 cached). Their peaks are the replica's memory; the server's is apart."""
    import socket
    import subprocess
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    chroma = Path(sys.executable).parent / "chroma"
    server = subprocess.Popen([str(chroma), "run", "--path", str(index / "chroma"), "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        env = child_env(code, index.parent / "replica", corpus, extra={"QA_CHROMA_URL": f"http://127.0.0.1:{port}"})
        new = run_worker("warm", env, gold + ["--what", "ask"])
        warm = run_worker("warm", env, gold + ["--what", "ask"])
        with open(f"/proc/{server.pid}/status", encoding="ascii") as status:
            server_mb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
    finally:
        server.terminate()
        server.wait(timeout=60)
    return {"new": new, "warm": warm, "server_peak_mb": server_mb, "summary": {
        "new replica start s": round(new["init_s"], 1), "new replica peak MiB": round(new["child_peak_rss_mb"]),
        "warm replica peak MiB": round(warm["child_peak_rss_mb"]), "ask p50 ms": round(warm["pass1"]["ask"]["p50_ms"], 1),
        "chroma server peak MiB": round(server_mb)}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.standin", description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=200_000, help="target passages")
    parser.add_argument("--questions", type=int, default=40, help="gold questions timed")
    parser.add_argument("--code", default=str(BENCH_ROOT))
    parser.add_argument("--build-only-in", type=Path, nargs=2, help=argparse.SUPPRESS)  # the child's job
    args = parser.parse_args(argv)
    if args.build_only_in:
        print(json.dumps(build(*args.build_only_in)))
        return 0

    import os
    import subprocess

    from .synth import corpus_sentences, write_synthetic_corpus

    code = Path(args.code)
    tmp = Path(tempfile.mkdtemp(prefix="qa-standin-"))
    try:
        corpus = tmp / "corpus"
        write_synthetic_corpus(corpus_sentences(code / "corpus"), args.size, corpus, seed=args.size)
        index = tmp / "index"
        env = child_env(code, index, corpus)
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "bench.standin", "--build-only-in", str(index), str(corpus)],
                              cwd=code, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stderr[-3000:], file=sys.stderr)
            return 1
        result: dict[str, Any] = {"size": args.size, "vectors": "stand-in (not MiniLM)",
                                  "build": json.loads(done.stdout.strip().splitlines()[-1]),
                                  "build_wall_s": time.perf_counter() - t0}
        result["bm25_mb"] = sum(p.stat().st_size for p in (index / "local" / "bm25").rglob("*") if p.is_file()) / 1e6
        gold = ["--gold", str(code / "eval" / "gold.jsonl"), "--passes", "1", "--limit", str(args.questions)]
        result["warm"] = run_worker("warm", env, gold + ["--what", "ask"])
        shutil.rmtree(index / "local" / "bm25", ignore_errors=True)  # a new replica builds BM25 from Chroma
        result["replica"] = run_worker("warm", env, gold + ["--what", "ask"])
        result["server"] = replicas_on_a_server(code, index, corpus, gold)
        result["load"] = os.getloadavg()[0]
        out = BENCH_ROOT / "bench" / "results" / f"standin-{args.size}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=1), encoding="utf-8")
        warm, replica = result["warm"], result["replica"]
        print(json.dumps({
            "passages": result["build"]["passages"], "build CPU s besides embedding": round(result["build"]["build_cpu_s_without_embedding"], 1),
            "BM25 MB": round(result["bm25_mb"], 1), "warm peak MiB": round(warm["child_peak_rss_mb"]),
            "ask p50 ms": round(warm["pass1"]["ask"]["p50_ms"], 1), "ask p95 ms": round(warm["pass1"]["ask"]["p95_ms"], 1),
            "new replica start s": round(replica["init_s"], 1), "new replica peak MiB": round(replica["child_peak_rss_mb"]),
            "server mode": result["server"]["summary"],
            "load": result["load"],
        }, indent=1))
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
