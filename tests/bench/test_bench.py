"""Smoke tests of the bench helpers (not timed) and of what the speed work must not change.

The bench itself runs minutes; here its parts run on a tiny synthetic corpus: generation is
deterministic, a build and the warm loops produce sane figures, and the report/plot writers
work. The speed work (ONNX embedder, id-only retrieval fast path) is checked to give the
same rankings as the llama-index retrievers it bypasses.
"""
from __future__ import annotations

import math

import pytest

from bench.gold import evidence_hit, load_gold, normalize
from bench.report import compare_table, get, markdown, median_of, plot_scale
from bench.stats import percentile, summarize_ms
from bench.synth import corpus_sentences, write_synthetic_corpus

from conftest import CORPUS, ROOT, make_settings


def test_percentiles_match_numpy_linear_interpolation():
    assert percentile([3, 1, 2, 4], 50) == 2.5
    assert percentile([10.0], 95) == 10.0
    assert math.isclose(percentile(list(range(101)), 95), 95.0)
    summary = summarize_ms([0.010, 0.020, 0.030])
    assert summary["p50_ms"] == pytest.approx(20.0) and summary["n"] == 3


def test_synthetic_corpus_is_deterministic_and_near_its_size(tmp_path):
    from qa.index.passages import passage_spans
    from qa.ingest.cleaning import clean_article

    sentences = corpus_sentences(CORPUS)
    a = write_synthetic_corpus(sentences, 60, tmp_path / "a", seed=7)
    b = write_synthetic_corpus(sentences, 60, tmp_path / "b", seed=7)
    c = write_synthetic_corpus(sentences, 60, tmp_path / "c", seed=8)
    assert [p.read_text() for p in a] == [p.read_text() for p in b]
    assert [p.read_text() for p in a] != [p.read_text() for p in c]
    passages = sum(len(passage_spans(clean_article(p.read_text()).text)) for p in a)
    assert 30 <= passages <= 120, passages
    assert all(p.parent == tmp_path / "a" for p in a)  # never corpus/
    with pytest.raises(ValueError):
        write_synthetic_corpus(sentences, 0, tmp_path / "d")


def test_gold_loader_orders_follow_ups_and_matches_evidence_loosely():
    items = load_gold(ROOT / "eval" / "gold.jsonl")
    seen: set[str] = set()
    for item in items:
        if item.get("follows"):
            assert item["follows"] in seen
        seen.add(item["id"])
    assert normalize("Russia’s  “peacekeepers” – here") == "russia's \"peacekeepers\" - here"
    assert evidence_hit({"evidence": ["Russia's Deputy"]}, ["…and Russia’s   deputy minister"])


def test_build_and_warm_loops_on_a_tiny_synthetic_corpus(tmp_path, embedder):
    from qa import Assistant
    from bench.probes import build_ours, query_ours

    corpus = tmp_path / "syn"
    write_synthetic_corpus(corpus_sentences(CORPUS), 40, corpus, seed=1)
    settings = make_settings(tmp_path / "index", corpus)
    built = build_ours(settings, corpus, embed_model=embedder)
    assert built["passages"] >= 20 and built["passages_per_s"] > 0 and built["peak_rss_mb"] > 50

    bot = Assistant(settings, build_if_missing=False)
    items = load_gold(ROOT / "eval" / "gold.jsonl")[:6]
    retrieved = query_ours(bot, items, passes=2, what="retrieve")
    asked = query_ours(bot, items, passes=1, what="ask")
    assert retrieved["pass1"]["retrieve"]["n"] == 6 and retrieved["pass2"]["retrieve"]["p50_ms"] > 0
    assert 0.0 <= retrieved["hit@3"] <= retrieved["hit@5"] <= 1.0
    assert asked["pass1"]["ask"]["p95_ms"] >= asked["pass1"]["ask"]["p50_ms"] > 0


def test_report_table_compare_and_plot(tmp_path):
    run = {"warm": {"pass1": {"ask": {"p50_ms": 10.0}}}, "build": {"passages_per_s": 100.0, "passages": 1000}}
    merged = median_of([run, {"warm": {"pass1": {"ask": {"p50_ms": 30.0}}}, "build": {"passages_per_s": 50.0, "passages": 1000}}])
    assert get(merged, "warm.pass1.ask.p50_ms") == 20.0 and get(merged, "build.passages_per_s") == 75.0
    results = {
        "label": "t", "code": "x", "runs": 2, "machine": {"cpus": 2},
        "ours": merged, "naive": {"warm": {"pass1": {"ask": {"p50_ms": 40.0}}}},
        "scale": [{"size": s, "ours": {"build": {"passages_per_s": 100.0 + s / 100}, "warm": {"pass1": {"ask": {"p50_ms": 5.0}}}},
                   "naive": {"warm": {"chunks_per_s": 10.0, "pass1": {"ask": {"p50_ms": 50.0}}}}} for s in (1000, 10000)],
    }
    text = markdown(results)
    assert "| warm ask p50, ms (new questions) | 20.0 | 40.0 | 0.50× |" in text
    assert "10,000" in text and "n/a" in text  # missing figures say so instead of failing
    assert "| warm ask p50, ms (new questions) | 20.0 | 20.0 | 1.00× |" in compare_table(results, results)
    png = plot_scale(results, tmp_path / "scale.png")
    assert png is not None and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_int8_embeddings_stay_close_to_fp32(embedder):
    """The default int8 backend must stay a faithful copy of the fp32 model."""
    import numpy as np

    from qa.settings import default_model_dir
    from qa.index.embedding import load_embedder

    fp32 = load_embedder(default_model_dir(), "onnx")
    int8 = embedder if getattr(embedder, "backend", "") == "onnx-int8" else load_embedder(default_model_dir(), "onnx-int8")
    texts = [s for s in corpus_sentences(CORPUS)[:40]]
    a, b = np.array(fp32.get_text_embedding_batch(texts)), np.array(int8.get_text_embedding_batch(texts))
    cos = (a * b).sum(axis=1)
    assert cos.min() > 0.97 and cos.mean() > 0.985, (cos.min(), cos.mean())
    assert np.allclose(np.linalg.norm(b, axis=1), 1.0, atol=1e-4)
    q = "Who is Sergei Ryabkov?"
    assert fp32.get_query_embedding(q) == fp32.get_query_embedding(q)  # cached, same vector


def test_fast_path_ranks_exactly_like_the_llama_index_retrievers(assistant):
    r = assistant.retriever
    for question in ("Who is Sergei Ryabkov?", "What did Putin demand in the draft agreements?", "Why did Russian troops go to Kazakhstan?"):
        fast_dense = [(n.node_id, n.get_content()) for n in r.dense_nodes(question)]
        slow_dense = [(x.node.node_id, x.node.get_content()) for x in r.dense.retrieve(question)]
        assert fast_dense == slow_dense
        fast_bm25 = [(n.node_id, n.metadata) for n in r.bm25_nodes(question)]
        slow_bm25 = [(x.node.node_id, x.node.metadata) for x in r.bm25.retrieve(question) if x.score > 0]
        assert fast_bm25 == slow_bm25 and fast_bm25
