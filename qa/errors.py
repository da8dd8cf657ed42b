"""The exceptions `qa` raises for expected failures, all under one root:

    QAError                                  catch this to handle every expected failure
    ├── SettingsError        (ValueError)    a QA_* variable (or a Settings field) has a bad value
    ├── IngestError          (ValueError)    a file cannot become part of the index; names the file
    ├── BadQuestion          (ValueError)    a call the Assistant cannot run as asked (k < 1, unknown mode)
    ├── UnknownDocument      (KeyError)      no article with that document id
    ├── IndexUnavailable     (ConnectionError)  the Chroma server holding the index cannot be reached
    ├── EmbedderMismatch     (SettingsError)  the collection was built by another embedder (model,
    │                                         backend or dimension); says which and how to fix it
    └── LLMUnavailable                       the optional LLM answer cannot be used (the Assistant
                                             falls back to the extractive answer; callers of
                                             `qa.llm` see it)

The second bases keep older `except ValueError` / `except ConnectionError` / `except KeyError`
code working. An unexpected exception (a bug) is never wrapped into one of these.

Imports nothing at import time: `from qa import QAError` must stay cheap.
"""
from __future__ import annotations

__all__ = [
    "QAError", "SettingsError", "EmbedderMismatch", "IngestError", "BadQuestion", "UnknownDocument", "IndexUnavailable", "LLMUnavailable",
    "index_unreachable",
]


class QAError(Exception):
    """Root of every expected failure of the `qa` package."""


class SettingsError(QAError, ValueError):
    """A setting (usually a `QA_*` environment variable) has a value that cannot be used;
    the message names the variable and the value."""


class EmbedderMismatch(SettingsError):
    """The index's collection was built with another embedder (model folder, backend or vector
    dimension) than this process uses: its vectors cannot be compared. The message names both
    and the fix (QA_EMBED_BACKEND / QA_MODEL_DIR, or a new collection with QA_COLLECTION)."""


class IngestError(QAError, ValueError):
    """A file that cannot become part of the index; the message names the file and why."""


class BadQuestion(QAError, ValueError):
    """A request the Assistant cannot run as asked (k below 1, an unknown answer mode).

    A question that is empty, too long or has no words is *not* raised: `ask` answers it with
    an `Answer(error=True)` saying what is wrong, so a chat shows the message.
    """


class UnknownDocument(QAError, KeyError):
    """No article with the given document id is in the library."""

    def __str__(self) -> str:  # KeyError would show the message with quotes around it
        return str(self.args[0]) if self.args else ""


class IndexUnavailable(QAError, ConnectionError):
    """The Chroma server holding the index cannot be reached right now."""


class LLMUnavailable(QAError):
    """The LLM answer cannot be used; the message says why in a few words for the notice."""


def index_unreachable(exc: BaseException | None) -> bool:
    """True for a network failure talking to a Chroma server (refused, reset, timed out),
    also when Chroma wrapped it (its client raises a ValueError caused by the ConnectError)."""
    network: tuple[type[BaseException], ...] = (ConnectionError, TimeoutError)
    try:
        import httpx  # only once something failed; chromadb depends on it

        network += (httpx.TransportError,)
    except ImportError:  # pragma: no cover
        pass
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, network):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False
