"""Follow-up condensation without an LLM: make "Where did he meet Wendy Sherman?" standalone.

After "Who is Sergei Ryabkov?", the pronoun "he" is replaced by the person the previous turn
was about, so retrieval sees the name. Elliptical follow-ups ("And Kazakhstan?", "Why?") get
the previous question's key words appended. A question that already stands alone is returned
unchanged, so history never hurts a fresh question.
"""
from __future__ import annotations

import re
from typing import Sequence

# Only personal pronouns are rewritten: "it"/"them" too often point at a thing the
# previous question never named; the appended key words cover those.
_PRONOUNS = {"he": "{e}", "she": "{e}", "him": "{e}", "her": "{e}'s", "his": "{e}'s", "hers": "{e}'s"}
_ENTITY = re.compile(r"\b(?:[A-Z][\w’'-]+)(?:\s+(?:of\s+|the\s+)?[A-Z][\w’'-]+)*")
_STOP_STARTS = {"Who", "What", "When", "Where", "Why", "How", "Which", "Did", "Does", "Do", "Is", "Are", "Was",
                "Were", "Can", "Could", "Should", "Would", "Will", "And", "But", "The", "A", "An", "In", "On",
                "According", "Tell", "Name", "List", "I", "It", "He", "She", "They"}
_FOLLOW_UP_START = re.compile(r"^(and|what about|how about|also|so|then|why|why not|how so)\b", re.IGNORECASE)
# Words that point back into the conversation ("that point", "at the time", "them").
_ANAPHORA = re.compile(
    r"\b(he|she|him|her|his|hers|they|them|their|it|its|that|those|these|this|there|then|the time|"
    r"the same|the former|the latter|one|ones)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][\w’'-]+")
_FUNCTION_WORDS = {
    "the", "a", "an", "of", "to", "in", "on", "at", "for", "and", "or", "is", "are", "was", "were", "did",
    "does", "do", "what", "who", "when", "where", "why", "how", "which", "that", "this", "with", "about",
    "from", "by", "as", "be", "been", "has", "have", "had", "it", "he", "she", "they", "his", "her", "their",
}


HISTORY_CHARS = 500


def entities(text: str) -> list[str]:
    """Capitalised name phrases, minus question words at the start ("Who is Sergei Ryabkov" → Sergei Ryabkov)."""
    found = []
    for match in _ENTITY.finditer(text):
        words = match.group(0).split()
        while words and words[0] in _STOP_STARTS:
            words = words[1:]
        if words:
            found.append(" ".join(words))
    return found


def _keywords(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if w.lower() not in _FUNCTION_WORDS]


def condense(question: str, history: Sequence[tuple[str, str]] | None) -> str:
    """A standalone version of `question` given earlier (question, answer) turns.

    Two moves, both cheap and predictable: a personal pronoun is replaced by the main name of
    the previous question (so the query reads naturally: "Where did Sergei Ryabkov meet…"),
    and when the question still points back ("that point", "at the time", "them") or is
    elliptical ("And Kazakhstan?"), the previous question's key words are appended in
    parentheses, which is what retrieval needs to find the same topic again.
    """
    question = question.strip()
    if not history:
        return question
    last_question = history[-1][0][:HISTORY_CHARS]  # a pasted essay earlier must not swamp the search
    own_entities = entities(question)
    refers_back = bool(_ANAPHORA.search(question)) or bool(_FOLLOW_UP_START.match(question))
    if not refers_back and (own_entities or len(_keywords(question)) > 2):
        return question  # stands alone: history must not hurt a fresh question
    # A person's name: two or more capitalised words ("Sergei Ryabkov"), not "US" or "NATO".
    subjects = [e for e in entities(last_question) if len(e.split()) >= 2]
    words = question.split()
    if subjects:
        subject = subjects[0]
        for i, word in enumerate(words):
            bare = word.strip("?,.!").lower()
            if bare in _PRONOUNS:
                tail = word[len(word.rstrip("?,.!")):]
                words[i] = _PRONOUNS[bare].format(e=subject) + tail
                break
    standalone = " ".join(words)
    extra = [w for w in dict.fromkeys(_keywords(last_question)) if w.lower() not in standalone.lower()]
    return f"{standalone} ({' '.join(extra)})" if extra else standalone
