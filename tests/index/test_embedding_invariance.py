"""Batch invariance of the answer step's embeddings: `OnnxMiniLM.encode_alone` gives a text the
same vector bit for bit whatever else is embedded with it, in which order, and on how many
threads, because each text runs on its own (int8 quantises activations per run, so a padded
batch would give a sentence a vector that depends on its batch mates)."""
from __future__ import annotations

import numpy as np
import pytest

SENTENCES = [
    "Putin demanded a rollback of NATO forces to their 1997 positions.",
    "The talks in Geneva ended without a breakthrough.",
    "Russian troops arrived in Kazakhstan at the request of its president, who called the protesters terrorists trained abroad.",
    "Finland and Sweden weigh joining the alliance.",
    "Sergei Ryabkov met Wendy Sherman.",
    "It was only last month.",
]


def test_a_text_gets_the_same_vector_alone_and_among_others(embedder):
    alone = np.stack([embedder.encode_alone([s])[0] for s in SENTENCES])
    together = embedder.encode_alone(SENTENCES)
    reordered = embedder.encode_alone(SENTENCES[::-1])[::-1]
    with_others = embedder.encode_alone(["An unrelated, much longer sentence about grain exports, shipping lanes "
                                         "and the insurance of vessels in the Black Sea."] + SENTENCES + ["Short one."])[1:-1]
    for got in (together, reordered, with_others):
        assert np.array_equal(got, alone)
    # the same vectors as embedding each text by itself through the plain path
    assert np.array_equal(alone, np.stack([embedder.encode([s])[0] for s in SENTENCES]))
    assert np.allclose(np.linalg.norm(alone, axis=1), 1.0, atol=1e-5)
    assert embedder.encode_alone([]).shape == (0, alone.shape[1])


def test_thread_count_does_not_change_the_vectors(embedder):
    from qa.index.embedding import load_embedder
    from qa.settings import default_model_dir

    single = load_embedder(default_model_dir(), embedder.backend, threads=1)
    assert np.array_equal(single.encode_alone(SENTENCES), embedder.encode_alone(SENTENCES))


def test_padding_changes_fp32_vectors_by_less_than_1e_5():
    """fp32 is batch-invariant up to rounding: padding a short text to a long one's width in one
    batch changes its vector by far less than any similarity difference that matters."""
    from qa.index.embedding import load_embedder
    from qa.settings import default_model_dir

    try:
        fp32 = load_embedder(default_model_dir(), "onnx", threads=2)
    except Exception as exc:  # no cached fp32 export and no torch to make it
        pytest.skip(f"fp32 ONNX model unavailable: {exc}")
    batch = fp32.encode(SENTENCES)
    alone = fp32.encode_alone(SENTENCES)
    assert np.abs(batch - alone).max() < 1e-5


def test_batches_run_side_by_side_give_the_vectors_of_batches_run_in_turn():
    """`encode` runs its padded batches on worker threads when there are several: the batches are
    the same, so every vector is the same bit for bit as when they run one after another."""
    from qa.index.embedding import BATCH_SIZE, load_embedder
    from qa.settings import default_model_dir

    texts = [f"{s} (item {i})" for i, s in enumerate(SENTENCES * (3 * BATCH_SIZE // len(SENTENCES) + 1))]
    assert len(texts) > 2 * BATCH_SIZE
    in_turn = load_embedder(default_model_dir(), threads=1).encode(texts)
    side_by_side = load_embedder(default_model_dir(), threads=2).encode(texts)
    assert np.array_equal(in_turn, side_by_side)
