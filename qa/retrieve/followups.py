"""Follow-up questions made standalone from the conversation, without an LLM.

A follow-up that leans on the conversation is asked together with the question it follows,
as that one was searched (itself made standalone, so a chain keeps its topic):
- one that points back ("Who leads it?", "Where did he meet Wendy Sherman?", "What happened
  there?", "Is that a record?") or names nothing of its own ("What did the second one
  play?", "When did the trouble start?") → "Who leads it? Which union wrote the report on
  casual contracts?";
- a bare "Why?" / "When?" → "Why? Who sent troops to Kazakhstan?";
- an elliptical turn ("And Kazakhstan?", "What about Biden?") → "Kazakhstan? Where did Putin
  send troops?", except that a turn naming nothing but an outlet, after a question that named
  another ("What does CNN say about NATO?" → "And the LA Times?"), asks the same of the new
  outlet ("What does the LA Times say about NATO?"): an outlet can only stand in for an outlet.
A question that names something and points nowhere stands alone and is returned unchanged, so
history never hurts a fresh question that names its topic (a nameless one, in a chat, most
likely continues it; one typed all in lower case stands alone too, as its names cannot be told). The result is always a question (or two), never a
keyword list.

Why not put a name in the pronoun's place: this module did, from capitalised words of the
earlier turns ("he" = the last two-word name, "it" = the answer's first new name, "there" =
the last place after "in/at/to"). On the 162 answerable follow-up turns of the dev sets (140
of them in chats that two helpers wrote, `eval/dev/*followups.jsonl`), the guess was wrong too
often: "he" became a winery ("Jean Stodden"), "she" an employers' association, "it" whatever
the answer capitalised ("NYSE", "Twitter", "German") while the asker meant a thing the question
named in lower case ("the resort", "the feature"). Asking with the previous question instead:
fact recall on those turns 0.602 → 0.649 (five articles) and 0.519 → 0.595 (web pages), hit@3
0.735 → 0.807 and 0.646 → 0.747. Guessing only after a question that asked for a name ("Which
film won?" → "it" = the film the answer named) gave 0.624 / 0.608; demoting the sentences the
previous answer quoted lost 0.09–0.17 (follow-ups are often answered by the same sentence).
"""
from __future__ import annotations

import re
from typing import Callable, Sequence

from ..text.names import question_names

HISTORY_CHARS = 500
MAX_TURNS = 6

_POINTS_BACK = re.compile(r"\b(he|she|him|his|her|hers|it|its|they|them|their|that|this|those|these|there|then)\b",
                          re.IGNORECASE)
_ELLIPTICAL = re.compile(r"^(and|what about|how about|also|so|then)\b\s*", re.IGNORECASE)
_BARE = re.compile(r"^(why|why not|how|how so|when|where|who|really|what else)\s*[?.!]*$", re.IGNORECASE)


SourceSpans = Callable[[str], list[tuple[int, int]]]  # where a text names an indexed outlet or title


def _previous_standalone(history: Sequence[tuple[str, str]], source_spans: SourceSpans | None) -> str:
    """The previous question as it was searched: itself made standalone from the turns before
    it, so a chain keeps its topic ("What happened in Kazakhstan?" → "Who sent troops there?"
    → "Why?" still asks about Kazakhstan). The turns before it are cut to `MAX_TURNS`, so the
    recursion is at most that deep."""
    earlier = list(history)[:-1][-MAX_TURNS:]
    return condense(history[-1][0][:HISTORY_CHARS], earlier, source_spans)[:HISTORY_CHARS]


def _other_outlet(rest: str, previous: str, source_spans: SourceSpans | None) -> str | None:
    """`previous` asked of the outlet `rest` names, when `rest` is nothing but an outlet's name
    (with "the") and `previous` named one; else None."""
    if source_spans is None:
        return None
    named = source_spans(rest)
    leftover = "".join(ch for i, ch in enumerate(rest) if not any(a <= i < b for a, b in named))
    if not named or re.sub(r"\bthe\b|\W", "", leftover, flags=re.IGNORECASE):
        return None  # "And Putin in the LA Times?": more than an outlet, both questions stay
    spans = source_spans(previous)
    if not spans:
        return None
    start, end = spans[0]
    new = rest.strip()
    if re.search(r"\bthe\s+$", previous[:start], re.IGNORECASE):
        new = re.sub(r"^the\s+", "", new, flags=re.IGNORECASE)  # "the CNN piece" -> "the LA Times piece"
    return previous[:start] + new + previous[end:]


def condense(question: str, history: Sequence[tuple[str, str]] | None, source_spans: SourceSpans | None = None) -> str:
    """A standalone version of `question` given the earlier (question, answer) turns;
    `source_spans` finds the indexed outlets a text names (None: outlets are not told apart)."""
    question = " ".join(question.split())
    if not history:
        return question
    last_question = _previous_standalone(history, source_spans)
    if _BARE.match(question):
        return f"{question.rstrip('?.! ')}? {last_question}"
    if _ELLIPTICAL.match(question):
        rest = _ELLIPTICAL.sub("", question).rstrip("?.! ")
        swapped = _other_outlet(rest, last_question, source_spans) if rest else None
        if swapped:
            return swapped
        return f"{rest}? {last_question}" if rest else last_question
    if _POINTS_BACK.search(question) or (not question_names(question) and not question.islower()):
        return f"{question} {last_question}"
    # names its own topic and points nowhere: history must not hurt it. A question typed all in
    # lower case ("how long was wikipedia blocked in turkey?") may well name one: names are
    # told by their capitals, so without any its namelessness says nothing
    return question
