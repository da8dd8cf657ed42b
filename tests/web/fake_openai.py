"""A fake OpenAI-compatible endpoint for the gated-stream tests: a tiny `http.server` on a free
loopback port that serves `GET /v1/models` and `POST /v1/chat/completions` with `stream: true`
as server-sent events (`data: {chunk}` lines, then `data: [DONE]`), one word per chunk, slowly.

What it "writes" is a script of sentences; `{n}` and `{outlet}` in them become the number and
outlet of the source (in the prompt the app sent) whose text contains `anchor`, so a sentence
cites the passage that really says it, whatever the retrieval order. It can also break the
connection after `die_after` words (a chunked body left unfinished: the client sees the
connection break mid-answer) or answer HTTP 500.

Not a test module: imported by the tests in this folder (`from fake_openai import FakeOpenAI`).
"""
from __future__ import annotations

import json
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# A sentence of corpus/001_* (CNN: "The West has a rare window …"), as a model would cite it.
SUPPORTED = "According to {outlet}, Blinken met with Russian Foreign Minister Sergey Lavrov in Stockholm, Sweden in December [{n}]."
# A made-up biography citing the same source: the verifier must hold it back.
UNSUPPORTED = "According to {outlet}, Putin was born on the Moon in 1802 and worked there as a lighthouse keeper [{n}]."
UNSUPPORTED_2 = "According to {outlet}, Blinken and Lavrov later opened a bakery on Mars together [{n}]."
UNSUPPORTED_WORDS = ("Moon", "1802", "lighthouse", "bakery", "Mars")  # none of them is in the corpus
ANCHOR = "Stockholm"
QUESTION = "Where did Blinken meet Lavrov?"

_SOURCE = re.compile(r'<source id="(\d+)" outlet="([^"]*)"[^>]*>(.*?)</source>', re.DOTALL)


class FakeOpenAI:
    """Serves the script until `stop()` (a context manager too). `url` is the `/v1` base URL;
    `requests` holds each chat request's JSON body; `served` counts words sent."""

    def __init__(self, script: list[str], *, anchor: str = ANCHOR, delay: float = 0.06,
                 die_after: int | None = None, status: int = 200) -> None:
        self.script, self.anchor, self.delay = script, anchor, delay
        self.die_after, self.status = die_after, status
        self.requests: list[dict[str, Any]] = []
        self.served = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self.server.serve_forever, name="fake-openai", daemon=True)

    def start(self) -> "FakeOpenAI":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> "FakeOpenAI":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def words_for(self, body: dict[str, Any]) -> list[str]:
        """The script with the anchor's source number and outlet filled in, cut into words."""
        prompt = "\n".join(str(m.get("content", "")) for m in body.get("messages", []))
        number, outlet = "1", "the source"
        for n, name, text in _SOURCE.findall(prompt):
            if self.anchor in text:
                number, outlet = n, name
                break
        text = " ".join(s.format(n=number, outlet=outlet) for s in self.script)
        return re.findall(r"\S+\s*", text)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def _json(self, code: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(data)
                self.close_connection = True

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/models"):
                    self._json(200, {"object": "list", "data": [{"id": "fake", "object": "model", "owned_by": "test"}]})
                else:
                    self._json(404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    self._json(404, {"error": {"message": f"no such endpoint {self.path}"}})
                    return
                fake.requests.append(body)
                if fake.status != 200:
                    self._json(fake.status, {"error": {"message": "fake server error", "type": "server_error"}})
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Transfer-Encoding", "chunked")
                self.send_header("Connection", "close")
                self.end_headers()
                self.close_connection = True
                try:
                    self._chunk({"role": "assistant", "content": ""})
                    for i, word in enumerate(fake.words_for(body)):
                        if fake.die_after is not None and i == fake.die_after:
                            # gone mid-answer: no closing chunk, the socket just closes
                            self.connection.shutdown(socket.SHUT_RDWR)
                            return
                        time.sleep(fake.delay)
                        self._chunk({"content": word})
                        fake.served += 1
                    self._chunk({}, finish="stop")
                    self._send(b"data: [DONE]\n\n")
                    self.wfile.write(b"0\r\n\r\n")
                    self.wfile.flush()
                except OSError:  # the client went away
                    pass

            def _chunk(self, delta: dict[str, Any], finish: str | None = None) -> None:
                chunk = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
                         "model": "fake", "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
                self._send(f"data: {json.dumps(chunk)}\n\n".encode())

            def _send(self, data: bytes) -> None:
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                self.wfile.flush()

        return Handler
