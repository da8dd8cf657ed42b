"""News QA: ask questions of a news corpus and get answers with a citation on every sentence.

    from qa import Assistant
    bot = Assistant()
    bot.ask("What did Putin demand in the draft agreements?")

Expected failures raise a subclass of `QAError` (see `qa.errors` for the tree).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import (
    BadQuestion,
    IndexUnavailable,
    IngestError,
    LLMUnavailable,
    QAError,
    SettingsError,
    UnknownDocument,
)
from .types import Answer, Citation, Passage

if TYPE_CHECKING:
    from .assistant import Assistant

__all__ = [
    "Assistant", "Answer", "Citation", "Passage",
    "QAError", "SettingsError", "IngestError", "BadQuestion", "UnknownDocument", "IndexUnavailable", "LLMUnavailable",
]


def __getattr__(name: str) -> Any:
    # Importing `qa` stays cheap (no torch/chromadb) until the Assistant is actually used.
    if name == "Assistant":
        from .assistant import Assistant

        return Assistant
    raise AttributeError(name)
