"""The events of an answer stream (`LLMAnswerer.stream`, `Assistant.ask_stream`).

An answer streams as text pieces and ends with the final `qa.types.Answer`. On the LLM path
the pieces are *gated*: a generated sentence is yielded only once it is complete and verified
against the passage it cites, so nothing unverified ever reaches the screen. Three kinds of
piece, all `str` so that a consumer that only concatenates pieces keeps working:

* `Sentence` — a verified sentence in its final form (outlet attribution, renumbered `[n]`
  markers), with the separating space in front of every sentence but the first: the
  concatenation of a stream's sentences is exactly the final `Answer.text`.
* `Status` — progress without text (the model is writing; a sentence was held back). Its
  string value is empty; `state` and `dropped` say what is going on.
* `Replace` — the text shown so far for this answer is void: show this text instead. Sent when
  a fallback (the extractive answer after the model failed, a refusal) takes the place of a
  draft, so the two are never joined.

A plain `str` piece (the extractive path) is appended as it is. `Draft` applies a stream to
the text a UI should show.
"""
from __future__ import annotations

from typing import Any

WRITING = "writing"


class Sentence(str):
    """A verified sentence, ready to append (leading space included when it is not the first)."""

    @property
    def sentence(self) -> str:
        return self.strip()

    def __repr__(self) -> str:
        return f"Sentence({str.__repr__(self)})"


class Status(str):
    """Progress without text: the empty string, with `state` ("writing") and `dropped` (how
    many generated sentences were held back so far because their source does not back them).
    Compare `state`/`dropped`, not the value (every Status equals "")."""

    state: str
    dropped: int

    def __new__(cls, state: str = WRITING, dropped: int = 0) -> "Status":
        obj = super().__new__(cls, "")
        obj.state = state
        obj.dropped = dropped
        return obj

    def __repr__(self) -> str:
        return f"Status({self.state!r}, dropped={self.dropped})"


class Replace(str):
    """Discard what was shown for this answer so far and show this text instead."""

    def __repr__(self) -> str:
        return f"Replace({str.__repr__(self)})"


class Draft:
    """The text to show while a stream comes in: `draft.apply(event)` returns it."""

    def __init__(self) -> None:
        self.text = ""
        self.status: Status | None = None

    @classmethod
    def replay(cls, events: Any) -> str:
        """The text shown once every one of `events` is applied (tests, logs)."""
        draft = cls()
        for event in events:
            draft.apply(event)
        return draft.text

    def apply(self, event: Any) -> str:
        from ..types import Answer

        if isinstance(event, Answer):
            self.text = event.text
        elif isinstance(event, Status):
            self.status = event
        elif isinstance(event, Replace):
            self.text = str(event)
        elif isinstance(event, str):
            self.text += str(event)
        return self.text
