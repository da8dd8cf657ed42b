"""Acronyms asked about and the sentences that spell them out.

"What does RAVVEN stand for?" is answered by the sentence whose words' initials spell it
("RAVVEN (Rust-based Autonomous Vehicle for Virtual Environment Navigation)", "L.E.A.N. stands
for Light, Encrypted, Ad choice supported, Non-invasive ads"), however the scorer ranks it: the
scorer rewards sentences about the thing, and an expansion is the answer by definition. The
check is the initials themselves, so it holds for any acronym and any article.
"""
from __future__ import annotations

import re

# "What does RAVVEN stand for?", "What does the term Y2Q stand for?", "What is WTF short for in
# O'Reilly's talk?", "What does L.E.A.N. mean?"
_ASKS_EXPANSION = re.compile(
    r"^(?:and |so )?what (?:does|do|did|is|was) (?:the (?:term|acronym|abbreviation|name|initialism) )?"
    r"[“\"‘']?(?P<acronym>(?:[A-Z0-9]\.?){2,})[”\"’']?"
    r" (?:stand for|stands for|mean|short for)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][\w'’]*(?:-[\w'’]+)*")
# words with no letter of the acronym between two that have one ("Vehicle for Virtual…",
# "years to quantum", "Ad choice supported, Non-invasive")
MAX_SKIPPED = 2


def asked_acronym(question: str) -> str:
    """The acronym whose expansion the question asks ("RAVVEN"), or ""; one without two capital
    letters ("What does Meross stand for?") is a name, not an acronym."""
    match = _ASKS_EXPANSION.match(question.strip())
    if not match:
        return ""
    acronym = match.group("acronym")
    return acronym if sum(ch.isupper() for ch in acronym) >= 2 else ""


def _letters(acronym: str) -> str:
    return "".join(ch for ch in acronym.upper() if ch.isalpha())


def spells_out(sentence: str, acronym: str) -> bool:
    """Whether `sentence` names `acronym` and holds a run of words whose initials spell its
    letters in order, each letter's word within `MAX_SKIPPED` words of the last (a filler such
    as "for", or an acronym's digit: "Y2Q", "years to quantum"); the acronym itself spells
    nothing."""
    letters, bare = _letters(acronym), acronym.replace(".", "").lower()
    if len(letters) < 2 or bare not in sentence.replace(".", "").lower():
        return False
    words = [w.lower() for w in _WORD.findall(sentence)]
    for start, word in enumerate(words):
        if word == bare or not word.startswith(letters[0].lower()):
            continue
        at, matched = start, 1
        while matched < len(letters):
            window = range(at + 1, min(len(words), at + 2 + MAX_SKIPPED))
            nxt = next((i for i in window if words[i].startswith(letters[matched].lower())), None)
            if nxt is None:
                break
            at, matched = nxt, matched + 1
        if matched == len(letters):
            return True
    return False


# a run of capitalised words, with the small words a name's expansion keeps between them
# ("Office of National Statistics", "United Nations", "Food and Drug Administration")
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:(?:of|and|for|on|the|&)\s+)*[A-Z][\w'’-]*)+")
_ACRONYM = re.compile(r"^[A-Z]{2,6}s?$")


def is_acronym(name: str) -> bool:
    """A name written in two to six capitals ("ONS", "UN", "CEOs"), as acronyms are."""
    return bool(_ACRONYM.match(name))


def expansions(text: str, acronyms: set[str]) -> list[list[str]]:
    """The runs of capitalised words in `text` whose initials spell one of `acronyms`, each as
    its words ("Office of National Statistics" -> ["Office", "National", "Statistics"] for ONS)."""
    found: list[list[str]] = []
    for run in _CAPITALISED_RUN.finditer(text):
        words = [w for w in run.group(0).split() if w[:1].isupper()]
        for start in range(len(words)):
            for end in range(start + 2, len(words) + 1):
                if "".join(w[0] for w in words[start:end]) in acronyms:
                    found.append(words[start:end])
    return found


def spelled_in(text: str, acronym: str) -> bool:
    """Whether `text` writes the name `acronym` abbreviates, as capitalised words whose initials
    spell its letters ("Office of National Statistics" for ONS), though it never writes the
    acronym: asked about "the ONS figures", a page that spells the office out speaks of it."""
    letters = _letters(acronym.removesuffix("s") if acronym.endswith("s") and acronym[:-1].isupper() else acronym)
    return len(letters) >= 2 and bool(expansions(text, {letters}))
