"""Every CPU computes the same int8 vectors: with 8-bit weights, ONNX Runtime's kernels for CPUs
without AVX-512 VNNI clamp pairs of products to 16 bits (AVX2's VPMADDUBSW), those with VNNI do
not, so one text got vectors with a cosine of ~0.99 between two machines and the eval's figures
moved with the CPU. The export quantises the weights to 7 bits (`reduce_range`): no pair can
overflow, so both kernels compute the same integers."""
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


def test_the_int8_weights_fit_in_seven_bits():
    """The property the kernels need: |weight| <= 64, so u8 activation x s8 weight, two at a
    time, stays within 16 bits (255 * 64 * 2 = 32,640 <= 32,767)."""
    import onnx
    from onnx import numpy_helper

    from qa.index.embedding import ensure_onnx
    from qa.settings import default_model_dir

    model = onnx.load(str(ensure_onnx(default_model_dir(), "onnx-int8")))
    weights = [numpy_helper.to_array(t) for t in model.graph.initializer if t.data_type == onnx.TensorProto.INT8]
    assert len(weights) >= 36  # six layers: q, k, v, output, two feed-forward matrices each
    assert min(int(w.min()) for w in weights) >= -64 and max(int(w.max()) for w in weights) <= 64


@pytest.mark.slow
def test_a_cpu_without_vnni_gives_the_same_vectors_bit_for_bit():
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
