"""Every CPU computes the same int8 vectors: with signed 8-bit weights, ONNX Runtime's kernels for
CPUs without AVX-512 VNNI clamp pairs of products to 16 bits (AVX2's VPMADDUBSW), those with VNNI
do not, so one text got vectors with a cosine of ~0.99 between two machines and the eval's figures
moved with the CPU. The export quantises the weights as unsigned 8-bit (U8U8), which no kernel
saturates, so every CPU computes the same integer products and a short text the same vector bit
for bit. (Longer texts still differ slightly, cosine ≥ 0.998: the fp32 parts of the graph have
per-CPU kernels too; see qa/index/embedding.py.)"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
SENTENCES = [
    "What did Putin demand in the draft agreements?",
    "The Collective Security Treaty Organization sent peacekeepers to Kazakhstan.",
    "Lavrov met Blinken in Geneva on Friday, and the talks ended without a breakthrough.",
]
EMBED = """
import json, sys
from qa.index.embedding import load_embedder
from qa.settings import default_model_dir
model = load_embedder(default_model_dir(), "onnx-int8", threads=1)
print(json.dumps(model.encode_alone(json.loads(sys.argv[1])).tolist()))
"""


def test_the_int8_model_has_unsigned_weights():
    """The property the kernels need: the matrix weights are u8 (U8U8 MatMulInteger), not s8,
    whose u8 x s8 pairs AVX2 clamps to 16 bits."""
    import onnx

    from qa.index.embedding import ensure_onnx
    from qa.settings import default_model_dir

    model = onnx.load(str(ensure_onnx(default_model_dir(), "onnx-int8")))
    kinds = {t.name: t.data_type for t in model.graph.initializer}
    matmuls = [n for n in model.graph.node if n.op_type == "MatMulInteger"]
    assert len(matmuls) >= 36  # six layers: q, k, v, output, two feed-forward matrices each
    for node in matmuls:
        weight = next(name for name in node.input[:2] if name in kinds)
        assert kinds[weight] == onnx.TensorProto.UINT8, (node.name, weight)
    assert onnx.TensorProto.INT8 not in kinds.values()


@pytest.mark.slow
def test_a_cpu_without_vnni_gives_short_texts_the_same_vectors_bit_for_bit():
    """valgrind runs x86 code without AVX-512 (so onnxruntime takes its AVX2 kernels); the
    vectors it computes must equal this CPU's exactly."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        pytest.skip("valgrind is not installed")
    native_cmd = [sys.executable, "-c", EMBED, json.dumps(SENTENCES)]
    native = subprocess.run(native_cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    emulated = subprocess.run([valgrind, "--tool=none", "-q", *native_cmd], cwd=ROOT, capture_output=True, text=True)
    if emulated.returncode != 0:
        pytest.skip(f"python does not run under valgrind here: {emulated.stderr[-300:]}")
    ours = np.array(json.loads(native.stdout.strip().splitlines()[-1]))
    theirs = np.array(json.loads(emulated.stdout.strip().splitlines()[-1]))
    assert ours.shape == (len(SENTENCES), 384)
    assert np.array_equal(ours, theirs)
