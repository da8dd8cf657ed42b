"""Optional LLM answers: an OpenAI-compatible endpoint writes, the verifier decides what is shown.

Enabled when QA_LLM_URL and QA_LLM_MODEL are set (llama.cpp server, Ollama, vLLM, OpenAI …).
The retrieved passages go to the model as numbered, delimited sources through the prompt
templates in `prompts/`. Its tokens are buffered sentence by sentence: each complete sentence
is checked by `qa.llm.verify` against the passage it cites and reaches the caller only when
supported (events in `qa.llm.events`: `Sentence`, `Status`, `Replace`, then the `Answer`), so
nothing unverified is ever on screen. Shown sentences start with their outlet ("According to
CNN, …", worded as the extractive answers word it) and carry markers renumbered so that
`citations[n-1]` is marker `[n]`, each with the passage sentence that supports it as the quote.

Anything that makes the model's answer unusable — endpoint unreachable, no first token in
time, answer too slow, an error mid-stream, output with no valid citation, or no sentence
that survives verification — raises `LLMUnavailable`; the Assistant then shows the extractive
answer with a short notice. Failing over (rather than showing a refusal) is deliberate: the
extractive answerer has its own support checks and refuses by itself when the articles do not
answer, so the user gets the best *verified* answer there is. Only when the model itself says
the sources do not answer, and nothing it wrote is supported, is the LLM answer a refusal.
"""
from __future__ import annotations

import logging
import queue
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from ..answer.compose import attribution, attributed
from ..text.instructions import is_instruction
from .attribution import strip_outlet_prefix
from .events import WRITING, Replace, Sentence, Status
from .verify import Claim, Verdict, Verifier, parse_claims, source_sentences
from ..errors import LLMUnavailable  # defined in qa.errors; imported from here too
from ..types import Answer, Citation, Passage

log = logging.getLogger(__name__)

REFUSAL_TEXT = "The articles don't say. None of the indexed articles contains a passage that answers this question."
UNVERIFIED_MARK = "(unverified — not in the cited source)"
# A base model continues the completion prompt from here, so its first line starts with a
# source number; the prefix is part of the generated text.
COMPLETION_PREFILL = "["
COMPLETION_STOP = ["\n\n", "Question:", "<source", "</source>", "Example", "Now the real task"]

_TAG = re.compile(r"<\s*/?\s*source\b[^>]*>", re.IGNORECASE)
_REFUSAL = re.compile(
    r"\b(sources?|articles?|passages?) (do|does|did) not (say|answer|contain|mention|state)"
    r"|\bnot (stated|mentioned|found) in the (sources?|articles?)|\bI (don't|do not) know\b",
    re.IGNORECASE,
)


def model_question(question: str, query: str) -> str:
    """What the model is asked. A follow-up is searched together with the question before it
    ("Who leads it? Which union wrote the report?", `qa.retrieve.followups`); asked that way, a
    model answers both. So it is told which part is asked now: "Who leads it? (a follow-up to
    the earlier question: Which union wrote the report?)". Any other query is asked as it is."""
    typed = " ".join(question.split())
    if query and typed and query != typed and query.startswith(typed):
        return f"{typed} (a follow-up to the earlier question: {query[len(typed):].strip()})"
    return query or question


def neutralise(text: str) -> str:
    """Passage text made safe to put between <source> tags (no tag can be closed from inside)."""
    return _TAG.sub("[tag removed]", text)


@dataclass
class Prompts:
    """The three template files of `prompts/` (files, so they can be tuned without code)."""

    system: str
    user: str
    completion: str

    @classmethod
    def load(cls, folder: Path) -> "Prompts":
        from llama_index.core import PromptTemplate

        texts = {}
        for name in ("answer_system", "answer_user", "answer_completion"):
            path = Path(folder) / f"{name}.txt"
            if not path.is_file():
                raise FileNotFoundError(f"prompt template missing: {path} (QA_PROMPTS_DIR points at {folder})")
            texts[name] = path.read_text(encoding="utf-8")
        for name, needed in (("answer_user", {"sources", "question"}), ("answer_completion", {"instructions", "sources", "question"})):
            found = set(PromptTemplate(texts[name]).template_vars)
            if not needed <= found:
                raise ValueError(f"{folder}/{name}.txt must contain the placeholders {sorted(needed)}, has {sorted(found)}")
        return cls(texts["answer_system"].strip(), texts["answer_user"], texts["answer_completion"])

    def render_sources(self, passages: Sequence[Passage], sentences: Sequence[Sequence[str]]) -> str:
        blocks = []
        for n, (passage, kept) in enumerate(zip(passages, sentences), 1):
            outlet = _attr(attribution(passage)) or "unknown"
            title = _attr(passage.title)[:120]
            body = neutralise(" ".join(kept)) or "(no usable text)"
            blocks.append(f'<source id="{n}" outlet="{outlet}" title="{title}">\n{body}\n</source>')
        return "\n".join(blocks)

    def messages(self, question: str, sources: str) -> list[Any]:
        from llama_index.core import PromptTemplate
        from llama_index.core.llms import ChatMessage

        user = PromptTemplate(self.user).format(sources=sources, question=question)
        return [ChatMessage(role="system", content=self.system), ChatMessage(role="user", content=user)]

    def completion_prompt(self, question: str, sources: str) -> str:
        from llama_index.core import PromptTemplate

        text = PromptTemplate(self.completion).format(instructions=self.system, sources=sources, question=question)
        return text.rstrip("\n") + "\n" + COMPLETION_PREFILL


def _attr(value: str) -> str:
    return re.sub(r'[<>"\n]', " ", value or "").strip()


_UNREACHABLE = {"APIConnectionError", "ConnectError", "ConnectionRefusedError"}
_BROKEN = {"RemoteProtocolError", "ReadError", "IncompleteRead", "ChunkedEncodingError", "ConnectionResetError"}


def _describe(exc: BaseException, url: str) -> str:
    """A few words for the user-facing notice (details go to the log)."""
    name = type(exc).__name__
    if "Timeout" in name:
        return "it timed out"
    if name in _UNREACHABLE:
        return f"cannot reach {url}"
    if name in _BROKEN:
        return "the connection broke mid-answer"
    status = getattr(exc, "status_code", None)
    if status:
        return f"the endpoint answered HTTP {status}"
    return f"{name}: {str(exc)[:80]}" if str(exc) else name


class LLMAnswerer:
    """Answers with an OpenAI-compatible LLM, showing each sentence only once it is verified."""

    def __init__(
        self,
        settings: Any,
        embed_model: Any,
        *,
        llm: Any = None,
        chat: bool | None = None,
        max_tokens: int | None = None,
        first_token_timeout: float | None = None,
        unsupported: str = "drop",
    ) -> None:
        if unsupported not in ("drop", "mark"):
            raise ValueError("unsupported must be 'drop' or 'mark'")
        self.settings = settings
        self.url = settings.llm_url
        self.timeout = float(settings.llm_timeout)
        self.first_token_timeout = float(
            first_token_timeout or getattr(settings, "llm_first_token_timeout", 0) or min(self.timeout, 20.0)
        )
        self.chat = bool(getattr(settings, "llm_chat", True)) if chat is None else chat
        self.max_tokens = int(max_tokens or getattr(settings, "llm_max_tokens", 0) or 256)
        self.unsupported = unsupported
        self.prompts = Prompts.load(settings.prompts_dir)
        self.verifier = Verifier(embed_model)
        self.llm = llm or self._make_llm()

    def _make_llm(self) -> Any:
        from llama_index.llms.openai_like import OpenAILike

        if not (self.settings.llm_url and self.settings.llm_model):
            raise ValueError("QA_LLM_URL and QA_LLM_MODEL must both be set for LLM answers")
        return OpenAILike(
            model=self.settings.llm_model,
            api_base=self.settings.llm_url,
            api_key=self.settings.llm_api_key or "none",
            is_chat_model=self.chat,
            is_function_calling_model=False,
            temperature=0.0,
            max_tokens=self.max_tokens,
            timeout=self.timeout,
            max_retries=0,
            context_window=int(getattr(self.settings, "llm_context_window", 0) or 4096),
            additional_kwargs={} if self.chat else {"stop": COMPLETION_STOP},
        )

    # ---- the contract used by Assistant ----------------------------------------------
    def stream(
        self, question: str, query: str, passages: list[Passage], on_raw: Callable[[str], None] | None = None,
    ) -> Iterator[str | Answer]:
        """Yield the answer as it is verified, then the final `Answer` (see `qa.llm.events`).

        Tokens are buffered until a sentence is complete (the next one has begun, or the model
        stopped); that sentence is verified against the passage it cites and yielded as a
        `Sentence` only when supported (in "mark" mode an unsupported one is yielded visibly
        marked). `Status("writing")` comes when the model starts writing and again, with the
        count, whenever a sentence is held back. A refusal is a `Replace`. The concatenated
        `Sentence`s are exactly the final `Answer.text`. Raises `LLMUnavailable` (endpoint
        down, too slow, nothing verified); the caller then replaces the draft (`Replace`).
        `on_raw`, when given, sees every raw delta of the model (logs, tests); it is never
        part of the stream.
        """
        if not passages:
            yield Replace(REFUSAL_TEXT)
            yield Answer(text=REFUSAL_TEXT, answered=False, query=query, mode="llm")
            return
        sentences = [source_sentences(p.text, keep=lambda s: not is_instruction(s)) for p in passages]
        sources = self.prompts.render_sources(passages, sentences)
        ask = model_question(question, query)
        if self.chat:
            messages = self.prompts.messages(ask, sources)
            request: Callable[[], Iterator[str]] = lambda: (r.delta or "" for r in self.llm.stream_chat(messages))
            prefix = ""
        else:
            prompt = self.prompts.completion_prompt(ask, sources)
            request = lambda: (r.delta or "" for r in self.llm.stream_complete(prompt, formatted=True))
            prefix = COMPLETION_PREFILL
        composer = _Composer(self, passages, sentences)
        generated = prefix
        done = 0
        for delta in self._deltas(request):
            if on_raw is not None:
                on_raw((prefix + delta) if generated == prefix else delta)
            if generated == prefix:
                yield Status(WRITING)
            generated += delta
            claims = parse_claims(generated)
            # A sentence is complete once the next one has begun with a word (a lone "[3]" line
            # or a bare "[" could still attach to it).
            while done + 1 < len(claims) and re.search(r"[A-Za-z]", claims[done + 1].text):
                yield from composer.gate(claims[done])
                done += 1
        for claim in parse_claims(generated)[done:]:
            yield from composer.gate(claim)
        answer = composer.answer(generated, query)
        if not answer.answered:
            yield Replace(answer.text)
        yield answer

    # ---- verification and the final answer -------------------------------------------
    def finish(self, generated: str, query: str, passages: Sequence[Passage], sentences: Sequence[Sequence[str]]) -> Answer:
        """Verify a whole generated text at once and build the Answer (or raise LLMUnavailable)."""
        composer = _Composer(self, passages, sentences)
        for claim in parse_claims(generated):
            for _ in composer.gate(claim):
                pass
        return composer.answer(generated, query)

    # ---- streaming with deadlines ----------------------------------------------------
    def _deltas(self, request: Callable[[], Iterator[str]]) -> Iterator[str]:
        """Run the streaming request in a thread so the first-token and total deadlines hold
        even while the HTTP read blocks; errors and stalls become LLMUnavailable."""
        events: queue.Queue = queue.Queue()
        stop = threading.Event()

        def produce() -> None:
            try:
                for delta in request():
                    if stop.is_set():
                        return
                    events.put(("delta", delta))
                events.put(("end", None))
            except BaseException as exc:  # noqa: BLE001 - handed to the consumer
                events.put(("error", exc))

        threading.Thread(target=produce, name="llm-stream", daemon=True).start()
        start = time.monotonic()
        first = True
        try:
            while True:
                deadline = start + (min(self.first_token_timeout, self.timeout) if first else self.timeout)
                wait = deadline - time.monotonic()
                if wait <= 0:
                    raise LLMUnavailable(self._late(first))
                try:
                    kind, value = events.get(timeout=wait)
                except queue.Empty:
                    raise LLMUnavailable(self._late(first)) from None
                if kind == "delta":
                    if value:
                        first = False
                        yield value
                elif kind == "end":
                    return
                else:
                    log.warning("LLM request failed: %r", value)
                    raise LLMUnavailable(_describe(value, self.url)) from value
        finally:
            stop.set()

    def _late(self, first: bool) -> str:
        if first:
            return f"no answer within {self.first_token_timeout:g} s"
        return f"the answer took longer than {self.timeout:g} s"


class _Composer:
    """Verifies claims one at a time and builds the answer in the order they come: citation
    numbers are handed out as sentences are shown, so a streamed sentence never changes."""

    def __init__(self, owner: LLMAnswerer, passages: Sequence[Passage], sentences: Sequence[Sequence[str]]) -> None:
        self.owner = owner
        self.passages = passages
        self.sentences = sentences
        self.numbers: dict[tuple[str, str, bool], int] = {}
        self.citations: list[Citation] = []
        self.parts: list[str] = []
        self.verdicts: list[Verdict] = []
        self.dropped = 0

    def _cite(self, index: int, quote: str, ok: bool) -> int:
        passage = self.passages[index]
        key = (passage.passage_id or f"{passage.doc_id}:{passage.start}:{index}", quote, ok)
        if key not in self.numbers:
            self.citations.append(Citation(passage=passage, quote=quote, supported=ok))
            self.numbers[key] = len(self.citations)
        return self.numbers[key]

    def gate(self, claim: Claim) -> Iterator[str]:
        """Verify one complete claim: yield it as a `Sentence` if it may be shown, else a `Status`."""
        v = self.owner.verifier.verify(claim, self.passages, self.sentences)
        self.verdicts.append(v)
        log.info("llm sentence %s: %s :: %s", "kept" if v.supported else "dropped", v.reason, claim.text)
        if v.supported:
            marks = "".join(f"[{self._cite(i, q, True)}]" for i, q in zip(v.passages, v.quotes))
            text = _with_markers(with_outlet(claim.text, self.passages[v.passages[0]]), marks)
        elif self.owner.unsupported == "mark" and v.passages and v.quotes and claim.markers:
            mark = f"[{self._cite(v.passages[0], v.quotes[0], False)}]"
            body = with_outlet(claim.text, self.passages[v.passages[0]])
            text = _with_markers(f"{body.rstrip('.!?')} {UNVERIFIED_MARK}", mark)
        else:
            self.dropped += 1
            yield Status(WRITING, self.dropped)
            return
        piece = Sentence((" " if self.parts else "") + text)
        self.parts.append(text)
        yield piece

    def answer(self, generated: str, query: str) -> Answer:
        """The final Answer of what was shown, or a refusal, or LLMUnavailable."""
        if not any(v.supported for v in self.verdicts):
            if _REFUSAL.search(generated):
                return Answer(text=REFUSAL_TEXT, answered=False, query=query, mode="llm", related=list(self.passages[:3]))
            if not any(1 <= m <= len(self.passages) for v in self.verdicts for m in v.claim.markers):
                raise LLMUnavailable("its output had no sentence citing a source")
            raise LLMUnavailable("none of its sentences was supported by the cited sources")
        notice = ""
        if self.dropped:
            n = self.dropped
            notice = (
                f"{n} sentence{'s' if n > 1 else ''} of the model's answer "
                f"{'were' if n > 1 else 'was'} left out: not supported by the cited source."
            )
        return Answer(text=" ".join(self.parts), citations=self.citations, answered=True, query=query, mode="llm", notice=notice)


def with_outlet(sentence: str, passage: Passage) -> str:
    """The sentence as "According to <outlet>, …", worded as the extractive answers word it
    (`qa.answer.compose.attributed`). A leading "According to <outlet>," the model wrote is
    reworded the same way; a sentence that names the outlet elsewhere ("CNN reported …") or
    already says "<Outlet> writes:" is kept as it is."""
    who = attribution(passage)
    names = [n for n in dict.fromkeys((passage.source.strip(), who)) if n]
    body = strip_outlet_prefix(sentence, names)
    if body != sentence and body.strip():
        return attributed(body.strip(), passage)
    if any(re.search(r"(?<!\w)" + re.escape(re.sub(r"^the\s+", "", n, flags=re.IGNORECASE)) + r"(?!\w)", sentence, re.IGNORECASE) for n in names):
        return sentence
    return attributed(sentence, passage)


def _with_markers(sentence: str, marks: str) -> str:
    """ "Foo bar." + "[1]" → "Foo bar [1]." (markers before the closing punctuation)."""
    match = re.search(r"([.!?…]+[”\"’)]*)$", sentence)
    if match:
        return f"{sentence[: match.start()].rstrip()} {marks}{match.group(1)}"
    return f"{sentence} {marks}."
