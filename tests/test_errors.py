"""`qa.errors`: one `QAError` tree, importable cheaply from `qa`, the old import paths and base
classes kept, and the Assistant raising only these for expected failures."""
from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_the_tree_and_its_compatible_bases():
    import qa
    from qa.errors import (BadQuestion, IndexUnavailable, IngestError, LLMUnavailable, QAError, SettingsError,
                           UnknownDocument)

    for cls in (SettingsError, IngestError, BadQuestion, UnknownDocument, IndexUnavailable, LLMUnavailable):
        assert issubclass(cls, QAError) and getattr(qa, cls.__name__) is cls
        assert cls.__name__ in qa.errors.__doc__  # drawn in the module docstring
    assert issubclass(IngestError, ValueError) and issubclass(SettingsError, ValueError)
    assert issubclass(IndexUnavailable, ConnectionError) and issubclass(UnknownDocument, KeyError)
    assert str(UnknownDocument("no article with id 'x'")) == "no article with id 'x'"  # no KeyError quoting


def test_old_import_paths_still_work():
    import qa.errors as errors
    from qa.assistant import IndexUnavailable
    from qa.ingest.readers import IngestError
    from qa.llm.answerer import LLMUnavailable

    assert (IngestError, IndexUnavailable, LLMUnavailable) == (errors.IngestError, errors.IndexUnavailable,
                                                             errors.LLMUnavailable)


def test_importing_the_errors_stays_cheap():
    code = ("import sys; from qa import QAError, IngestError, IndexUnavailable; "
            "heavy = [m for m in ('llama_index', 'chromadb', 'torch', 'gradio', 'onnxruntime') if m in sys.modules]; "
            "assert not heavy, heavy")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)


def test_network_failures_are_recognised_through_wrapping():
    from qa.errors import index_unreachable

    try:
        try:
            raise ConnectionRefusedError(111, "Connection refused")
        except OSError:
            raise ValueError("Could not connect to a Chroma server. Are you sure it is running?")  # chromadb's way
    except ValueError as wrapped:
        assert index_unreachable(wrapped)
    assert not index_unreachable(ValueError("a bug")) and not index_unreachable(None)


# ---- the Assistant raises only QAError subclasses for expected failures --------------------------
def test_assistant_expected_failures(assistant, tmp_path):
    from qa.errors import BadQuestion, IngestError, QAError, UnknownDocument

    with pytest.raises(BadQuestion):
        assistant.retrieve("Who is Sergei Ryabkov?", k=0)
    with pytest.raises(BadQuestion):
        assistant.ask("Who is Sergei Ryabkov?", k=-2)
    with pytest.raises(BadQuestion):
        assistant.ask_stream("Who is Sergei Ryabkov?", mode="poetry")  # raised at the call, before any piece
    with pytest.raises(UnknownDocument) as err:
        assistant.document_text("no-such-article")
    assert isinstance(err.value, KeyError) and "no-such-article" in str(err.value)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(IngestError, match="empty.txt"):
        assistant.check_file(empty)
    bad_name = tmp_path / "notes.pdf"
    bad_name.write_text("text", encoding="utf-8")
    with pytest.raises(QAError):
        assistant.ingest([bad_name])
    # a question that cannot be asked is an answer saying so, not an exception
    answer = assistant.ask("   ")
    assert answer.error and not answer.answered


def test_an_unreachable_chroma_server_is_index_unavailable(tmp_path):
    from conftest import make_settings
    from qa import Assistant
    from qa.errors import IndexUnavailable

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(IndexUnavailable, match="unreachable"):
        Assistant(make_settings(tmp_path / "index", chroma_url=f"http://127.0.0.1:{port}"))
