"""Issue 13, with real processes: replicas of the assistant on one `chroma run` server.

Each replica is its own Python process holding an `Assistant` (as the web app does), with its
own `QA_INDEX_DIR` and the same `QA_CHROMA_URL`, driven over stdin/stdout. An article ingested
through one replica is answered by the other within 10 s, with the same library and article
text; with Chroma stopped every replica answers with the unreachable message; a third replica
started during the outage answers once the server is back. Nothing is mocked.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from servers import ChromaServer, stop_process

ROOT = Path(__file__).resolve().parents[2]
SYNC_DEADLINE_S = 10.0  # the bound for another replica to answer about a new article

# One replica: reads one JSON command per line, writes one JSON reply per line.
REPLICA = r"""
import json, sys
from pathlib import Path
from qa import Assistant, QAError

bot = Assistant(wait_for_server=True)
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    cmd = json.loads(line)
    try:
        if cmd["op"] == "ask":
            a = bot.ask(cmd["question"])
            out = {"text": a.text, "answered": a.answered, "docs": [c.passage.doc_id for c in a.citations]}
        elif cmd["op"] == "library":
            out = {"library": [[d.doc_id, d.title, d.source, d.passages] for d in bot.library()]}
        elif cmd["op"] == "text":
            out = {"text": bot.document_text(cmd["doc_id"])}
        elif cmd["op"] == "ingest":
            report = bot.ingest([Path(p) for p in cmd["paths"]])
            out = {"added": report.added, "passages": report.passages}
        else:
            out = {"error": "unknown op"}
    except QAError as exc:
        out = {"error": type(exc).__name__, "message": str(exc)}
    print(json.dumps(out), flush=True)
"""

NEW_ARTICLE = (
    "Harbour town opens a floating library\n\n"
    "The town council of Marisol Bay opened a floating library on an old ferry on Tuesday. "
    "Librarian Ines Varga said the ferry holds 4,200 books and will visit six islands every month.\n\n"
    "The council paid 310,000 euros for the refit, which took two winters.\n"
)
NEW_QUESTION = "How many books does the floating library of Marisol Bay hold?"
OLD_QUESTION = "What did Putin demand in the draft agreements?"


class Replica:
    def __init__(self, name: str, url: str, index_dir: Path, corpus: Path, log_dir: Path) -> None:
        env = dict(os.environ, QA_CHROMA_URL=url, QA_INDEX_DIR=str(index_dir), QA_CORPUS_DIR=str(corpus),
                   HF_HUB_OFFLINE="1", PYTHONUNBUFFERED="1")
        env.pop("QA_LLM_URL", None)
        self.name = name
        self.stderr = open(log_dir / f"{name}.log", "wb")
        self.proc = subprocess.Popen([sys.executable, "-c", REPLICA], cwd=ROOT, env=env, text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr)
        assert self._read().get("ready"), f"replica {name} did not start"

    def _read(self) -> dict[str, Any]:
        line = self.proc.stdout.readline()
        if not line:
            self.stderr.flush()
            pytest.fail(f"replica {self.name} exited: {Path(self.stderr.name).read_text(errors='replace')[-3000:]}")
        return json.loads(line)

    def call(self, **cmd: Any) -> dict[str, Any]:
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        return self._read()

    def ask(self, question: str) -> dict[str, Any]:
        return self.call(op="ask", question=question)

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        stop_process(self.proc)
        self.stderr.close()


def wait_for(check, deadline_s: float, interval: float = 0.25) -> tuple[Any, float]:
    """Call `check` until it returns something truthy or `deadline_s` passes; (last, elapsed)."""
    start = time.monotonic()
    while True:
        got = check()
        elapsed = time.monotonic() - start
        if got or elapsed > deadline_s:
            return got, elapsed
        time.sleep(interval)


@pytest.mark.slow
def test_replicas_share_one_chroma_server_and_ride_out_an_outage(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    (uploads / "marisol-library.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    replicas: list[Replica] = []
    with ChromaServer(tmp_path / "chroma", tmp_path / "chroma.log") as server:
        try:
            a = Replica("a", server.url, tmp_path / "index-a", corpus, tmp_path)  # builds the index
            replicas.append(a)
            b = Replica("b", server.url, tmp_path / "index-b", corpus, tmp_path)  # finds it built
            replicas.append(b)
            assert not list((tmp_path / "index-b").rglob("docstore*")), "replica b keeps a docstore of its own"

            # the same library and article texts, and the same answers
            library = a.call(op="library")["library"]
            assert len(library) == 5 and b.call(op="library")["library"] == library
            first = library[0][0]
            assert b.call(op="text", doc_id=first)["text"] == a.call(op="text", doc_id=first)["text"]
            assert len(a.call(op="text", doc_id=first)["text"]) > 1000
            assert a.ask(OLD_QUESTION) == b.ask(OLD_QUESTION)

            # ingest through a; b answers within 10 s, with no restart and no re-embedding
            before = b.ask(NEW_QUESTION)
            assert "marisol" not in " ".join(before["docs"])
            added = a.call(op="ingest", paths=[str(uploads)])
            assert added["added"] == ["marisol-library"], added
            got, elapsed = wait_for(lambda: (r := b.ask(NEW_QUESTION))["docs"][:1] == ["marisol-library"] and r,
                                    SYNC_DEADLINE_S)
            assert got, f"replica b did not answer from the new article within {SYNC_DEADLINE_S} s"
            assert "4,200" in got["text"], got
            print(f"\nreplica b answered about the article ingested through a after {elapsed:.1f} s")
            library = a.call(op="library")["library"]
            assert len(library) == 6 and b.call(op="library")["library"] == library
            assert b.call(op="text", doc_id="marisol-library")["text"] == a.call(op="text", doc_id="marisol-library")["text"]

            # outage: both say the index server is unreachable; a third replica starts meanwhile
            server.stop()
            for replica in (a, b):
                down = replica.ask(OLD_QUESTION)
                assert not down["answered"] and "unreachable" in down["text"].lower(), (replica.name, down)
                lib = replica.call(op="library")
                assert lib.get("error") == "IndexUnavailable" and "unreachable" in lib["message"], lib
            c = Replica("c", server.url, tmp_path / "index-c", corpus, tmp_path)
            replicas.append(c)
            down = c.ask(OLD_QUESTION)
            assert not down["answered"] and "unreachable" in down["text"].lower(), down

            # back up: every replica answers again, old and new articles alike
            server.start()
            for replica in (a, b, c):
                got, elapsed = wait_for(lambda: (r := replica.ask(OLD_QUESTION))["answered"] and r, 30.0)
                assert got and "draft" in got["text"].lower(), (replica.name, got)
                fresh = replica.ask(NEW_QUESTION)
                assert fresh["docs"][:1] == ["marisol-library"] and "4,200" in fresh["text"], (replica.name, fresh)
            assert c.call(op="library")["library"] == library
        finally:
            for replica in replicas:
                replica.close()
