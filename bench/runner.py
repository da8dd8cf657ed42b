"""Fresh processes for each figure: workers, the cold start to a first answer, the web app.

Wall times of cold starts are taken here, from just before the process is spawned to the
moment its first answer (or HTTP 200) arrives, which is what a user waits for. Peak memory
of a child comes from `os.wait4`'s rusage.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

BENCH_ROOT = Path(__file__).resolve().parent.parent


class BenchError(RuntimeError):
    """A measurement process failed; the message carries the tail of its output."""


def child_env(code: Path, index_dir: Path, corpus_dir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "QA_INDEX_DIR": str(index_dir),
        "QA_CORPUS_DIR": str(corpus_dir),
        "BENCH_CODE": str(code),
        "PYTHONPATH": os.pathsep.join(p for p in (str(code), str(BENCH_ROOT), env.get("PYTHONPATH", "")) if p),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "GRADIO_ANALYTICS_ENABLED": "False",
        "TQDM_DISABLE": "1",
    })
    for var in ("QA_CHROMA_URL", "QA_LLM_URL", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        env.pop(var, None)
    env["NO_PROXY"] = "127.0.0.1,localhost"
    env.update(extra or {})
    return env


def _wait_rss(proc: subprocess.Popen) -> tuple[int, float, float]:
    """Reap `proc`; its exit status, peak RSS in MiB and CPU seconds (user + system)."""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_maxrss / 1024.0, usage.ru_utime + usage.ru_stime


def run_worker(task: str, env: dict[str, str], args: list[str] | None = None, timeout: float = 3600) -> dict[str, Any]:
    """Run `python -m bench.worker TASK`; its result dict plus wall time and peak RSS."""
    cmd = [sys.executable, "-m", "bench.worker", task, *(args or [])]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=env["BENCH_CODE"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    result: dict[str, Any] | None = None
    first_result_s = None
    assert proc.stdout is not None and proc.stderr is not None
    killer = threading.Timer(timeout, proc.kill)
    killer.start()
    err_lines: list[str] = []
    drain = threading.Thread(target=lambda: err_lines.extend(proc.stderr), daemon=True)  # type: ignore[arg-type]
    drain.start()
    try:
        for line in proc.stdout:  # read as it comes, so the cold start is timed to the answer line
            if line.startswith("BENCH_RESULT "):
                first_result_s = time.perf_counter() - t0
                result = json.loads(line[len("BENCH_RESULT "):])
    finally:
        killer.cancel()
    code, rss, cpu = _wait_rss(proc)
    drain.join(timeout=5)
    err = "".join(err_lines)
    wall = time.perf_counter() - t0
    if code != 0 or result is None:
        raise BenchError(f"worker {task} failed (exit {code}):\n{err[-3000:]}")
    result.update({"wall_to_result_s": first_result_s, "wall_s": wall, "child_peak_rss_mb": rss,
                   "child_cpu_s": cpu, "load1": os.getloadavg()[0]})
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def app_start(code: Path, env: dict[str, str], timeout: float = 180) -> dict[str, Any] | None:
    """Seconds from `python app.py --port N` to HTTP 200 on `/`; None when there is no app.py."""
    app = code / "app.py"
    if not app.exists():
        return None
    port = free_port()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(app), "--port", str(port)], cwd=code, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    served = None
    try:
        while time.perf_counter() - t0 < timeout and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as resp:
                    if resp.status == 200:
                        served = time.perf_counter() - t0
                        break
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.05)
    finally:
        rss = _stop_group(proc)
    if served is None:
        raise BenchError(f"app.py served no page within {timeout:.0f}s (exit {proc.returncode}); run it by hand to see why")
    return {"served_s": served, "peak_rss_mb": rss, "load1": os.getloadavg()[0]}


def _stop_group(proc: subprocess.Popen, grace: float = 10) -> float:
    """SIGTERM the process group we started (SIGKILL after `grace` s); the leader's peak RSS."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    deadline = time.perf_counter() + grace
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return usage.ru_maxrss / 1024.0
        if time.perf_counter() > deadline:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            deadline = float("inf")
        time.sleep(0.05)
