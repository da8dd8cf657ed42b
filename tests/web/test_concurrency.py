"""Concurrency: 20 gradio_client sessions × 10 questions against one running `python app.py`.

Every question is first asked one at a time (the reference); then 20 threads, each with its
own `gradio_client.Client` session, ask the same 10 questions in a shuffled order, all at
once. Every call must succeed, every answer must equal the one-at-a-time answer (text and
cited passages), the app must still be serving afterwards, and the latency percentiles of
the concurrent calls are printed (and written to tests/artifacts/concurrency.json).
"""
from __future__ import annotations

import json
import random
import statistics
import threading
import time
from pathlib import Path

import pytest

from test_app import shared_app

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
SESSIONS = 20
QUESTIONS_PER_SESSION = 10


def gold_questions(n: int) -> list[str]:
    """The first `n` stand-alone gold questions (answerable and not), in file order."""
    items = [json.loads(line) for line in (ROOT / "eval" / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    questions = [i["question"] for i in items if not i.get("follows")]
    unanswerable = [i["question"] for i in items if not i.get("follows") and i.get("answerable") is False]
    chosen = questions[: n - 2] + unanswerable[:2]  # refusals are answers too: include two
    assert len(set(chosen)) == n
    return chosen


def signature(answer: dict) -> tuple:
    """What must not change under load: the text, answered, and the cited passages in order."""
    return (answer["text"], answer["answered"], tuple(c["passage"]["passage_id"] for c in answer["citations"]))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))  # nearest rank
    return ordered[index]


@pytest.mark.slow
def test_twenty_sessions_ten_questions_each(request, tmp_path_factory):
    from gradio_client import Client

    server = shared_app(request, tmp_path_factory)
    questions = gold_questions(QUESTIONS_PER_SESSION)
    solo = Client(server.url, verbose=False)
    reference: dict[str, tuple] = {}
    solo_latency: list[float] = []
    for question in questions:
        started = time.perf_counter()
        reference[question] = signature(solo.predict(question, "[]", 5, "", api_name="/ask"))
        solo_latency.append(time.perf_counter() - started)
    assert sum(1 for sig in reference.values() if sig[1]) >= QUESTIONS_PER_SESSION // 2  # mostly real answers

    results: list[tuple[str, tuple, float]] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(SESSIONS)

    def session(number: int) -> None:
        try:
            client = Client(server.url, verbose=False)  # its own session (own session hash)
            order = questions[:]
            random.Random(number).shuffle(order)
            barrier.wait(timeout=120)  # all sessions start asking together
            for question in order:
                started = time.perf_counter()
                answer = client.predict(question, "[]", 5, "", api_name="/ask")
                elapsed = time.perf_counter() - started
                with lock:
                    results.append((question, signature(answer), elapsed))
        except Exception as exc:  # noqa: BLE001 - every failure is reported below
            with lock:
                errors.append(f"session {number}: {type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=session, args=(i,), name=f"session-{i}") for i in range(SESSIONS)]
    wall = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    wall = time.perf_counter() - wall
    assert not any(t.is_alive() for t in threads), "a session hung"
    assert not errors, "\n".join(errors[:10])
    assert len(results) == SESSIONS * QUESTIONS_PER_SESSION

    different = [(q, sig[0][:120], reference[q][0][:120]) for q, sig, _ in results if sig != reference[q]]
    assert not different, f"{len(different)} answers differ from the one-at-a-time answers, e.g. {different[:3]}"
    assert server.proc.poll() is None
    assert signature(solo.predict(questions[0], "[]", 5, "", api_name="/ask")) == reference[questions[0]]

    latencies = [r[2] for r in results]
    summary = {
        "sessions": SESSIONS,
        "questions_per_session": QUESTIONS_PER_SESSION,
        "calls": len(latencies),
        "wall_s": round(wall, 2),
        "throughput_per_s": round(len(latencies) / wall, 2),
        "p50_s": round(percentile(latencies, 50), 3),
        "p95_s": round(percentile(latencies, 95), 3),
        "max_s": round(max(latencies), 3),
        "solo_median_s": round(statistics.median(solo_latency), 3),
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "concurrency.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    print(f"\nconcurrency {SESSIONS}x{QUESTIONS_PER_SESSION}: " + ", ".join(f"{k}={v}" for k, v in summary.items()))
